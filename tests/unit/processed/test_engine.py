"""The k-anonymity engine on small tables with hand-checked answers, and against a brute-force oracle over every
node of the lattice on random tables."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import numpy as np
import pytest

from hogo.processed.engine import Model, ModelError, Problem, anonymise
from hogo.processed.hierarchies import AgeBands, Hierarchy, NumberBands, Sex, Table

ZIP = Table(
    name="zip",
    level_names=("zip", "4 digits", "*"),
    rows={"1301": ("130*", "*"), "1302": ("130*", "*"), "1481": ("148*", "*"), "1482": ("148*", "*")},
)
AGE = AgeBands(widths=(10,), level_names=("age", "10y", "*"), top_code=None)


def test_hand_checked_table_needs_age_bands_only() -> None:
    # Two people per (zip, age band of ten): k = 2 holds once ages are banded, zip untouched.
    cols = {
        "zip": np.array(["1301", "1301", "1302", "1302", "1481", "1481"]),
        "age": np.array([21, 28, 33, 35, 41, 47]),
    }
    r = anonymise(cols, {"zip": ZIP, "age": AGE}, Model(k=2))
    assert r.node == (0, 1)
    assert r.level_names == ("zip", "10y")
    assert r.suppressed == 0
    assert r.classes == 3
    assert r.min_class == 2
    assert list(r.generalised["age"]) == ["20-29", "20-29", "30-39", "30-39", "40-49", "40-49"]
    # LM: zip untouched (0); each age cell covers 2 of the 6 distinct ages: (2-1)/(6-1) = 0.2, averaged over 2 QIs
    assert r.loss == pytest.approx(0.1)
    assert r.risk.prosecutor_max == pytest.approx(0.5)
    assert r.risk.marketer == pytest.approx(3 / 6)


def test_suppression_budget_keeps_generalisation_low() -> None:
    # Five rows share one age band; a single outlier (age 80) would force age to "*" unless suppressed.
    ages = [30, 31, 32, 33, 34, 80]
    cols = {"sex": np.array(["女性"] * 6), "age": np.array(ages)}
    hier: dict[str, Hierarchy] = {"sex": Sex(), "age": AgeBands(widths=(5,), level_names=("age", "5y", "*"))}
    strict = anonymise(cols, hier, Model(k=5))
    assert strict.level_names[1] == "*" and strict.suppressed == 0
    loose = anonymise(cols, hier, Model(k=5, suppression=0.2))
    assert loose.level_names == ("sex", "5y")
    assert loose.suppressed == 1
    assert loose.keep.tolist() == [True] * 5 + [False]
    assert list(loose.generalised["age"]) == ["30-34"] * 5


def test_l_diversity_forces_more_generalisation() -> None:
    cols = {
        "age": np.array([21, 22, 23, 24, 31, 32, 33, 34]),
        "illness": np.array(["flu", "flu", "cold", "cold", "flu", "flu", "flu", "flu"]),
    }
    hier = {"age": AgeBands(widths=(10,), level_names=("age", "10y", "*"), top_code=None)}
    only_k = anonymise(cols, hier, Model(k=4), sensitive=["illness"])
    assert only_k.level_names == ("10y",)
    with_l = anonymise(cols, hier, Model(k=4, l=2), sensitive=["illness"])
    assert with_l.level_names == ("*",)
    assert with_l.min_l == 2


def test_t_closeness_equal_distance() -> None:
    cols = {
        "age": np.array([21, 22, 23, 24, 31, 32, 33, 34]),
        "illness": np.array(["a", "a", "a", "b", "b", "b", "b", "a"]),
    }
    hier = {"age": AgeBands(widths=(10,), level_names=("age", "10y", "*"), top_code=None)}
    # Bands hold 3:1 and 1:3 against 1:1 overall: distance 0.25 each.
    r = anonymise(cols, hier, Model(k=2, t=0.25), sensitive=["illness"])
    assert r.level_names == ("10y",)
    assert r.max_t == pytest.approx(0.25)
    assert anonymise(cols, hier, Model(k=2, t=0.2), sensitive=["illness"]).level_names == ("*",)


def test_bad_input_names_the_column() -> None:
    cols = {"age": np.array([20, 30, 200]), "sex": np.array(["男性", "女性", "男性"])}
    with pytest.raises(ModelError) as exc:
        Problem(cols, {"age": AgeBands(), "sex": Sex()})
    assert exc.value.column == "age" and "200" in str(exc.value)
    with pytest.raises(ModelError) as exc:
        Problem({"sex": np.array(["男性", "?"])}, {"sex": Sex()})
    assert exc.value.column == "sex"
    ok = {"age": np.array([20, 30, 40]), "sex": np.array(["男性", "女性", "男性"])}
    with pytest.raises(ModelError) as exc:
        Problem(ok, {"age": AgeBands()}).solve(Model(k=4))
    assert exc.value.column == "k" and "larger than the data" in str(exc.value)
    with pytest.raises(ModelError) as exc:
        Problem(ok, {"age": AgeBands(), "sex": Sex()}, sensitive=["sex"])
    assert exc.value.column == "sex" and "quasi-identifier" in str(exc.value)
    with pytest.raises(ModelError) as exc:
        Problem(ok, {"age": AgeBands()}, sensitive=["income"])
    assert exc.value.column == "income"


def test_hierarchy_that_is_not_nested_is_refused() -> None:
    bad = Table(name="bad", level_names=("v", "g", "*"), rows={"a": ("x", "*"), "b": ("x", "y")})
    with pytest.raises(ModelError, match="not nested"):
        Problem({"v": np.array(["a", "b"])}, {"v": bad})


# --- against a brute-force oracle ------------------------------------------------------------------------------


def _oracle(rows: list[tuple[str, ...]], sens: list[str], labels: list[dict[str, list[str]]], model: Model):
    """Every node: (suppressed, satisfied, loss) by plain Python."""
    q = len(labels)
    heights = [len(next(iter(lab.values()))) for lab in labels]
    distinct = [len(lab) for lab in labels]
    n = len(rows)
    out = {}
    for node in itertools.product(*[range(h + 1) for h in heights]):

        def gen(row: tuple[str, ...], node: tuple[int, ...] = node) -> tuple[str, ...]:
            return tuple(row[j] if node[j] == 0 else labels[j][row[j]][node[j] - 1] for j in range(q))

        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, row in enumerate(rows):
            groups[gen(row)].append(i)
        leaves = [Counter() for _ in range(q)]
        for j in range(q):
            for v in labels[j]:
                leaves[j][(node[j], v if node[j] == 0 else labels[j][v][node[j] - 1])] += 1
        suppressed = 0
        total = 0.0
        for key, members in groups.items():
            bad = len(members) < model.k
            if model.l is not None:
                bad |= len({sens[i] for i in members}) < model.l
            if bad:
                suppressed += len(members)
            else:
                for j in range(q):
                    lv = leaves[j][(node[j], key[j])]
                    total += len(members) * ((lv - 1) / (distinct[j] - 1) if distinct[j] > 1 else 0.0)
        total += suppressed * q
        out[node] = (suppressed, suppressed <= int(model.suppression * n + 1e-9), total / (n * q))
    return out


@pytest.mark.parametrize("seed", range(25))
def test_engine_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 120))
    colours = ["red", "green", "blue", "grey", "pink", "teal"]
    shade = Table(
        name="colour",
        level_names=("colour", "family", "*"),
        rows={c: ("warm" if c in {"red", "pink"} else "cool", "*") for c in colours},
    )
    age = AgeBands(widths=(5, 10), level_names=("age", "5y", "10y", "*"), top_code=None)
    cols = {
        "age": rng.integers(20, 50, n),
        "colour": rng.choice(colours, n, p=[0.4, 0.2, 0.2, 0.1, 0.05, 0.05]),
        "sex": rng.choice(["男性", "女性"], n),
        "s": rng.choice(["x", "y", "z"], n),
    }
    k = int(rng.integers(2, 8))
    supp = float(rng.choice([0.0, 0.02, 0.05, 0.1]))
    l_div = int(rng.integers(1, 3)) if seed % 2 else None
    model = Model(k=k, suppression=supp, l=l_div)
    hier: dict[str, Hierarchy] = {"age": age, "colour": shade, "sex": Sex()}
    result = anonymise(cols, hier, model, sensitive=["s"])

    ages = sorted({str(a) for a in cols["age"]})
    labels = [
        dict(zip(ages, zip(*age.levels(ages), strict=True), strict=True)),
        {c: shade.rows[c] for c in sorted(set(cols["colour"]))},
        {s: ("*",) for s in sorted(set(cols["sex"]))},
    ]
    rows = [(str(a), str(c), str(s)) for a, c, s in zip(cols["age"], cols["colour"], cols["sex"], strict=True)]
    oracle = _oracle(rows, [str(x) for x in cols["s"]], labels, model)
    best = min(loss for _, ok, loss in oracle.values() if ok)
    suppressed, ok, loss = oracle[result.node]
    assert ok
    assert result.suppressed == suppressed <= result.budget_rows
    assert result.loss == pytest.approx(loss)
    assert result.loss == pytest.approx(best)
    # the released rows are k-anonymous (and l-diverse) on the released labels
    released = Counter(zip(*(result.generalised[c] for c in result.quasi), strict=True))
    assert min(released.values()) >= k
    assert sum(released.values()) == n - result.suppressed


def test_loss_against_k_never_falls() -> None:
    rng = np.random.default_rng(7)
    n = 2000
    cols = {"age": rng.integers(18, 90, n), "sex": rng.choice(["男性", "女性"], n)}
    problem = Problem(cols, {"age": AgeBands(), "sex": Sex()})
    losses = [problem.solve(Model(k=k, suppression=0.01)).loss for k in (2, 5, 10, 20, 50, 100)]
    assert losses == sorted(losses)


def test_key_space_beyond_int64_is_compressed_on_the_way() -> None:
    # five columns of 20,000 distinct values each: 20,000^5 > 2^62 at the bottom of the lattice
    rng = np.random.default_rng(3)
    n = 20_000
    bands = NumberBands(name="n", widths=(10, 100, 1000, 10000))
    cols = {f"c{i}": rng.permutation(n) for i in range(5)}
    r = anonymise(cols, dict.fromkeys(cols, bands), Model(k=3, suppression=0.01))
    released = Counter(zip(*(r.generalised[c] for c in r.quasi), strict=True))
    assert min(released.values()) >= 3
    assert r.suppressed <= r.budget_rows
