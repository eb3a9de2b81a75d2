"""The k-anonymity engine: an optimal search of the generalisation lattice (in the spirit of ARX's Flash), with
pruning by monotonicity and a lower bound on the loss, vectorised with numpy (no Python loop per row).

- Each quasi-identifier is factorised once; its hierarchy is asked about the distinct values only and gives, per
  level, an integer code for every distinct value. A node of the lattice is one level per quasi-identifier.
- The equivalence classes of a node are counted on a *class table* (distinct code combinations with counts): the
  codes are mapped up to the node's levels, combined into one int64 key, and grouped with `np.bincount` (when the
  key space is small) or `np.unique`. A node is rolled up from the smallest table already computed below it, so
  only the first evaluations touch every row.
- A node satisfies the model when the rows in classes that fail it (smaller than k, fewer than l distinct
  sensitive values, farther than t from the whole table's distribution) fit in the suppression budget. Merging
  classes keeps a satisfying class satisfying, so the suppressed rows never grow up the lattice: if a node
  satisfies, every node above it does; if it fails, every node below it fails. Phase 1 classifies every node with
  binary searches along greedy paths, tagging ancestors and descendants. Phase 2 finds the satisfying node with the
  least loss, visiting candidates by a lower bound of the loss that is monotone and exact without suppression, and
  stops as soon as the bound reaches the best loss found.
- Loss is Iyengar's loss metric (LM): per cell, (distinct original values under the generalised value − 1) /
  (distinct values in the column − 1), a suppressed cell counting 1, averaged over every cell of the quasi-
  identifiers. Also reported: generalisation intensity, discernibility and the normalised average class size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from hogo.processed.hierarchies import Hierarchy, Uncovered

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Column = npt.NDArray[Any]

_MAX_KEY = 1 << 62
_CACHE_ELEMENTS = 40_000_000
_CACHE_TABLES = 512


class ModelError(ValueError):
    """Bad input: names the column (or parameter) at fault. Nothing is written when it is raised."""

    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(f"{column}: {message}" if column else message)
        self.column = column
        self.message = message


@dataclass(frozen=True)
class Model:
    """The privacy model: k-anonymity with an optional distinct l-diversity and t-closeness on each sensitive
    attribute, and a suppression budget (a fraction of the rows)."""

    k: int
    suppression: float = 0.0
    l: int | None = None  # noqa: E741 - the literature's letter
    t: float | None = None
    t_distance: Literal["equal", "ordered"] = "equal"


@dataclass
class _Quasi:
    name: str
    hierarchy: Hierarchy
    base: npt.NDArray[np.int32]  # per row: the index of its distinct value
    maps: list[npt.NDArray[np.int64]]  # per level: distinct value → code at that level
    labels: list[npt.NDArray[np.str_]]  # per level: code → label
    cards: list[int]
    loss: list[F64]  # per level: code → cell loss in [0, 1]
    loss_mean: list[float]  # per level: mean cell loss over the rows
    up: dict[tuple[int, int], npt.NDArray[np.int64]] = field(default_factory=dict)

    def up_map(self, lo: int, hi: int) -> npt.NDArray[np.int64]:
        got = self.up.get((lo, hi))
        if got is None:
            got = np.empty(self.cards[lo], dtype=np.int64)
            got[self.maps[lo]] = self.maps[hi]
            self.up[(lo, hi)] = got
        return got


@dataclass
class _Sensitive:
    name: str
    codes: npt.NDArray[np.int64]  # per row
    labels: npt.NDArray[Any]
    card: int
    overall: F64  # the whole table's distribution


@dataclass
class _ClassTable:
    node: npt.NDArray[np.int64]
    codes: list[I64]  # per quasi-identifier, code of each class at the node's level
    counts: I64
    sens: list[tuple[I64, I64, I64]]  # per sensitive attribute: (class, value, count) triples
    size: int = field(init=False)
    parent_class: I64 | None = None  # the class in this table of each class (or row) of the table rolled up

    def __post_init__(self) -> None:
        self.size = int(self.counts.shape[0])


@dataclass(frozen=True)
class Evaluation:
    node: tuple[int, ...]
    satisfied: bool
    suppressed: int
    classes: int
    loss: float


@dataclass(frozen=True)
class Risk:
    """Re-identification risk of the released rows (El Emam's three attackers). Without a population table the
    journalist's risk is bounded by the prosecutor's (the sample taken as its own population)."""

    prosecutor_max: float
    prosecutor_avg: float
    records_at_highest_risk: int
    journalist_max: float
    marketer: float


@dataclass(frozen=True)
class Result:
    model: Model
    quasi: tuple[str, ...]
    node: tuple[int, ...]
    level_names: tuple[str, ...]
    rows: int
    suppressed: int
    budget_rows: int
    classes: int
    min_class: int
    loss: float  # Iyengar's loss metric (the one optimised)
    intensity: float
    discernibility: float
    avg_class_size: float  # normalised: (kept rows / classes) / k
    risk: Risk
    lattice_size: int
    evaluated: int
    keep: npt.NDArray[np.bool_]  # per row: released (not suppressed)
    class_sizes: I64  # per released class
    generalised: dict[str, npt.NDArray[np.str_]]  # per quasi-identifier, the released rows' labels
    min_l: int | None = None
    max_t: float | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "k": self.model.k,
            "l": self.model.l,
            "t": self.model.t,
            "suppression_budget": self.model.suppression,
            "rows": self.rows,
            "released_rows": int(self.keep.sum()),
            "suppressed_rows": self.suppressed,
            "suppressed_fraction": self.suppressed / self.rows if self.rows else 0.0,
            "classes": self.classes,
            "smallest_class": self.min_class,
            "levels": dict(zip(self.quasi, self.level_names, strict=True)),
            "node": list(self.node),
            "loss": {
                "metric": "loss-metric (Iyengar)",
                "value": self.loss,
                "generalisation_intensity": self.intensity,
                "discernibility": self.discernibility,
                "normalised_average_class_size": self.avg_class_size,
            },
            "risk": {
                "prosecutor_max": self.risk.prosecutor_max,
                "prosecutor_avg": self.risk.prosecutor_avg,
                "records_at_highest_risk": self.risk.records_at_highest_risk,
                "journalist_max": self.risk.journalist_max,
                "marketer": self.risk.marketer,
            },
            "smallest_l": self.min_l,
            "largest_t": self.max_t,
            "lattice_nodes": self.lattice_size,
            "evaluated_nodes": self.evaluated,
        }


def _factorise(values: Column) -> tuple[Column, npt.NDArray[np.int64]]:
    uniq, inv = np.unique(values, return_inverse=True)
    return uniq, inv.astype(np.int64, copy=False).reshape(-1)


def _prepare_quasi(name: str, values: Column, hierarchy: Hierarchy) -> _Quasi:
    uniq, inv = _factorise(values)
    n = inv.shape[0]
    counts = np.bincount(inv, minlength=uniq.shape[0])
    as_text = [str(v) for v in uniq.tolist()]
    try:
        upper = hierarchy.levels(as_text)
    except Uncovered as exc:
        raise ModelError(name, f"the hierarchy {hierarchy.name!r} does not cover the value {exc.value!r}") from None
    if len(upper) != hierarchy.height:
        raise ModelError(
            name, f"the hierarchy {hierarchy.name!r} gave {len(upper)} levels, expected {hierarchy.height}"
        )
    maps: list[I64] = [np.arange(uniq.shape[0], dtype=np.int64)]
    labels: list[npt.NDArray[np.str_]] = [np.asarray(as_text, dtype=np.str_)]
    for level_labels in upper:
        lab, code = np.unique(np.asarray(level_labels, dtype=np.str_), return_inverse=True)
        maps.append(code.astype(np.int64).reshape(-1))
        labels.append(lab)
    cards = [int(lab.shape[0]) for lab in labels]
    for lv in range(len(maps) - 1):
        parent = np.full(cards[lv], -1, dtype=np.int64)
        parent[maps[lv]] = maps[lv + 1]
        if np.any(parent[maps[lv]] != maps[lv + 1]):
            raise ModelError(name, f"the hierarchy {hierarchy.name!r} is not nested at level {lv + 1}")
    distinct = uniq.shape[0]
    loss: list[F64] = []
    loss_mean: list[float] = []
    for lv in range(len(maps)):
        leaves = np.bincount(maps[lv], minlength=cards[lv]).astype(np.float64)
        cell = (leaves - 1.0) / (distinct - 1.0) if distinct > 1 else np.zeros(cards[lv])
        loss.append(cell)
        loss_mean.append(float((cell[maps[lv]] * counts).sum() / n) if n else 0.0)
    return _Quasi(name, hierarchy, inv.astype(np.int32), maps, labels, cards, loss, loss_mean)


class Problem:
    """A table prepared for anonymisation: quasi-identifiers with their hierarchies and sensitive attributes.
    Prepare once, then `solve` for any model (the loss-against-k chart solves the same problem for many k)."""

    def __init__(
        self,
        columns: Mapping[str, Column],
        hierarchies: Mapping[str, Hierarchy],
        sensitive: Sequence[str] = (),
        *,
        ordered_sensitive: Mapping[str, Sequence[Any]] | None = None,
    ) -> None:
        both = set(hierarchies) & set(sensitive)
        if both:
            col = sorted(both)[0]
            raise ModelError(col, "a sensitive attribute cannot also be a quasi-identifier")
        for col in [*hierarchies, *sensitive]:
            if col not in columns:
                raise ModelError(col, "no such column in the source")
        lengths = {int(np.asarray(columns[c]).shape[0]) for c in [*hierarchies, *sensitive]}
        if len(lengths) > 1:
            raise ModelError(None, "the columns differ in length")
        self.n = lengths.pop() if lengths else 0
        if not hierarchies:
            raise ModelError(None, "at least one quasi-identifier is needed")
        self.quasi = [_prepare_quasi(c, np.asarray(columns[c]), h) for c, h in hierarchies.items()]
        self.sensitive: list[_Sensitive] = []
        for c in sensitive:
            uniq, inv = _factorise(np.asarray(columns[c]))
            order = (ordered_sensitive or {}).get(c)
            if order is not None:
                rank = {str(v): i for i, v in enumerate(order)}
                missing = [str(v) for v in uniq.tolist() if str(v) not in rank]
                if missing:
                    raise ModelError(c, f"the order of the sensitive values does not cover {missing[0]!r}")
                pos = np.asarray([rank[str(v)] for v in uniq.tolist()], dtype=np.int64)
                sort = np.argsort(pos)
                remap = np.empty_like(sort)
                remap[sort] = np.arange(sort.shape[0])
                inv, uniq = remap[inv], uniq[sort]
            card = int(uniq.shape[0])
            overall = np.bincount(inv, minlength=card).astype(np.float64) / max(self.n, 1)
            self.sensitive.append(_Sensitive(c, inv, uniq, card, overall))
        self.heights = np.asarray([q.hierarchy.height for q in self.quasi], dtype=np.int64)
        grids = np.indices(tuple(int(h) + 1 for h in self.heights)).reshape(len(self.quasi), -1).T
        self.lattice: I64 = np.ascontiguousarray(grids.astype(np.int64))
        lm = np.zeros(self.lattice.shape[0])
        for j, q in enumerate(self.quasi):
            lm += np.asarray(q.loss_mean)[self.lattice[:, j]]
        self.lower: F64 = lm / len(self.quasi)
        self._base: _ClassTable | None = None

    # -- class tables ------------------------------------------------------------------------------------------

    def _base_table(self) -> _ClassTable:
        if self._base is None:
            node = np.zeros(len(self.quasi), dtype=np.int64)
            codes = [q.base.astype(np.int64) for q in self.quasi]
            ones = np.ones(self.n, dtype=np.int64)
            rows = np.arange(self.n, dtype=np.int64)
            first = _ClassTable(node, codes, ones, [(rows, s.codes, ones) for s in self.sensitive])
            self._base = self._group(first, node)
        return self._base

    def _group(self, src: _ClassTable, node: I64) -> _ClassTable:
        """The classes of `node`, rolled up from the class table `src` (whose node is at or below it)."""
        codes = [
            (
                self.quasi[j].up_map(int(src.node[j]), int(node[j]))[src.codes[j]]
                if src.node[j] != node[j]
                else src.codes[j]
            )
            for j in range(len(self.quasi))
        ]
        cards = [self.quasi[j].cards[int(node[j])] for j in range(len(self.quasi))]
        key, decodable = combine(codes, cards)
        space = math.prod(cards) if decodable else _MAX_KEY
        m = src.size
        if decodable and space <= 4 * m + 1024:
            present = np.bincount(key, minlength=space)
            uniq = np.flatnonzero(present)
            lookup = np.empty(space, dtype=np.int64)
            lookup[uniq] = np.arange(uniq.shape[0])
            inv = lookup[key]
            counts = np.bincount(key, weights=src.counts, minlength=space)[uniq].astype(np.int64)
            new_codes = _decode(uniq, cards)
        else:
            uniq, first, inv = np.unique(key, return_index=True, return_inverse=True)
            inv = inv.reshape(-1)
            counts = np.bincount(inv, weights=src.counts, minlength=uniq.shape[0]).astype(np.int64)
            new_codes = [c[first] for c in codes]
        sens = []
        for (cls, val, cnt), s in zip(src.sens, self.sensitive, strict=True):
            k2 = inv[cls] * s.card + val
            u2, i2 = np.unique(k2, return_inverse=True)
            c2 = np.bincount(i2.reshape(-1), weights=cnt, minlength=u2.shape[0]).astype(np.int64)
            sens.append((u2 // s.card, u2 % s.card, c2))
        return _ClassTable(node.copy(), new_codes, counts, sens, parent_class=inv)

    # -- evaluation --------------------------------------------------------------------------------------------

    def _failing(self, table: _ClassTable, model: Model) -> npt.NDArray[np.bool_]:
        """The classes that fail the model (smaller than k, fewer than l distinct values, farther than t)."""
        fail = table.counts < model.k
        for (cls, val, cnt), s in zip(table.sens, self.sensitive, strict=True):
            if model.l is not None:
                distinct = np.bincount(cls, minlength=table.size)
                fail |= distinct < model.l
            if model.t is not None:
                dist = self._distance(table, cls, val, cnt, s, model.t_distance)
                fail |= dist > model.t + 1e-12
        return fail

    def _distance(self, table: _ClassTable, cls: I64, val: I64, cnt: I64, s: _Sensitive, how: str) -> F64:
        p = cnt / table.counts[cls]
        if how == "equal":
            # 1/2 Σ|p − q| over every value, the absent ones contributing q each.
            part = np.abs(p - s.overall[val]) - s.overall[val]
            return np.asarray(0.5 * (np.bincount(cls, weights=part, minlength=table.size) + 1.0), dtype=np.float64)
        if table.size * s.card > 50_000_000:
            raise ModelError(s.name, "ordered t-closeness on this many classes × values is too large")
        dense = np.zeros((table.size, s.card))
        dense[cls, val] = p
        diff = np.cumsum(dense - s.overall[None, :], axis=1)
        out: F64 = np.abs(diff[:, :-1]).sum(axis=1) / max(s.card - 1, 1)
        return out

    def _loss(self, table: _ClassTable, fail: npt.NDArray[np.bool_]) -> float:
        kept = ~fail
        cells = np.zeros(table.size)
        for j, q in enumerate(self.quasi):
            cells += q.loss[int(table.node[j])][table.codes[j]]
        suppressed = int(table.counts[fail].sum())
        total = float((cells[kept] * table.counts[kept]).sum()) + suppressed * len(self.quasi)
        return total / (self.n * len(self.quasi)) if self.n else 0.0

    # -- search ------------------------------------------------------------------------------------------------

    def solve(self, model: Model) -> Result:
        if model.k < 1:
            raise ModelError("k", "k must be at least 1")
        if model.k > self.n:
            raise ModelError("k", f"k = {model.k} is larger than the data ({self.n} rows)")
        if not 0.0 <= model.suppression < 1.0:
            raise ModelError("suppression", "the suppression budget is a fraction from 0 up to (not including) 1")
        if (model.l is not None or model.t is not None) and not self.sensitive:
            raise ModelError("l/t", "l-diversity and t-closeness need a sensitive attribute")
        if model.l is not None:
            for s in self.sensitive:
                if model.l > s.card:
                    raise ModelError(s.name, f"l = {model.l} but the column holds only {s.card} distinct values")
        search = _Search(self, model)
        best = search.run()
        return self._result(model, best, search.evaluations)

    def apply(self, node: Sequence[int], model: Model) -> Result:
        """The outcome of one given node (levels per quasi-identifier) under `model`, classes failing it
        suppressed whatever the budget: how another tool's choice of levels is measured on the same terms."""
        want = np.asarray(node, dtype=np.int64)
        if want.shape != self.heights.shape or np.any(want < 0) or np.any(want > self.heights):
            raise ModelError(None, f"no such node {list(node)}")
        index = int(np.flatnonzero(np.all(self.lattice == want, axis=1))[0])
        return self._result(model, index, 0)

    def _result(self, model: Model, node_index: int, evaluated: int) -> Result:
        node = self.lattice[node_index]
        rows = _ClassTable(
            np.zeros(len(self.quasi), dtype=np.int64),
            [q.base.astype(np.int64) for q in self.quasi],
            np.ones(self.n, dtype=np.int64),
            [(np.arange(self.n, dtype=np.int64), s.codes, np.ones(self.n, dtype=np.int64)) for s in self.sensitive],
        )
        table = self._group(rows, node)
        assert table.parent_class is not None
        row_class = table.parent_class  # the class of every row at the chosen node
        fail = self._failing(table, model)
        keep = ~fail[row_class]
        sizes = table.counts[~fail]
        suppressed = int(table.counts[fail].sum())
        kept_rows = self.n - suppressed
        classes = int(sizes.shape[0])
        intensity = float(np.mean(node / np.maximum(self.heights, 1)))
        discern = float((sizes.astype(np.float64) ** 2).sum() + suppressed * self.n)
        avg = (kept_rows / classes / model.k) if classes else 0.0
        pmax = 1.0 / float(sizes.min()) if classes else 0.0
        risk = Risk(
            prosecutor_max=pmax,
            prosecutor_avg=classes / kept_rows if kept_rows else 0.0,
            records_at_highest_risk=int(sizes[sizes == sizes.min()].sum()) if classes else 0,
            journalist_max=pmax,
            marketer=classes / kept_rows if kept_rows else 0.0,
        )
        min_l = None
        max_t = None
        for (cls, val, cnt), s in zip(table.sens, self.sensitive, strict=True):
            ok = ~fail[cls]
            distinct = np.bincount(cls[ok], minlength=table.size)[~fail]
            min_l = int(distinct.min()) if distinct.size and (min_l is None or distinct.min() < min_l) else min_l
            dist = self._distance(table, cls, val, cnt, s, model.t_distance)[~fail]
            if dist.size:
                max_t = float(dist.max()) if max_t is None else max(max_t, float(dist.max()))
        generalised = {
            q.name: q.labels[int(node[j])][table.codes[j][row_class[keep]]] for j, q in enumerate(self.quasi)
        }
        return Result(
            model=model,
            quasi=tuple(q.name for q in self.quasi),
            node=tuple(int(x) for x in node),
            level_names=tuple(q.hierarchy.level_names[int(node[j])] for j, q in enumerate(self.quasi)),
            rows=self.n,
            suppressed=suppressed,
            budget_rows=_budget(model, self.n),
            classes=classes,
            min_class=int(sizes.min()) if classes else 0,
            loss=self._loss(table, fail),
            intensity=intensity,
            discernibility=discern,
            avg_class_size=avg,
            risk=risk,
            lattice_size=int(self.lattice.shape[0]),
            evaluated=evaluated,
            keep=keep,
            class_sizes=sizes,
            generalised=generalised,
            min_l=min_l,
            max_t=max_t,
        )


def _budget(model: Model, n: int) -> int:
    return math.floor(model.suppression * n + 1e-9)


def combine(codes: list[I64], cards: list[int]) -> tuple[I64, bool]:
    """One int64 key per row/class from per-column codes. `decodable` is False when the key space overflowed and
    was compressed on the way (then the key is only a grouping key)."""
    key = codes[0].astype(np.int64, copy=True)
    space = cards[0]
    decodable = True
    for c, card in zip(codes[1:], cards[1:], strict=True):
        if space * card >= _MAX_KEY:
            _, key = np.unique(key, return_inverse=True)
            key = key.reshape(-1).astype(np.int64)
            space = int(key.max()) + 1 if key.size else 1
            decodable = False
        key *= card
        key += c
        space *= card
    return key, decodable


def _decode(keys: I64, cards: list[int]) -> list[I64]:
    out: list[I64] = []
    rest = keys
    for card in reversed(cards):
        out.append(rest % card)
        rest = rest // card
    return out[::-1]


class _Search:
    """Phase 1 classifies every node (binary search along greedy paths, tagging by monotonicity); phase 2 finds the
    least loss among the satisfying nodes by a monotone lower bound."""

    def __init__(self, problem: Problem, model: Model) -> None:
        self.p = problem
        self.model = model
        self.budget = _budget(model, problem.n)
        n_nodes = problem.lattice.shape[0]
        self.state = np.zeros(n_nodes, dtype=np.int8)  # 0 unknown, 1 satisfies, -1 fails
        self.loss = np.full(n_nodes, np.inf)
        self.evaluated = np.zeros(n_nodes, dtype=bool)
        self.cache: list[_ClassTable] = []
        self.cache_nodes = np.zeros((_CACHE_TABLES, problem.lattice.shape[1]), dtype=np.int64)
        self.cache_sizes = np.zeros(_CACHE_TABLES, dtype=np.int64)
        self.cache_total = 0
        self.evaluations = 0
        widths = problem.heights + 1
        self.strides = np.cumprod(np.concatenate([[1], widths[::-1][:-1]]))[::-1].astype(np.int64)

    def index(self, node: I64) -> int:
        return int((node * self.strides).sum())

    def table_for(self, node: I64) -> _ClassTable:
        """The classes of `node`, rolled up from the smallest cached table at or below it."""
        best = self.p._base_table()
        if self.cache:
            below = np.all(self.cache_nodes[: len(self.cache)] <= node, axis=1)
            if below.any():
                sizes = np.where(below, self.cache_sizes[: len(self.cache)], np.iinfo(np.int64).max)
                pick = int(np.argmin(sizes))
                if self.cache[pick].size < best.size:
                    best = self.cache[pick]
        if bool(np.array_equal(best.node, node)):
            return best
        table = self.p._group(best, node)
        self._remember(table)
        return table

    def _remember(self, table: _ClassTable) -> None:
        cost = table.size * (len(self.p.quasi) + 1)
        if cost > _CACHE_ELEMENTS // 4:
            return
        if len(self.cache) == self.cache_nodes.shape[0] or self.cache_total + cost > _CACHE_ELEMENTS:
            # forget the largest: small tables are the cheap starting points
            drop = int(np.argmax(self.cache_sizes[: len(self.cache)]))
            last = len(self.cache) - 1
            self.cache_total -= self.cache[drop].size * (len(self.p.quasi) + 1)
            self.cache[drop] = self.cache[last]
            self.cache_nodes[drop] = self.cache_nodes[last]
            self.cache_sizes[drop] = self.cache_sizes[last]
            self.cache.pop()
        i = len(self.cache)
        self.cache.append(table)
        self.cache_nodes[i] = table.node
        self.cache_sizes[i] = table.size
        self.cache_total += cost

    def evaluate(self, i: int) -> bool:
        node = self.p.lattice[i]
        table = self.table_for(node)
        fail = self.p._failing(table, self.model)
        suppressed = int(table.counts[fail].sum())
        ok = suppressed <= self.budget
        self.evaluated[i] = True
        self.evaluations += 1
        lattice = self.p.lattice
        if ok:
            self.loss[i] = self.p._loss(table, fail)
            self.state[np.all(lattice >= node, axis=1)] = 1
        else:
            self.state[np.all(lattice <= node, axis=1)] = -1
        return ok

    def greedy_path(self) -> None:
        """From the bottom, a path up the lattice through the successor with the least loss bound, searched
        by bisection for its lowest satisfying node: a first satisfying node, hence a first best loss."""
        lattice, lower = self.p.lattice, self.p.lower
        cur = lattice[0]
        path = [0]
        q = lattice.shape[1]
        while True:
            succ = []
            for j in range(q):
                if cur[j] < self.p.heights[j]:
                    nxt = cur.copy()
                    nxt[j] += 1
                    succ.append(self.index(nxt))
            if not succ:
                break
            pick = min(succ, key=lambda s: lower[s])
            path.append(pick)
            cur = lattice[pick]
        lo, hi = 0, len(path) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            i = path[mid]
            ok = self.evaluate(i) if self.state[i] == 0 else bool(self.state[i] == 1)
            if ok:
                hi = mid - 1
            else:
                lo = mid + 1

    def run(self) -> int:
        """The satisfying node with the least loss. Only nodes whose loss bound is below the best loss found can
        beat it; among those still open, the one with the most nodes below it is evaluated first (a failure there
        settles them all), until none is left."""
        lattice, lower = self.p.lattice, self.p.lower
        top = lattice.shape[0] - 1
        if not self.evaluate(top):
            raise ModelError(None, f"no generalisation meets k = {self.model.k} within the suppression budget")
        self.greedy_path()
        below = np.prod(lattice + 1, axis=1).astype(np.float64)
        # most nodes below first, then the higher bound (nearer the edge of the open region)
        priority = below + lower
        while True:
            best = float(self.loss[self.evaluated].min())
            open_ = (~self.evaluated) & (self.state != -1) & (lower < best)
            if not open_.any():
                break
            i = int(np.argmax(np.where(open_, priority, -1.0)))
            self.evaluate(i)
        done = np.flatnonzero(self.evaluated & (self.state == 1))
        heights = lattice.sum(axis=1)
        # least loss; ties to the lower node, then the lattice order
        return int(done[np.lexsort((done, heights[done], self.loss[done]))[0]])


def anonymise(
    columns: Mapping[str, Column],
    hierarchies: Mapping[str, Hierarchy],
    model: Model,
    sensitive: Sequence[str] = (),
) -> Result:
    """Find the generalisation with the least loss that meets `model` and apply it."""
    return Problem(columns, hierarchies, sensitive).solve(model)
