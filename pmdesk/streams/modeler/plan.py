"""A real Modeler `.str` as a plan the engine can run: its nodes read into steps, its links,
and every node PMDesk cannot run together with the reason (refused before any data is read).

Node properties are read from the stream XML by the names Modeler saves them under. Where
no public stream shows a node's saved form, both spellings Modeler uses are accepted: the
XML's camelCase (`formulaExpr`) and the scripting name it mirrors (`formula_expr`):
props.py reads them, typetable.py a node's Filter and Types tables.
Nothing here imports the engine: the plan is plain data, and the format stays a leaf.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmdesk.streams.info import NodeKind, StreamInfo
from pmdesk.streams.modeler.props import (
    _expression,
    _int,
    _number,
    _pair,
    _prop_elem,
    _Refuse,
    _strings,
    _table_rows,
    _true,
    prop,
)
from pmdesk.streams.modeler.reader import (
    _child,
    _local,
    _nugget_pmml,
    _nugget_settings,
    _open_archive,
    _stream_xml,
    _text,
    classify,
    short_class,
    stream_info,
)
from pmdesk.streams.modeler.typetable import (
    _blank_table,
    _check_table,
    _filter_table,
    _type_partition,
    _type_table,
)

# Node classes by the step they become (short Java class names).
PROCESS_STEPS = {
    "TypeNode": "type", "FilterNode": "filter", "SelectNode": "select",
    "DeriveNode": "derive", "FillerNode": "filler", "AutoDataPrepNode": "adp",
    "SampleNode": "sample", "SortNode": "sort", "DistinctNode": "distinct",
    "AppendNode": "append", "MergeNode": "merge", "AggregateNode": "aggregate",
    "ReclassifyNode": "reclassify", "PartitionNode": "partition", "BalanceNode": "balance",
}
AGGREGATE_MODES = {"sum": "Sum", "mean": "Mean", "min": "Min", "max": "Max", "sdev": "SDev",
                   "median": "Median", "count": "Count", "variance": "Variance"}
REPORT_TERMINALS = {"TableNode": "table", "AnalysisNode": "analysis", "MatrixNode": "matrix"}
EXPORT_TERMINAL = re.compile(r"(Export|Writer)Node$|^(DatabaseExport|DataAssetExport)\w*Node$")
REFUSED_WHY = {
    "text": "text analytics (Text Link Analysis, Text Mining) runs only inside Modeler",
    "time": "time series models are not PMML PMDesk can score",
    "extension": "an extension node runs R or Python code, which PMDesk never executes",
    "pickle": "the model is stored as a Python pickle, which PMDesk never loads",
    "supernode": "supernodes are not run by PMDesk yet: expand it in Modeler and save again",
}


@dataclass
class Refusal:
    """A node PMDesk will not run, and why, in words for the person who picked the stream."""

    id: str
    label: str
    type: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "type": self.type, "reason": self.reason}

    def message(self) -> str:
        return f"node {self.label!r} ({self.type}, id {self.id}) cannot run: {self.reason}"


@dataclass
class Step:
    """One node of the stream as the engine runs it; `props` holds what its kind needs."""

    id: str
    label: str
    type: str  # the short Java class name
    kind: str  # source, type, filter, select, derive, filler, adp, nugget, table, ...
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    name: str
    info: StreamInfo
    steps: dict[str, Step]
    links: list[tuple[str, str]]
    refused: dict[str, Refusal]

    # -- navigation -------------------------------------------------------------------
    def inputs_of(self, node_id: str) -> list[str]:
        return [a for a, b in self.links if b == node_id]

    def outputs_of(self, node_id: str) -> list[str]:
        return [b for a, b in self.links if a == node_id]

    def upstream(self, node_id: str) -> list[str]:
        """Every node feeding `node_id`, itself included, in data-flow order."""
        seen: list[str] = []

        def visit(n: str) -> None:
            if n in seen:
                return
            for up in self.inputs_of(n):
                visit(up)
            seen.append(n)

        visit(node_id)
        return seen

    def downstream(self, node_id: str) -> list[str]:
        out: list[str] = []
        todo = [node_id]
        while todo:
            n = todo.pop()
            for d in self.outputs_of(n):
                if d not in out:
                    out.append(d)
                    todo.append(d)
        return out

    def find(self, name: str, kinds: tuple[str, ...], within: list[str] | None = None
             ) -> list[Step]:
        """Steps of these kinds named `name` by id or label, those in `within` first."""
        hits = [s for s in self.steps.values()
                if s.kind in kinds and (s.id == name or s.label == name)]
        by_id = [s for s in hits if s.id == name]
        if by_id:
            return by_id
        if within is not None:
            inside = [s for s in hits if s.id in within]
            if inside:
                return inside
        return hits

    @property
    def terminals(self) -> list[Step]:
        return [s for s in self.steps.values() if s.kind in ("table", "export", "analysis",
                                                             "matrix")]


# ------------------------------------------------------------------------------ reading


def read_plan(path: Path) -> Plan:
    """The plan of a Modeler `.str` (StreamReadError when it cannot be read)."""
    with _open_archive(Path(path)) as archive:
        root = _stream_xml(archive)
        info = stream_info(root, fallback_name=Path(path).stem)
        info.pmml.update(_nugget_pmml(archive, root, info))
        info.settings.update(_nugget_settings(archive, root, info))
    return plan_of(root, info)


def plan_of(root: ET.Element, info: StreamInfo) -> Plan:
    stream = _child(root, "stream") if _local(root.tag) != "stream" else root
    nodes = _child(_child(stream, "diagram"), "nodes")
    labels = {n.id: n.label for n in info.nodes}
    steps: dict[str, Step] = {}
    refused: dict[str, Refusal] = {}
    for elem in nodes if nodes is not None else []:
        if _local(elem.tag) != "node":
            continue
        node_id = elem.get("id") or elem.get("uid") or ""
        if node_id not in labels or node_id in steps or node_id in refused:
            continue
        cls = short_class(elem.get("class") or "")
        label = labels[node_id]
        try:
            step = _step(elem, node_id, label, cls, info)
        except _Refuse as why:
            refused[node_id] = Refusal(node_id, label, cls, str(why))
            continue
        steps[node_id] = step
    plan = Plan(info.name, info, steps, list(info.links), refused)
    for step in steps.values():
        if step.kind == "balance" and step.props["training_only"]:
            step.props["partition"] = _partition_field(plan, step.id)
        if step.kind == "analysis" and step.props["by_partition"]:
            step.props["partition"] = _analysis_partition(plan, step.id)
    return plan


def _analysis_partition(plan: Plan, node_id: str) -> dict[str, Any] | None:
    """The partition field an Analysis node separates by (as `_partition_field` finds it)
    and its values in the stream's order: a Partition node's, else the training value."""
    found = _partition_field(plan, node_id)
    if found is None:
        return None
    maker = next((plan.steps[s] for s in reversed(plan.upstream(node_id))
                  if s in plan.steps and plan.steps[s].kind == "partition"
                  and plan.steps[s].props["field"] == found["field"]), None)
    values = maker.props["values"] if maker is not None else [
        v for v in [found.get("training")] if v]
    return {"field": found["field"], "values": list(values)}


def _partition_field(plan: Plan, node_id: str) -> dict[str, Any] | None:
    """The partition field a Balance node sees: made by the nearest Partition node upstream,
    or declared with role Partition by a Type node (or a source's types); None: none."""
    queue = list(plan.inputs_of(node_id))
    seen: set[str] = set()
    while queue:
        up = queue.pop(0)
        if up in seen:
            continue
        seen.add(up)
        step = plan.steps.get(up)
        if step is not None and step.kind == "partition":
            return {"field": step.props["field"], "training": step.props["values"][0]}
        if step is not None and step.props.get("partition"):
            return dict(step.props["partition"])
        queue += plan.inputs_of(up)
    return None


def _step(elem: ET.Element, node_id: str, label: str, cls: str, info: StreamInfo) -> Step:
    step = Step(node_id, label, cls, "")
    kind = classify(cls)
    full = elem.get("class") or ""
    if "SuperNode" in cls:
        raise _Refuse(REFUSED_WHY["supernode"])
    if re.search(r"Text|TLA|Lexicon|WebFeed", cls):
        raise _Refuse(REFUSED_WHY["text"])
    if kind is NodeKind.SOURCE:
        step.kind = "source"
        step.props = {"filter": _filter_table(elem), "types": _type_table(elem),
                      "partition": _type_partition(elem), "blanks": _blank_table(elem),
                      "checks": _check_table(elem)}
        return step
    if kind is NodeKind.MODEL_NUGGET:
        build_info = _child(elem, "modelBuildInfo")
        builder = build_info.get("modelBuilderId", "") if build_info is not None else ""
        if re.search(r"(^|\W)(ts|timeseries|streaming_ts)\b|TimeSeries|Arima|Expert",
                     builder + cls, re.IGNORECASE):
            raise _Refuse(REFUSED_WHY["time"])
        pmml = info.pmml.get(node_id)
        if pmml is None:
            if "Extension" in cls:
                raise _Refuse(REFUSED_WHY["extension"])
            if re.search(r"XGBoost|Python|Pickle|Spark|Keras|Tensor", builder + cls,
                         re.IGNORECASE):
                raise _Refuse(REFUSED_WHY["pickle"])
            raise _Refuse("the stream holds no PMML for this model nugget (it keeps the "
                          "model in a form only Modeler reads)")
        step.kind = "nugget"
        step.props = {"pmml": pmml, "builder": builder,
                      **_propensity(elem, info.settings.get(node_id, {}))}
        return step
    if kind is NodeKind.MODEL_BUILDER:
        step.kind = "builder"  # trains (refused this round); never in a branch's rows
        return step
    if "Extension" in cls:
        raise _Refuse(REFUSED_WHY["extension"])
    if cls in PROCESS_STEPS:
        step.kind = PROCESS_STEPS[cls]
        step.props = _process_props(elem, step.kind)
        return step
    if cls in REPORT_TERMINALS:
        step.kind = REPORT_TERMINALS[cls]
        if step.kind == "matrix":
            step.props = {"row": prop(elem, "row", "rowField"),
                          "column": prop(elem, "column", "columnField")}
        if step.kind == "analysis":
            # Modeler separates by partition unless told not to; coincidence matrices
            # only when asked (a saved stream holds both)
            by_partition = prop(elem, "by_partition", "separate_by_partition")
            step.props = {"by_partition": by_partition is None or _true(by_partition),
                          "coincidence": _true(prop(elem, "coincidence",
                                                    "coincidence_matrices"))}
        return step
    if EXPORT_TERMINAL.search(cls):
        step.kind = "export"
        step.props = {"table": prop(elem, "table_name", "tableName", "full_filename",
                                    "fileName", "outputFileName")}
        return step
    raise _Refuse(f"PMDesk does not run {cls or full or 'this kind of'} nodes")


# A nugget Settings flag in the Parameters member an extension nugget keeps them in.
MEMBER_SETTINGS = {"_raw_propensity": "scoring.isRawPropensity",
                   "_adjusted_propensity": "scoring.isPropensity",
                   "_all_probabilities": "scoring.isProbabilityCategory"}


def _setting(elem: ET.Element, extension: str, native: str,
             member: dict[str, str] | None = None) -> bool:
    """A nugget's Settings flag: an extension nugget's own (`_raw_propensity`, in its node
    or in the Parameters member it keeps its settings in: `scoring.isRawPropensity`) when it
    has one, else the one every Modeler nugget saves (`calculateRawPropensities`)."""
    value = prop(elem, extension)
    if value is None and member:
        value = member.get(MEMBER_SETTINGS.get(extension, ""))
    return _true(value if value is not None else prop(elem, native))


@dataclass
class _Offered:
    """The outputs a nugget's model offers, from the `outputs` list Modeler saves with it
    (each with a `modelFieldInfo` role); `listed` is False when the nugget has no list."""

    listed: bool = False
    propensities: dict[str, str] = field(default_factory=dict)  # RAW/ADJUSTED -> name
    true_value: str | None = None  # a flag target's true value
    probabilities: list[dict[str, str]] = field(default_factory=list)  # {name, value}


def _offered(elem: ET.Element) -> _Offered:
    offered = _Offered()
    for out in elem.iter():
        info = _child(out, "modelFieldInfo") if _local(out.tag) == "output" else None
        if info is None:
            continue
        offered.listed = True
        name = _text(_child(out, "name"))
        role = info.get("role")
        if role == "propensity" and name:
            offered.propensities.setdefault((info.get("tag") or "").upper(), name)
        value = _text(_child(info, "value"))
        if role == "probability" and name and value is not None:
            offered.probabilities.append({"name": name, "value": value})
        if role == "predictedValue":
            type_ = _child(out, "type")
            values = [(v.text or "").strip() for v in _child(type_, "values") or []]
            if (_text(_child(type_, "measure")) or "").lower() == "flag" and len(values) == 2:
                offered.true_value = values[1]
    return offered


def _propensity(elem: ET.Element, member: dict[str, str]) -> dict[str, Any]:
    """What a nugget's Settings add to its model's outputs, as the `outputs` list Modeler
    saves with it names them: `raw_propensity` {name, true_value} for a flag target
    (`$SRP-Churn`: the probability of the true value, the second of the two values the
    flag's type lists, `No` `Yes`), and `probabilities` [{name, value}] with "append all
    probabilities" (`$SP-No`, `$SP-Yes`). Adjusted propensities are refused: Modeler
    computes them on a partition when it builds the model."""
    offered = _offered(elem)
    adjusted = offered.propensities.get("ADJUSTED")
    if _setting(elem, "_adjusted_propensity", "calculate_adjusted_propensities",
                member) and (
            not offered.listed or adjusted):
        raise _Refuse(f"it asks for adjusted propensity scores ({adjusted or '$..AP-'}), "
                      "which Modeler computes from the model's own run on a testing or "
                      "validation partition when it builds the model; PMDesk cannot: turn "
                      "them off in the nugget's Settings")
    raw = _setting(elem, "_raw_propensity", "calculate_raw_propensities", member)
    every = _setting(elem, "_all_probabilities", "append_probabilities", member)
    if (raw or every) and not offered.listed:
        raise _Refuse(f"it asks for {'raw propensity scores' if raw else 'all probabilities'} "
                      "but does not list the outputs its model offers, so their names (and "
                      "a flag target's true value) are unknown")
    out: dict[str, Any] = {"raw_propensity": None,
                           "probabilities": offered.probabilities if every else []}
    if raw and "RAW" in offered.propensities and offered.true_value is not None:
        out["raw_propensity"] = {"name": offered.propensities["RAW"],
                                 "true_value": offered.true_value}
    # else the model offers none (not a flag target, or a model without them), as in Modeler
    return out


def _process_props(elem: ET.Element, kind: str) -> dict[str, Any]:
    if kind == "type":
        return {"types": _type_table(elem), "partition": _type_partition(elem),
                "blanks": _blank_table(elem), "checks": _check_table(elem)}
    if kind == "filter":
        return _filter_table(elem)
    if kind == "select":
        mode = (prop(elem, "mode") or "Include").strip().lower()
        if mode not in ("include", "discard"):
            raise _Refuse(f"select mode {mode!r} is not Include or Discard")
        return {"mode": mode, "condition": _expression("select", prop(elem, "condition"),
                                                       "condition")}
    if kind == "derive":
        return _derive_props(elem)
    if kind == "filler":
        fields = _strings(_prop_elem(elem, "fields", "fillerFields"))
        if not fields:
            raise _Refuse("it names no fields to fill")
        mode = (prop(elem, "replace_mode", "replaceMode") or "BlankAndNull").strip()
        modes = {"always": "always", "conditional": "conditional", "blank": "blank",
                 "null": "null", "blankandnull": "blankandnull"}
        if mode.lower() not in modes:
            raise _Refuse(f"replace mode {mode!r} is not supported")
        out: dict[str, Any] = {
            "fields": fields, "mode": modes[mode.lower()],
            "with": _expression("filler", prop(elem, "replace_with", "replaceWith"),
                                "replacement"),
        }
        if out["mode"] == "conditional":
            out["condition"] = _expression("filler", prop(elem, "condition"), "condition")
        return out
    if kind == "sample":
        return _sample_props(elem)
    if kind == "partition":
        return _partition_props(elem)
    if kind == "balance":
        return _balance_props(elem)
    if kind == "sort":
        return _sort_props(elem)
    if kind == "append":
        match = (prop(elem, "match_by") or "Name").strip().lower()
        if match not in ("name", "position"):
            raise _Refuse(f"matching fields by {match!r} is not supported (Name and Position "
                          "are)")
        if match == "name" and _true(prop(elem, "match_case") or "true") is False:
            raise _Refuse("matching field names ignoring case is not supported")
        include = (prop(elem, "include_fields_from") or "Main").strip().lower()
        tag = prop(elem, "tag_field_name") or "Input" if _true(
            prop(elem, "create_tag_field")) else None
        return {"all_fields": include == "all", "tag": tag, "by_position": match == "position"}
    if kind == "merge":
        method = (prop(elem, "method") or "Order").strip().lower()
        if method == "order":
            return _with_filter_tab(elem, {"keys": [], "join": "order"})
        if method != "keys":
            raise _Refuse(f"merging by {method!r} is not supported (by Order and by Keys "
                          "are)")
        if not _true(prop(elem, "common_keys") or "true"):
            raise _Refuse("keeping each input's key fields apart (common_keys off) is not "
                          "supported")
        keys = _strings(_prop_elem(elem, "key_fields"))
        if not keys:
            raise _Refuse("it names no key fields")
        join = (prop(elem, "join") or "Inner").strip().lower()
        if join not in ("inner", "fullouter", "partialouter", "anti"):
            raise _Refuse(f"a {join!r} join is not supported (Inner, FullOuter, PartialOuter "
                          "and Anti are)")
        merge: dict[str, Any] = {"keys": keys, "join": join}
        if join == "partialouter":
            merge["outer"] = _outer_tags(elem)
        return _with_filter_tab(elem, merge)
    if kind == "aggregate":
        return _aggregate_props(elem)
    if kind == "reclassify":
        return _reclassify_props(elem)
    if kind == "distinct":
        mode = (prop(elem, "mode") or "Include").strip().lower()
        if mode not in ("include", "discard"):
            raise _Refuse(f"distinct mode {mode!r} (aggregating duplicates) is not supported; "
                          "Include and Discard are")
        keys = _strings(_prop_elem(elem, "grouping_fields", "fields"))
        if not keys:
            raise _Refuse("it names no fields to tell records apart")
        if _strings(_prop_elem(elem, "sort_keys")):
            raise _Refuse("it sorts each group (sort_keys) to choose its first record, which "
                          "PMDesk does not do yet; sort the records before the Distinct node")
        return {"mode": mode, "fields": keys}
    if kind == "adp":
        text = prop(elem, "analysisPmml", "analysis_pmml")
        if not text:
            raise _Refuse("Auto Data Prep holds no analysis (run it in Modeler first)")
        return {"pmml": text}
    return {}  # pragma: no cover


def _sample_props(elem: ET.Element) -> dict[str, Any]:
    """Simple samples PMDesk can reproduce exactly: the first N, or one in N records."""
    method = (prop(elem, "method") or "Simple").strip().lower()
    if method != "simple":
        raise _Refuse("complex (stratified, clustered) samples are not supported")
    mode = (prop(elem, "mode") or "Include").strip().lower()
    kind = (prop(elem, "sample_type") or "First").strip().lower()
    if mode not in ("include", "discard"):
        raise _Refuse(f"sample mode {mode!r} is not Include or Discard")
    if kind == "randompct":
        raise _Refuse("a random sample follows Modeler's own random generator, which PMDesk "
                      "cannot reproduce")
    if kind not in ("first", "oneinn"):
        raise _Refuse(f"sample type {kind!r} is not supported")
    n = _int(elem, "first_n") if kind == "first" else _int(elem, "one_in_n")
    if n is None or n < (0 if kind == "first" else 1):
        raise _Refuse(f"its {'first_n' if kind == 'first' else 'one_in_n'} is missing")
    size = _int(elem, "maximum_size") if _true(prop(elem, "use_max_size")) else None
    return {"mode": mode, "type": kind, "n": n, "max": size}


PARTITION_VALUES = {"system": "System", "systemandlabel": "SystemAndLabel", "label": "Label"}
DEFAULT_PARTITION_SEED = 1234567


def _partition_props(elem: ET.Element) -> dict[str, Any]:
    """Training, testing and (with `create_validation`) validation shares in percent, the
    values that name them (`value_mode`), the seed and the optional `unique_field`."""
    validation = _true(prop(elem, "create_validation"))
    names = ["training", "testing", *(["validation"] if validation else [])]
    defaults = {"training": 50.0, "testing": 25.0 if validation else 50.0, "validation": 25.0}
    sizes = [_number(elem, f"{n}_size", defaults[n]) for n in names]
    for n, size in zip(names, sizes, strict=True):
        if not 0 <= size <= 100:
            raise _Refuse(f"its {n}_size {size:g} is not a percentage (0 to 100)")
    total = sum(sizes)
    if total <= 0:
        raise _Refuse("its partition sizes are all 0")
    # Modeler discards the records of a total below 100%; a total above 100 is scaled down
    fractions = [s / max(total, 100.0) for s in sizes]
    mode = (prop(elem, "value_mode") or "SystemAndLabel").strip()
    if mode.lower() not in PARTITION_VALUES:
        raise _Refuse(f"value mode {mode!r} is not System, SystemAndLabel or Label")
    mode = PARTITION_VALUES[mode.lower()]
    labels = [prop(elem, f"{n}_label") or n.capitalize() for n in names]
    values = [str(i + 1) if mode == "System" else label if mode == "Label" else
              f"{i + 1}_{label}" for i, label in enumerate(labels)]
    if len(set(values)) < len(values):
        raise _Refuse(f"two partitions have the same value ({', '.join(values)})")
    seed = DEFAULT_PARTITION_SEED
    if _true(prop(elem, "set_random_seed")):
        seed = int(_number(elem, "random_seed", DEFAULT_PARTITION_SEED))
    unique = prop(elem, "unique_field") or None
    if unique and (prop(elem, "enable_sql_generation") or "true").strip().lower() == "false":
        unique = None  # Modeler uses the field only with SQL generation on
    return {"field": prop(elem, "new_name", "partition_field") or "Partition",
            "fractions": fractions, "values": values, "seed": seed, "unique_field": unique}


def _balance_props(elem: ET.Element) -> dict[str, Any]:
    """`directives`: rows of a factor and a CLEM condition; `training_data_only`."""
    table = _prop_elem(elem, "directives")
    rows = list(table) if table is not None else []
    if table is not None and not rows and (table.text or "").strip():
        raise _Refuse("its directives are saved in a form PMDesk does not read")
    directives: list[tuple[float, str]] = []
    for row in rows:
        if len(row):
            texts = [(c.text or "").strip() for c in row.iter() if c is not row and len(c) == 0]
        else:  # a directive saved as attributes, or as one text
            texts = list(row.attrib.values()) or [(row.text or "").strip()]
        texts = [t.strip() for t in texts if t.strip()]
        if len(texts) != 2:
            raise _Refuse("a balance directive is not a factor and a condition")
        factor_text, condition = texts
        try:
            factor = float(factor_text)
        except ValueError:
            try:  # the condition first
                factor, condition = float(condition), factor_text
            except ValueError:
                raise _Refuse(f"balance factor {factor_text!r} is not a number") from None
        if not factor >= 0 or factor == float("inf"):
            raise _Refuse(f"balance factor {factor_text!r} is not a number of 0 or more")
        directives.append((factor, _expression("balance", condition, "condition")))
    return {"directives": directives,
            "training_only": _true(prop(elem, "training_data_only")), "partition": None}


def _sort_props(elem: ET.Element) -> dict[str, Any]:
    """`keys`: rows of a field and its direction (or a flat field, direction, ... list)."""
    default = prop(elem, "default_sort_order") or (
        "Ascending" if _true(prop(elem, "default_ascending") or "true") else "Descending")
    keys_elem = _prop_elem(elem, "keys")
    keys: list[tuple[str, bool]] = []
    rows = [r for r in (keys_elem if keys_elem is not None else []) if len(r)]
    if rows:
        for row in rows:
            texts = [(c.text or "").strip() for c in row if len(c) == 0]
            if not texts or not texts[0]:
                raise _Refuse("a sort key names no field")
            order = texts[1] if len(texts) > 1 else default
            keys.append((texts[0], order.strip().lower().startswith("asc")))
    else:
        words = _strings(keys_elem)
        i = 0
        while i < len(words):
            name = words[i]
            order = default
            if i + 1 < len(words) and words[i + 1].lower() in ("ascending", "descending"):
                order = words[i + 1]
                i += 1
            keys.append((name, order.lower().startswith("asc")))
            i += 1
    if not keys:
        raise _Refuse("it names no sort keys")
    return {"keys": keys}


def _with_filter_tab(elem: ET.Element, props: dict[str, Any]) -> dict[str, Any]:
    """A Merge node's Filter tab (its own filterTable: drops and renames of the merged
    fields), applied to what it outputs."""
    if _prop_elem(elem, "filterTable") is not None:
        props["filter"] = _filter_table(elem)
    return props


def _outer_tags(elem: ET.Element) -> list[str]:
    """The inputs a partial outer join keeps unmatched records of: `outer_join_tag`, keyed by
    the input's tag (its number), as rows of a tag and a flag or as a list of tags."""
    table = _prop_elem(elem, "outer_join_tag")
    rows = [r for r in (table if table is not None else []) if len(r)]
    if rows:
        tags = []
        for row in rows:
            texts = [(c.text or "").strip() for c in row.iter() if c is not row and not len(c)]
            if len(texts) != 2:
                raise _Refuse("a row of outer_join_tag is not an input tag and a flag")
            tag, flag = texts if texts[1].lower() in ("true", "false", "1", "0", "y", "n",
                                                      "yes", "no", "t", "f") else texts[::-1]
            if _true(flag):
                tags.append(tag)
        return tags
    tags = _strings(table)
    if not tags:
        raise _Refuse("its partial outer join marks no input as outer")
    return tags


def _aggregate_props(elem: ET.Element) -> dict[str, Any]:
    """`keys`, and `aggregates`: rows of a field followed by its modes (Sum, Mean, ...)."""
    keys = _strings(_prop_elem(elem, "keys"))
    table = _prop_elem(elem, "aggregates")
    aggregates: list[tuple[str, list[str]]] = []
    for row in [r for r in (table if table is not None else []) if len(r)]:
        texts = [(c.text or "").strip() for c in row.iter() if c is not row and len(c) == 0]
        texts = [t for t in texts if t]
        if len(texts) < 2:
            raise _Refuse("an aggregate row names no field or no mode")
        modes = []
        for mode in texts[1:]:
            if mode.lower() not in AGGREGATE_MODES:
                raise _Refuse(f"aggregate mode {mode!r} is not supported (supported: "
                              f"{', '.join(AGGREGATE_MODES.values())})")
            modes.append(AGGREGATE_MODES[mode.lower()])
        aggregates.append((texts[0], modes))
    count = _true(prop(elem, "inc_record_count") or "true")
    if not keys:
        raise _Refuse("it names no key fields")
    add_as = (prop(elem, "add_as") or "Suffix").strip().lower()
    if add_as not in ("suffix", "prefix"):
        raise _Refuse(f"add_as {add_as!r} is not Suffix or Prefix")
    return {"keys": keys, "aggregates": aggregates, "prefix": add_as == "prefix",
            "extension": prop(elem, "extension") or "",
            "count": (prop(elem, "count_field") or "Record_Count") if count else None}


def _targets(elem: ET.Element, what: str, single_names: tuple[str, ...]
             ) -> list[tuple[str, str]]:
    """(field read, field written) pairs: Single mode's one field, or Multiple mode's
    `fields`, each written to its name with `name_extension` added as a suffix (`add_as`
    Suffix, the default) or a prefix. The expression's `@FIELD` is the field read."""
    mode = (prop(elem, "mode") or "Single").strip().lower()
    if mode == "single":
        name = prop(elem, *single_names)
        if not name:
            raise _Refuse(f"it does not name the field it {what}")
        return [("", name)]
    if mode != "multiple":
        raise _Refuse(f"mode {mode!r} is not Single or Multiple")
    fields = _strings(_prop_elem(elem, "fields"))
    if not fields:
        raise _Refuse(f"it names no fields to {what.removesuffix('s')} in Multiple mode")
    extension = prop(elem, "name_extension")
    if not extension:
        raise _Refuse("it gives no name extension for the fields it writes in Multiple mode")
    add_as = (prop(elem, "add_as") or "Suffix").strip().lower()
    if add_as not in ("suffix", "prefix"):
        raise _Refuse(f"add_as {add_as!r} is not Suffix or Prefix")
    return [(f, f + extension if add_as == "suffix" else extension + f) for f in fields]


DERIVE_AS = ("formula", "flag", "conditional", "set", "nominal", "state", "count")


def _derive_props(elem: ET.Element) -> dict[str, Any]:
    """A Derive node: `targets` (Single or Multiple mode) and its result type's settings,
    each expression in CLEM. State and Count carry their value from record to record
    across the whole job, as Modeler's do."""
    targets = _targets(elem, "derives", ("new_name", "newFieldName", "fieldName"))
    result = (prop(elem, "result_type", "deriveType") or "Formula").strip().lower()
    if result not in DERIVE_AS:
        raise _Refuse(f"deriving as {result!r} is not supported (Formula, Flag, Nominal, "
                      "State, Count and Conditional are)")
    out: dict[str, Any] = {"targets": targets, "field": targets[0][1], "result": result}

    def expr(name: str, what: str) -> str:
        return _expression("derive", prop(elem, name), what)

    if result == "formula":
        out["expr"] = _expression("derive", prop(elem, "formula_expr", "formula"), "formula")
    elif result == "flag":
        out |= {"expr": expr("flag_expr", "flag condition"),
                "true": prop(elem, "flag_true") or "T", "false": prop(elem, "flag_false") or "F"}
    elif result == "conditional":
        out |= {"if": expr("cond_if_cond", "if condition"),
                "then": expr("cond_then_expr", "then value"),
                "else": expr("cond_else_expr", "else value")}
    elif result in ("set", "nominal"):
        out["result"] = "set"
        pairs = [_pair(row, "a nominal value") for row in _table_rows(elem, "set_value_cond")]
        if not pairs:
            raise _Refuse("it gives no values and conditions to derive a nominal field from")
        out["values"] = [(value, _expression("derive", condition, "condition"))
                         for value, condition in pairs]
        out["default"] = prop(elem, "set_default")
    elif result == "state":
        initial = (prop(elem, "state_initial") or "Off").strip().lower()
        if initial not in ("on", "off"):
            raise _Refuse(f"its initial state {initial!r} is not On or Off")
        out |= {"on_value": prop(elem, "state_on_val") or "T",
                "off_value": prop(elem, "state_off_val") or "F",
                "on": expr("state_on_expression", "switch-on condition"),
                "off": expr("state_off_expression", "switch-off condition"),
                "initial": initial == "on"}
    else:
        start = prop(elem, "count_initial_val") or "0"
        try:
            out["initial"] = float(start)
        except ValueError:
            raise _Refuse(f"its initial count {start!r} is not a number") from None
        out |= {"inc": expr("count_inc_condition", "increment condition"),
                "by": _expression("derive", prop(elem, "count_inc_expression") or "1",
                                  "increment"),
                "reset": _expression("derive", prop(elem, "count_reset_condition") or "false",
                                     "reset condition")}
    if result in ("state", "count") and len(targets) > 1:
        raise _Refuse("State and Count fields are derived one at a time (Single mode)")
    return out


def _reclassify_props(elem: ET.Element) -> dict[str, Any]:
    """`reclassify` rows of (old value, new value) for Single mode's `field`, into
    `new_name` or the field itself (`replace_field`), or for each of Multiple mode's
    `fields` (into the field with `name_extension`, or itself with `replace_field`); other
    values keep theirs or take `default`."""
    if (prop(elem, "mode") or "Single").strip().lower() == "single":
        source = prop(elem, "field")
        if not source:
            raise _Refuse("it names no field to reclassify")
        target = source if _true(prop(elem, "replace_field")) else prop(elem, "new_name")
        if not target:
            raise _Refuse("it names no new field")
        pairs = [(source, target)]
    elif _true(prop(elem, "replace_field")):
        pairs = [(f, f) for f in _strings(_prop_elem(elem, "fields"))]
        if not pairs:
            raise _Refuse("it names no fields to reclassify in Multiple mode")
    else:
        pairs = _targets(elem, "reclassifies", ())
    table = _prop_elem(elem, "reclassify")
    mapping: dict[str, str] = {}
    for row in [r for r in (table if table is not None else []) if len(r)]:
        texts = [(c.text or "").strip() for c in row if len(c) == 0]
        if len(texts) != 2:
            raise _Refuse("a reclassify row is not an old and a new value")
        mapping[texts[0]] = texts[1]
    if not mapping:
        raise _Refuse("it maps no values")
    default = prop(elem, "default") if _true(prop(elem, "use_default")) else None
    return {"pairs": pairs, "field": pairs[0][0], "into": pairs[0][1], "map": mapping,
            "default": default}
