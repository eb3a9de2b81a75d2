"""The k-anonymity engine (issue 18's targets), against anjana (anonymising) and pycanon (checking), same run.

Two data sets, both generated here (no real people):

- **people**: N rows (default 1,000,000) × 5 quasi-identifiers drawn with numpy from Japanese distributions —
  age from Japan's 2020 census pyramid (18–100), sex 48.6 / 51.4, a 7-digit postal code whose first two digits
  follow prefecture populations (2020 census) and whose last four come from a pool of 300 per 3-digit area,
  an occupation from Faker ja_JP's job list (Zipf-weighted), and the purchase date over two years (more in
  December and on weekends); the sensitive attribute is the product bought (the sample people's products).
  Hierarchies: hogo's shipped age bands (5/10/20/*), postal codes (7 → 3 digits → prefecture → region → *),
  occupations (→ JSOC major group → *), sex (→ *) and dates (day → month → year → era → *).
- **adult**: 30,162 rows × 8 quasi-identifiers shaped like the UCI Adult census set after dropping rows with
  missing values (the shape used by ARX and the k-anonymity literature): age, workclass, education, marital
  status, occupation, race, sex, native country, each drawn from the real set's published marginal
  frequencies (independently — the real set is correlated, so this one is harder to anonymise); hierarchies
  of the usual depth (age 5/10/20/*, the rest 1–3 levels).

Model: k = 5, suppression ≤ 1% (people also with distinct 2-diversity on the product). hogo's optimal search
against anjana's k_anonymity (a greedy, Datafly-like search) on the same data and hierarchies; each output is
checked by pycanon for k (and l), and both outputs' information loss is computed with hogo's loss metric.
anjana at 1M rows is far too slow (its hierarchy application loops over rows in Python): it runs on a sample
(`--anjana-rows`) and the ratio is taken against hogo on the same sample.

    python bench/processed_kanon.py [--rows 1000000] [--anjana-rows 30000] [--skip-peers] [--out FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import platform
import time
from typing import Any

import numpy as np
from faker.providers.job.ja_JP import Provider as Jobs
from support import load

from hogo.adapters.sample_people import PRODUCTS
from hogo.adapters.sample_shop import POPULATION as POP
from hogo.processed.engine import Model, Problem, Result
from hogo.processed.hierarchies import (
    _POSTAL2,
    PREFECTURES,
    AgeBands,
    Dates,
    Hierarchy,
    PostalCodes,
    Sex,
    Table,
    occupations,
)

# Population by 5-year band from 15-19 up to 100+, 2020 census, thousands.
AGE_BANDS = [5700, 6300, 6300, 6700, 7400, 8200, 9700, 9400, 8200, 7500, 8400, 9600, 7100, 5900, 4600, 2600, 800, 100]


def people(n: int, seed: int = 2026) -> tuple[dict[str, np.ndarray], dict[str, Hierarchy]]:
    rng = np.random.default_rng(seed)
    band = rng.choice(len(AGE_BANDS), n, p=np.asarray(AGE_BANDS) / sum(AGE_BANDS))
    age = np.clip(15 + band * 5 + rng.integers(0, 5, n), 18, 100)
    sex = rng.choice(np.array(["男性", "女性"]), n, p=[0.486, 0.514])
    pref = rng.choice(len(PREFECTURES), n, p=np.asarray(POP) / sum(POP))
    prefixes: dict[int, list[str]] = {}
    for two, name in _POSTAL2.items():
        prefixes.setdefault(PREFECTURES.index(name), []).append(two)
    area = np.empty(n, dtype="<U3")
    for i in range(len(PREFECTURES)):
        rows = np.flatnonzero(pref == i)
        twos = np.asarray(prefixes[i])
        area[rows] = np.char.add(rng.choice(twos, rows.size), rng.integers(0, 10, rows.size).astype("<U1"))
    tail = np.char.zfill((rng.integers(0, 300, n) * 33).astype("<U4"), 4)
    postal = np.char.add(np.char.add(area, "-"), tail)
    jobs = np.asarray(Jobs.jobs)
    weights = 1 / np.arange(1, len(jobs) + 1) ** 0.8
    job = jobs[rng.permutation(len(jobs))][rng.choice(len(jobs), n, p=weights / weights.sum())]
    days = np.arange(np.datetime64("2025-01-01"), np.datetime64("2027-01-01"))
    w = np.ones(days.size)
    w[(days.astype("datetime64[M]").astype(int) % 12) == 11] *= 2.0
    w[((days.astype(int) + 3) % 7) >= 5] *= 1.5
    bought = rng.choice(days, n, p=w / w.sum()).astype("<U10")
    product = rng.choice(np.asarray(PRODUCTS), n)
    cols = {
        "age": age,
        "sex": sex,
        "postal_code": postal,
        "occupation": job,
        "purchased_on": bought,
        "product": product,
    }
    hier: dict[str, Hierarchy] = {
        "age": AgeBands(),
        "sex": Sex(),
        "postal_code": PostalCodes(),
        "occupation": occupations(),
        "purchased_on": Dates(),
    }
    return cols, hier


ADULT: dict[str, dict[str, tuple[float, tuple[str, ...]]]] = {
    # value: (frequency, labels above) from the Adult training set without missing values
    "workclass": {
        "Private": (22286, ("Non-Government", "*")), "Self-emp-not-inc": (2499, ("Non-Government", "*")),
        "Local-gov": (2067, ("Government", "*")), "State-gov": (1279, ("Government", "*")),
        "Self-emp-inc": (1074, ("Non-Government", "*")), "Federal-gov": (943, ("Government", "*")),
        "Without-pay": (14, ("Unemployed", "*")),
    },
    "education": {
        "HS-grad": (9840, ("High School", "Secondary", "*")), "Some-college": (6678, ("University", "Higher", "*")),
        "Bachelors": (5044, ("Undergraduate", "Higher", "*")), "Masters": (1627, ("Graduate", "Higher", "*")),
        "Assoc-voc": (1307, ("Professional", "Higher", "*")), "11th": (1048, ("High School", "Secondary", "*")),
        "Assoc-acdm": (1008, ("Professional", "Higher", "*")), "10th": (820, ("High School", "Secondary", "*")),
        "7th-8th": (557, ("Primary", "Primary", "*")), "Prof-school": (542, ("Graduate", "Higher", "*")),
        "9th": (455, ("High School", "Secondary", "*")), "12th": (377, ("High School", "Secondary", "*")),
        "Doctorate": (375, ("Graduate", "Higher", "*")), "5th-6th": (288, ("Primary", "Primary", "*")),
        "1st-4th": (151, ("Primary", "Primary", "*")), "Preschool": (45, ("Primary", "Primary", "*")),
    },
    "marital_status": {
        "Married-civ-spouse": (14065, ("spouse present", "*")), "Never-married": (9726, ("spouse not present", "*")),
        "Divorced": (4214, ("spouse not present", "*")), "Separated": (939, ("spouse not present", "*")),
        "Widowed": (827, ("spouse not present", "*")), "Married-spouse-absent": (370, ("spouse not present", "*")),
        "Married-AF-spouse": (21, ("spouse present", "*")),
    },
    "occupation": {
        "Prof-specialty": (4038, ("White-collar", "*")), "Craft-repair": (4030, ("Blue-collar", "*")),
        "Exec-managerial": (3992, ("White-collar", "*")), "Adm-clerical": (3721, ("White-collar", "*")),
        "Sales": (3584, ("White-collar", "*")), "Other-service": (3212, ("Blue-collar", "*")),
        "Machine-op-inspct": (1966, ("Blue-collar", "*")), "Transport-moving": (1572, ("Blue-collar", "*")),
        "Handlers-cleaners": (1350, ("Blue-collar", "*")), "Farming-fishing": (989, ("Blue-collar", "*")),
        "Tech-support": (912, ("White-collar", "*")), "Protective-serv": (644, ("Other", "*")),
        "Priv-house-serv": (143, ("Other", "*")), "Armed-Forces": (9, ("Other", "*")),
    },
    "race": {
        "White": (25933, ("*",)), "Black": (2817, ("*",)), "Asian-Pac-Islander": (895, ("*",)),
        "Amer-Indian-Eskimo": (286, ("*",)), "Other": (231, ("*",)),
    },
    "sex": {"Male": (20380, ("*",)), "Female": (9782, ("*",))},
}  # fmt: skip
COUNTRIES = {
    "United-States": 27504, "Mexico": 610, "Philippines": 188, "Germany": 128, "Puerto-Rico": 109, "Canada": 107,
    "India": 100, "El-Salvador": 100, "Cuba": 92, "England": 86, "Jamaica": 80, "South": 71, "China": 68,
    "Italy": 68, "Dominican-Republic": 67, "Vietnam": 64, "Guatemala": 63, "Japan": 59, "Poland": 56,
    "Columbia": 56, "Iran": 42, "Taiwan": 42, "Haiti": 42, "Portugal": 34, "Nicaragua": 33, "Peru": 30,
    "Greece": 29, "France": 27, "Ecuador": 27, "Ireland": 24, "Hong": 19, "Cambodia": 18, "Trinadad&Tobago": 18,
    "Thailand": 17, "Laos": 17, "Yugoslavia": 16, "Outlying-US(Guam-USVI-etc)": 14, "Hungary": 13,
    "Honduras": 12, "Scotland": 11, "Holand-Netherlands": 1,
}  # fmt: skip
AMERICA = {"United-States", "Mexico", "Puerto-Rico", "Canada", "El-Salvador", "Cuba", "Jamaica", "Dominican-Republic",
           "Guatemala", "Columbia", "Haiti", "Nicaragua", "Peru", "Ecuador", "Trinadad&Tobago", "Honduras",
           "Outlying-US(Guam-USVI-etc)"}  # fmt: skip
ASIA = {"Philippines", "India", "South", "China", "Vietnam", "Japan", "Iran", "Taiwan", "Hong", "Cambodia",
        "Thailand", "Laos"}  # fmt: skip


def adult(n: int = 30162, seed: int = 1994) -> tuple[dict[str, np.ndarray], dict[str, Hierarchy]]:
    rng = np.random.default_rng(seed)
    # age: the Adult set's shape, 17-90, mode in the late 30s
    age = np.clip(np.round(rng.gamma(5.2, 7.5, n) + 12).astype(int), 17, 90)
    cols: dict[str, np.ndarray] = {"age": age}
    hier: dict[str, Hierarchy] = {"age": AgeBands(top_code=None)}
    countries = {
        c: (float(f), ("America" if c in AMERICA else "Asia" if c in ASIA else "Europe", "*"))
        for c, f in COUNTRIES.items()
    }
    for col, spec in {**ADULT, "native_country": countries}.items():
        values = np.asarray(list(spec))
        freq = np.asarray([f for f, _ in spec.values()], dtype=float)
        cols[col] = rng.choice(values, n, p=freq / freq.sum())
        height = len(next(iter(spec.values()))[1])
        hier[col] = Table(
            name=col,
            level_names=(col, *[f"L{i}" for i in range(1, height)], "*"),
            rows={v: labels for v, (_, labels) in spec.items()},
        )
    return cols, hier


def timed(fn: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def cpu_timed(fn: Any) -> tuple[Any, float, float]:
    """Wall and CPU seconds (CPU time is what one core spends; the wall clock also counts waiting for it)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def hogo_run(cols: dict[str, np.ndarray], hier: dict[str, Hierarchy], model: Model, sens: list[str]) -> dict[str, Any]:
    def go() -> tuple[Problem, Result]:
        problem = Problem(cols, hier, sens)
        return problem, problem.solve(model)

    (problem, result), took, cpu = cpu_timed(go)
    return {"problem": problem, "result": result, "seconds": took, "cpu_seconds": cpu}


