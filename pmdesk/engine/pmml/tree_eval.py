"""TreeModel scoring on flattened node arrays, one vectorised step per tree level.

Each row carries its current node; a step evaluates the predicates of the children of all
those nodes at once (gathering each row's field value by column index), so the Python work
is proportional to depth x widest branching, never to the number of rows or nodes.
Missing values: ``defaultChild``, ``lastPrediction``, ``nullPrediction`` and ``none``
strategies; predicates on a missing value are UNKNOWN as PMML defines.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .errors import ModelError
from .expressions import Env
from .parse import number, required, unsupported
from .prediction import Prediction, class_order, from_probabilities
from .values import missing_mask

TRUE, FALSE, SIMPLE, COMPLEX = 0, 1, 2, 3
_OPS = ("equal", "notEqual", "lessThan", "lessOrEqual", "greaterThan", "greaterOrEqual",
        "isMissing", "isNotMissing")
EQ, NE, LT, LE, GT, GE, MISSING, PRESENT = range(8)
UNKNOWN = -1
_OP_FUNCS: list[Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]] = [
    lambda x, k, m: x == k, lambda x, k, m: x != k, lambda x, k, m: x < k,
    lambda x, k, m: x <= k, lambda x, k, m: x > k, lambda x, k, m: x >= k,
    lambda x, k, m: m, lambda x, k, m: ~m,
]
_STRATEGIES = ("defaultChild", "lastPrediction", "nullPrediction", "none", "weightedConfidence",
               "aggregateNodes")
_SPREADING = ("weightedConfidence", "aggregateNodes")
Tri = Callable[[Env], np.ndarray]


def _simple_tri(values: np.ndarray, op: int, key: Any) -> np.ndarray:
    """Tri-state (1 true, 0 false, -1 unknown) of one SimplePredicate over whole columns."""
    miss = missing_mask(values)
    if op == MISSING:
        return miss.astype(np.int8)
    if op == PRESENT:
        return (~miss).astype(np.int8)
    compare = [np.equal, np.not_equal, np.less, np.less_equal, np.greater, np.greater_equal][op]
    with np.errstate(invalid="ignore"):
        result = np.asarray(compare(values, key), dtype=np.int8) if values.size else np.zeros(
            0, np.int8)
    result[miss] = UNKNOWN
    return result


def _key(values: np.ndarray, raw: str) -> object:
    if values.dtype == object:
        return raw
    try:
        return float(raw)
    except ValueError:
        raise ModelError(f"tree predicate compares a numeric field with text {raw!r}") from None


def _compile_complex(element: ET.Element) -> Tri:
    """Whole-column evaluator for predicates that are not plain SimplePredicates."""
    tag = element.tag
    if tag == "True":
        return lambda env: np.ones(env.n, np.int8)
    if tag == "False":
        return lambda env: np.zeros(env.n, np.int8)
    if tag == "SimplePredicate":
        field, op = required(element, "field"), _op(element)
        raw = element.get("value", "")

        def simple(env: Env) -> np.ndarray:
            values = env.get(field, "SimplePredicate")
            return _simple_tri(values, op, _key(values, raw) if op < MISSING else None)

        return simple
    if tag == "SimpleSetPredicate":
        field = required(element, "field")
        operator = required(element, "booleanOperator")
        array = element.find("Array")
        if array is None or operator not in ("isIn", "isNotIn"):
            raise ModelError("SimpleSetPredicate needs an Array and booleanOperator isIn/isNotIn")
        items = _array_items(array)

        def member(env: Env) -> np.ndarray:
            values = env.get(field, "SimpleSetPredicate")
            keys = items if values.dtype == object else [float(i) for i in items]
            hit = pd.Index(keys, dtype=values.dtype).get_indexer(values) >= 0
            result = (hit if operator == "isIn" else ~hit).astype(np.int8)
            result[missing_mask(values)] = UNKNOWN
            return result

        return member
    if tag == "CompoundPredicate":
        operator = required(element, "booleanOperator")
        parts = [_compile_complex(c) for c in element if c.tag != "Extension"]
        if len(parts) < 2 and operator != "surrogate":
            raise ModelError("CompoundPredicate needs at least two predicates")

        def compound(env: Env) -> np.ndarray:
            tri = np.vstack([p(env) for p in parts])
            unknown = (tri == UNKNOWN).any(axis=0)
            if operator == "and":
                out = np.where((tri == 0).any(axis=0), 0, np.where(unknown, UNKNOWN, 1))
            elif operator == "or":
                out = np.where((tri == 1).any(axis=0), 1, np.where(unknown, UNKNOWN, 0))
            elif operator == "xor":
                out = np.where(unknown, UNKNOWN, (tri == 1).sum(axis=0) % 2)
            elif operator == "surrogate":
                known = tri != UNKNOWN
                first = np.argmax(known, axis=0)
                out = np.where(known.any(axis=0), tri[first, np.arange(tri.shape[1])], UNKNOWN)
            else:
                raise ModelError(f"CompoundPredicate booleanOperator {operator!r} is unknown")
            return out.astype(np.int8)

        return compound
    raise unsupported(element, "a tree Node")


def _array_items(array: ET.Element) -> list[str]:
    text = array.text or ""
    items: list[str] = []
    current, quoted, escaped, inside = [], False, False, False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted, inside = not quoted, True
        elif char.isspace() and not quoted:
            if current or inside:
                items.append("".join(current))
            current, inside = [], False
        else:
            current.append(char)
    if current or inside:
        items.append("".join(current))
    return items


def _op(element: ET.Element) -> int:
    operator = required(element, "operator")
    if operator not in _OPS:
        raise ModelError(f"SimplePredicate operator {operator!r} is unknown")
    return _OPS.index(operator)


_NOT_PREDICATES = ("Extension", "ScoreDistribution", "Node", "Partition")
_PREDICATES = ("SimplePredicate", "CompoundPredicate", "SimpleSetPredicate", "True", "False")


class TreeEvaluator:
    def __init__(self, model: ET.Element, classification: bool, declared: tuple[str, ...]) -> None:
        self.classification = classification
        self.strategy = model.get("missingValueStrategy", "none")
        if self.strategy not in _STRATEGIES:
            raise ModelError(f"TreeModel missingValueStrategy {self.strategy!r} is not "
                             f"supported; supported: {', '.join(_STRATEGIES)}")
        self.last_on_no_true = model.get("noTrueChildStrategy") == "returnLastPrediction"
        if self.strategy in _SPREADING and not classification:
            raise ModelError(f"TreeModel missingValueStrategy {self.strategy!r} needs a "
                             "classification tree")
        root = model.find("Node")
        if root is None:
            raise ModelError("the TreeModel has no Node")
        nodes: list[ET.Element] = []
        parents: list[int] = []
        stack = [(root, -1)]
        while stack:  # depth-first without recursion: deep trees must not overflow
            element, parent = stack.pop()
            nodes.append(element)
            parents.append(parent)
            me = len(nodes) - 1
            children = [c for c in element if c.tag == "Node"]
            stack.extend((c, me) for c in reversed(children))
        count = len(nodes)
        kids: list[list[int]] = [[] for _ in range(count)]
        for index, parent in enumerate(parents):
            if parent >= 0:
                kids[parent].append(index)
        width = max((len(k) for k in kids), default=0)
        self.children = np.full((count, max(width, 1)), -1, dtype=np.int64)
        for index, k in enumerate(kids):
            self.children[index, : len(k)] = k
        self.n_children = np.array([len(k) for k in kids], dtype=np.int64)
        self.kind = np.zeros(count, dtype=np.int8)
        self.field = np.zeros(count, dtype=np.int64)
        self.op = np.zeros(count, dtype=np.int8)
        self.fields: list[str] = []
        self.raw: list[str] = []
        self.complex: list[Tri] = []
        self.complex_index = np.zeros(count, dtype=np.int64)
        ids: dict[str, int] = {}
        for index, element in enumerate(nodes):
            if element.get("id") is not None:
                ids[str(element.get("id"))] = index
            for child in element:
                if child.tag in ("Regression", "DecisionTree"):
                    raise unsupported(child, "a tree Node")
            self._predicate(index, element)
        self.default_child = np.full(count, -1, dtype=np.int64)
        for index, element in enumerate(nodes):
            default = element.get("defaultChild")
            if default is not None:
                if default not in ids or parents[ids[default]] != index:
                    raise ModelError(f"Node defaultChild {default!r} is not a child of its node")
                self.default_child[index] = ids[default]
        self._scores(nodes, declared)
        self.complementary = np.zeros(count, dtype=bool)
        pairs = {(LE, GT), (GT, LE), (LT, GE), (GE, LT), (EQ, NE), (NE, EQ)}
        for node in np.nonzero(self.n_children == 2)[0]:
            first, second = self.children[node, :2]
            self.complementary[node] = bool(
                self.kind[first] == SIMPLE and self.kind[second] == SIMPLE
                and self.field[first] == self.field[second]
                and self.raw[first] == self.raw[second]
                and (int(self.op[first]), int(self.op[second])) in pairs)

    def _predicate(self, index: int, element: ET.Element) -> None:
        predicate = next((c for c in element if c.tag not in _NOT_PREDICATES), None)
        if predicate is None:
            raise ModelError(f"tree Node {element.get('id', index)!r} has no predicate")
        if predicate.tag not in _PREDICATES:
            raise unsupported(predicate, "a tree Node")
        if predicate.tag == "True":
            self.kind[index] = TRUE
        elif predicate.tag == "False":
            self.kind[index] = FALSE
        elif predicate.tag == "SimplePredicate":
            self.kind[index] = SIMPLE
            field = required(predicate, "field")
            if field not in self.fields:
                self.fields.append(field)
            self.field[index] = self.fields.index(field)
            self.op[index] = _op(predicate)
        else:
            self.kind[index] = COMPLEX
            self.complex_index[index] = len(self.complex)
            self.complex.append(_compile_complex(predicate))
        self.raw.append(predicate.get("value", ""))

    def _scores(self, nodes: list[ET.Element], declared: tuple[str, ...]) -> None:
        scores = [n.get("score") for n in nodes]
        if not self.classification:
            self.values = np.array([np.nan if s is None else float(s) for s in scores])
            return
        found: list[str] = []
        for element, score in zip(nodes, scores, strict=True):
            for label in [score, *(d.get("value") for d in element.findall("ScoreDistribution"))]:
                if label is not None and label not in found:
                    found.append(label)
        self.classes = class_order(declared, found)
        position = {c: i for i, c in enumerate(self.classes)}
        self.labels = np.array([*self.classes, None], dtype=object)
        self.score_index = np.array([len(self.classes) if s is None else position[s]
                                     for s in scores])
        self.probs = np.full((len(nodes), len(self.classes)), np.nan)
        self.counts = np.zeros((len(nodes), len(self.classes)))
        self.records = np.zeros(len(nodes))
        for index, element in enumerate(nodes):
            dists = element.findall("ScoreDistribution")
            if not dists:
                continue
            row = np.zeros(len(self.classes))
            counts = np.array([number(d, "recordCount", 0.0) for d in dists])
            for d, recorded in zip(dists, counts, strict=True):
                given = d.get("probability")
                share = float(given) if given is not None else (
                    recorded / counts.sum() if counts.sum() > 0 else np.nan)
                row[position[required(d, "value")]] = share
            self.probs[index] = row
            for d, recorded in zip(dists, counts, strict=True):
                self.counts[index, position[required(d, "value")]] = recorded
            self.records[index] = number(element, "recordCount", float(counts.sum()))

    def _columns(self, env: Env) -> tuple[np.ndarray, np.ndarray]:
        """Numeric matrix of the predicate fields (categories as codes) and predicate keys."""
        matrix = np.empty((env.n, max(len(self.fields), 1)))
        keys = np.full(len(self.raw), np.nan)
        simple = np.nonzero(self.kind == SIMPLE)[0]
        for f, name in enumerate(self.fields):
            values = env.get(name, "SimplePredicate")
            users = simple[self.field[simple] == f]
            if values.dtype == object:
                vocab = sorted({self.raw[u] for u in users})
                codes = pd.Index(vocab, dtype=object).get_indexer(values).astype(np.float64)
                codes[env.mask(name, "SimplePredicate")] = np.nan
                matrix[:, f] = codes
                for u in users:
                    keys[u] = vocab.index(self.raw[u])
            else:
                matrix[:, f] = values
                for u in users:
                    if self.op[u] < MISSING:
                        keys[u] = _key(values, self.raw[u])
        return matrix, keys

    def _evaluate(self, nodes: np.ndarray, rows: np.ndarray, matrix: np.ndarray,
                  keys: np.ndarray, precomputed: np.ndarray) -> np.ndarray:
        kind = self.kind[nodes]
        out = np.where(kind == TRUE, 1, 0).astype(np.int8)
        simple = kind == SIMPLE
        if simple.any():
            sn, sr = nodes[simple], rows[simple]
            x, key, op = matrix[sr, self.field[sn]], keys[sn], self.op[sn]
            miss = np.isnan(x)
            present = np.bincount(op, minlength=len(_OPS))
            used = np.nonzero(present)[0]
            if used.size == 1:  # the usual case: one operator per child slot
                result = _OP_FUNCS[used[0]](x, key, miss)
            else:
                result = np.zeros(x.size, dtype=bool)
                for code in used:
                    take = op == code
                    result[take] = _OP_FUNCS[code](x[take], key[take], miss[take])
            tri = result.astype(np.int8)
            if used[0] < MISSING:
                tri[miss & (op < MISSING)] = UNKNOWN
            out[simple] = tri
        complex_ = kind == COMPLEX
        if complex_.any():
            out[complex_] = precomputed[rows[complex_], self.complex_index[nodes[complex_]]]
        return out

    def _spread(self, node: int, rows: np.ndarray, matrix: np.ndarray, keys: np.ndarray,
                precomputed: np.ndarray) -> np.ndarray:
        """weightedConfidence / aggregateNodes below node for rows: an UNKNOWN child sends a
        row down every sibling that is not FALSE, and the results are combined (confidences
        weighted by record counts, or record counts summed)."""
        own = self.probs[node] if self.strategy == "weightedConfidence" else self.counts[node]
        out = np.zeros((rows.size, len(self.classes)))
        kids = self.children[node, : self.n_children[node]]
        if not kids.size:
            out[:] = own
            return out
        tri = np.column_stack([self._evaluate(np.full(rows.size, k), rows, matrix, keys,
                                              precomputed) for k in kids])
        open_ = tri != 0
        first = np.argmax(open_, axis=1)
        any_open = open_.any(axis=1)
        first_tri = tri[np.arange(rows.size), first]
        single = any_open & (first_tri == 1)
        spread = any_open & (first_tri == UNKNOWN)
        if not self.last_on_no_true:
            out[~any_open] = np.nan
        else:
            out[~any_open] = own
        for j, kid in enumerate(kids):
            take = single & (first == j)
            if take.any():
                out[take] = self._spread(int(kid), rows[take], matrix, keys, precomputed)
        if spread.any():
            where = np.nonzero(spread)[0]
            total = np.zeros((where.size, len(self.classes)))
            weight = np.zeros(where.size)
            for j, kid in enumerate(kids):
                use = open_[where, j]
                if not use.any():
                    continue
                part = self._spread(int(kid), rows[where[use]], matrix, keys, precomputed)
                if self.strategy == "weightedConfidence":
                    total[use] += self.records[kid] * np.nan_to_num(part)
                    weight[use] += self.records[kid]
                else:
                    total[use] += np.nan_to_num(part)
            if self.strategy == "weightedConfidence":
                with np.errstate(invalid="ignore", divide="ignore"):
                    total = total / weight[:, None]
            out[where] = total
        return out

    def _predict_spreading(self, env: Env, matrix: np.ndarray, keys: np.ndarray,
                           precomputed: np.ndarray) -> Prediction:
        rows = np.arange(env.n)
        root = self._evaluate(np.zeros(env.n, dtype=np.int64), rows, matrix, keys, precomputed)
        scores = np.full((env.n, len(self.classes)), np.nan)
        ok = root == 1
        if ok.any():
            scores[ok] = self._spread(0, rows[ok], matrix, keys, precomputed)
        if self.strategy == "aggregateNodes":
            with np.errstate(invalid="ignore", divide="ignore"):
                scores = scores / scores.sum(axis=1, keepdims=True)
        return from_probabilities(scores, self.classes)

    def predict(self, env: Env) -> Prediction:
        matrix, keys = self._columns(env)
        precomputed = (np.column_stack([c(env) for c in self.complex]) if self.complex
                       else np.zeros((env.n, 0), np.int8))
        if self.strategy in _SPREADING:
            return self._predict_spreading(env, matrix, keys, precomputed)
        node = np.zeros(env.n, dtype=np.int64)
        final = np.full(env.n, -1, dtype=np.int64)
        root_ok = self._evaluate(node, np.arange(env.n), matrix, keys, precomputed)
        active = np.nonzero(root_ok == 1)[0]
        while active.size:
            current = node[active]
            leaf = self.n_children[current] == 0
            final[active[leaf]] = current[leaf]
            active, current = active[~leaf], current[~leaf]
            if not active.size:
                break
            chosen = np.full(active.size, -1, dtype=np.int64)
            open_ = np.ones(active.size, dtype=bool)
            for slot in range(self.children.shape[1]):
                child = self.children[current, slot]
                todo = np.nonzero(open_ & (child >= 0))[0]
                if not todo.size:
                    break
                tri = self._evaluate(child[todo], active[todo], matrix, keys, precomputed)
                hit = todo[tri == 1]
                chosen[hit] = child[hit]
                open_[hit] = False
                if slot == 0:  # a false binary split predicate means: take the other child
                    other = todo[(tri == 0) & self.complementary[current[todo]]]
                    chosen[other] = self.children[current[other], 1]
                    open_[other] = False
                unknown = todo[tri == UNKNOWN]
                if not unknown.size or self.strategy == "none":
                    continue
                open_[unknown] = False
                if self.strategy == "defaultChild":
                    default = self.default_child[current[unknown]]
                    chosen[unknown] = default
                    stop = unknown[default < 0]
                    final[active[stop]] = current[stop]
                elif self.strategy == "lastPrediction":
                    final[active[unknown]] = current[unknown]
            if self.last_on_no_true:
                stuck = np.nonzero(open_)[0]
                final[active[stuck]] = current[stuck]
            moving = chosen >= 0
            node[active[moving]] = chosen[moving]
            active = active[moving]
        reached = final >= 0
        if not self.classification:
            value = np.full(env.n, np.nan)
            value[reached] = self.values[final[reached]]
            return Prediction(value=value)
        index = np.full(env.n, len(self.classes))
        index[reached] = self.score_index[final[reached]]
        probs = np.full((env.n, len(self.classes)), np.nan)
        probs[reached] = self.probs[final[reached]]
        return Prediction(value=self.labels[index], classes=self.classes, probabilities=probs)