def anjana_hierarchies(cols: dict[str, np.ndarray], hier: dict[str, Hierarchy]) -> dict[str, dict[int, Any]]:
    import pandas as pd

    out = {}
    for name, h in hier.items():
        distinct = sorted({str(v) for v in cols[name].tolist()})
        levels = h.levels(distinct)
        out[name] = {0: pd.Series(distinct), **{i + 1: pd.Series(lv) for i, lv in enumerate(levels)}}
    return out


def anjana_run(cols: dict[str, np.ndarray], hier: dict[str, Hierarchy], model: Model) -> dict[str, Any]:
    import pandas as pd
    from anjana.anonymity import k_anonymity_inner  # type: ignore[import-untyped]

    frame = pd.DataFrame({c: cols[c].astype(str) for c in hier})
    hierarchies = anjana_hierarchies(cols, hier)
    sink = io.StringIO()
    wall, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(sink):
        out, suppressed, levels = k_anonymity_inner(
            frame, [], list(hier), model.k, model.suppression * 100, hierarchies
        )
    took, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"frame": out, "suppressed": int(suppressed), "levels": levels, "seconds": took, "cpu_seconds": cpu}


def pycanon_check(frame: Any, quasi: list[str], sensitive: list[str]) -> dict[str, Any]:
    from pycanon import anonymity  # type: ignore[import-untyped]

    started = time.perf_counter()
    k = int(anonymity.k_anonymity(frame, quasi))
    got: dict[str, Any] = {"k": k}
    if sensitive:
        got["l"] = int(anonymity.l_diversity(frame, quasi, sensitive))
    got["seconds"] = round(time.perf_counter() - started, 3)
    return got


def released_frame(cols: dict[str, np.ndarray], result: Result, sens: list[str]) -> Any:
    import pandas as pd

    data = {c: result.generalised[c] for c in result.quasi}
    for s in sens:
        data[s] = cols[s][result.keep]
    return pd.DataFrame(data)


def case(name: str, cols: dict[str, np.ndarray], hier: dict[str, Hierarchy], model: Model, sens: list[str],
         anjana_rows: int, peers: bool, check: bool = False) -> dict[str, Any]:  # fmt: skip
    n = len(next(iter(cols.values())))
    ours = hogo_run(cols, hier, model, sens)
    res: Result = ours["result"]
    report: dict[str, Any] = {
        "case": name,
        "rows": n,
        "quasi_identifiers": list(hier),
        "model": {"k": model.k, "l": model.l, "suppression": model.suppression},
        "hogo": {**res.summary(), "seconds": round(ours["seconds"], 3), "cpu_seconds": round(ours["cpu_seconds"], 3)},
    }
    print(f"[{name}] hogo {n:,} rows: {ours['seconds']:.2f} s (CPU {ours['cpu_seconds']:.2f} s), loss {res.loss:.4f}, "
          f"suppressed {res.suppressed}, evaluated {res.evaluated}/{res.lattice_size}, load {load()}")  # fmt: skip
    if not peers and not check:
        return report
    report["pycanon_on_hogo"] = pycanon_check(released_frame(cols, res, sens), list(hier), sens)
    print(f"[{name}] pycanon on hogo's output: {report['pycanon_on_hogo']}")
    if not peers:
        return report
    m = min(n, anjana_rows)
    sample = {c: v[:m] for c, v in cols.items()}
    peer_model = Model(k=model.k, suppression=model.suppression)  # anjana's k_anonymity: k and suppression only
    same = hogo_run(sample, hier, peer_model, [])
    theirs = anjana_run(sample, hier, peer_model)
    node = [int(theirs["levels"].get(c, 0)) for c in hier]
    measured = same["problem"].apply(node, peer_model)
    peer_frame = theirs["frame"]
    report["anjana"] = {
        "rows": m,
        "seconds": round(theirs["seconds"], 3),
        "cpu_seconds": round(theirs["cpu_seconds"], 3),
        "levels": node,
        "suppressed": theirs["suppressed"],
        "loss": measured.loss,
        "hogo_same_rows_seconds": round(same["seconds"], 3),
        "hogo_same_rows_cpu_seconds": round(same["cpu_seconds"], 3),
        "hogo_same_rows_loss": same["result"].loss,
        "hogo_same_rows_levels": list(same["result"].node),
        "speed_ratio": round(theirs["seconds"] / same["seconds"], 1),
        "cpu_ratio": round(theirs["cpu_seconds"] / same["cpu_seconds"], 1),
        "pycanon_on_anjana": pycanon_check(peer_frame, list(hier), []) if len(peer_frame) else None,
        "pycanon_on_hogo_same_rows": pycanon_check(released_frame(sample, same["result"], []), list(hier), []),
    }
    a = report["anjana"]
    print(f"[{name}] anjana {m:,} rows: {a['seconds']:.2f} s (hogo {a['hogo_same_rows_seconds']:.3f} s, "
          f"{a['speed_ratio']}x), loss anjana {a['loss']:.4f} vs hogo {a['hogo_same_rows_loss']:.4f}; "
          f"pycanon anjana {a['pycanon_on_anjana']} hogo {a['pycanon_on_hogo_same_rows']}")  # fmt: skip
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--anjana-rows", type=int, default=30_000)
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    started_load = load()
    print(f"load at start: {started_load}")
    out: dict[str, Any] = {"python": platform.python_version(), "numpy": np.__version__, "load_start": started_load}
    model = Model(k=5, suppression=0.01)
    cols, hier = adult()
    out["adult"] = case("adult", cols, hier, model, [], 30_162, not args.skip_peers)
    (cols, hier), took = timed(lambda: people(args.rows))
    print(f"generated {args.rows:,} people in {took:.1f} s")
    out["people"] = case("people", cols, hier, model, [], args.anjana_rows, not args.skip_peers)
    with_l = Model(k=5, suppression=0.01, l=2)
    out["people_l2"] = case(
        "people, 2-diverse product", cols, hier, with_l, ["product"], args.anjana_rows, False, not args.skip_peers
    )
    out["load_end"] = load()
    print(f"load at end: {out['load_end']}")
    text = json.dumps(out, ensure_ascii=False, indent=1, default=str)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
