"""Declared blanks and type checks: what a Type node (or a source's Types tab) says about
a field's values, carried down the branch the way Modeler carries field metadata.

A declaration holds from the node that makes it until a later type table lists the field
again, a Filter renames or drops it, or a node writes a new value into it (Derive,
Reclassify, Aggregate). `@BLANK`, Filler's Blank modes and the nuggets read what holds
where they run; nothing is blank unless declared, as in Modeler.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from pmdesk.engine.errors import EngineError
from pmdesk.expr.clem import Blanks
from pmdesk.streams.modeler.plan import Plan, Step

log = logging.getLogger(__name__)
Declared = dict[str, Blanks]


def declared_blanks(plan: Plan, steps: list[Step]) -> dict[str, tuple[Declared, Declared]]:
    """Step id -> (blanks reaching its input, blanks leaving it), for steps in data-flow
    order. With several inputs (Append, Merge) the first input's declaration wins, as the
    first input's fields do."""
    out: dict[str, Declared] = {}
    both: dict[str, tuple[Declared, Declared]] = {}
    for step in steps:
        incoming: Declared = {}
        for up in reversed(plan.inputs_of(step.id)):
            incoming.update(out.get(up, {}))
        out[step.id] = _after(step, incoming)
        both[step.id] = (incoming, out[step.id])
    return both


def _after(step: Step, incoming: Declared) -> Declared:
    p = step.props
    if step.kind == "source":
        return _listed({}, p.get("blanks", {}))
    if step.kind == "type":
        return _listed(incoming, p.get("blanks", {}))
    if step.kind == "filter" or (step.kind == "merge" and p.get("filter")):
        return _filtered(incoming, p.get("filter", p))
    if step.kind in ("derive", "reclassify"):
        written = {into for _, into in p.get("targets", p.get("pairs", []))}
        return {k: v for k, v in incoming.items() if k not in written}
    if step.kind == "aggregate":
        return {k: v for k, v in incoming.items() if k in p.get("keys", [])}
    return incoming


def _listed(incoming: Declared, table: dict[str, Blanks | None]) -> Declared:
    out = {k: v for k, v in incoming.items() if k not in table}
    out.update({k: v for k, v in table.items() if v is not None})
    return out


def _filtered(incoming: Declared, spec: dict[str, Any]) -> Declared:
    if spec.get("default_drop"):
        kept = {k: v for k, v in incoming.items() if k in spec.get("keep", [])}
    else:
        kept = {k: v for k, v in incoming.items() if k not in spec.get("drop", [])}
    rename = spec.get("rename", {})
    return {rename.get(k, k): v for k, v in kept.items()}


def blanks_as_missing(frame: pd.DataFrame, fields: list[str], declared: Declared
                      ) -> pd.DataFrame:
    """The columns a model reads, with declared blanks made missing: Modeler scores a
    user-missing value as missing, while the record keeps its value."""
    changed = {}
    for name in fields:
        rule = declared.get(name)
        if rule is not None and name in frame.columns:
            hit = rule.mask(frame[name])
            if hit.any():
                changed[name] = frame[name].mask(hit)
    return frame.assign(**changed) if changed else frame


def apply_checks(frame: pd.DataFrame, checks: dict[str, dict[str, Any]], declared: Declared,
                 where: str, warned: dict[str, int]) -> pd.DataFrame:
    """A type table's Check column: values outside a field's range or set (declared blanks
    and nulls are not outside) are nullified, coerced, drop their record, are counted
    (Warn, logged per chunk in `warned`) or abort the job."""
    drop = pd.Series(False, index=frame.index)
    changed: dict[str, pd.Series] = {}
    for name, check in checks.items():
        if name not in frame.columns:
            continue
        column = frame[name]
        bad = _outside(column, check)
        rule = declared.get(name)
        if rule is not None:
            bad &= ~rule.mask(column)
        mode = check["mode"]
        if mode == "coerce" and check["measure"] == "range":
            low, high = (float(v) for v in check["values"])
            number = pd.to_numeric(column, errors="coerce")
            fixed = number.clip(lower=low, upper=high)
            fixed = fixed.where(number.notna() | _blank(rule, column), (low + high) / 2)
            changed[name] = fixed.where(~_blank(rule, column), column)
            continue
        if not bad.any():
            continue
        if mode == "abort":
            value = column[bad].iloc[0]
            raise EngineError(f"{where}: field {name!r} holds {value!r}, outside the values "
                              "its type allows, and its check is Abort")
        if mode == "nullify":
            changed[name] = column.mask(bad)
        elif mode == "coerce":
            changed[name] = column.astype(object).where(~bad, check["values"][0])
        elif mode == "discard":
            drop |= bad
        elif mode == "warn":
            warned[name] = warned.get(name, 0) + int(bad.sum())
            log.warning("%s: %d value(s) of field %r outside its type (Warn): %d so far",
                        where, int(bad.sum()), name, warned[name])
    out = frame.assign(**changed) if changed else frame
    return out[~drop] if drop.any() else out


def _blank(rule: Blanks | None, column: pd.Series) -> pd.Series:
    return rule.mask(column) if rule is not None else pd.Series(False, index=column.index)


def _outside(column: pd.Series, check: dict[str, Any]) -> pd.Series:
    """Values outside the type's limits; a null is not outside (it has no value)."""
    present = column.notna()
    if check["measure"] == "range":
        low, high = (float(v) for v in check["values"])
        number = pd.to_numeric(column, errors="coerce")
        return present & ~((number >= low) & (number <= high)).fillna(False).astype(bool)
    allowed = check["values"]
    texts = {v if isinstance(v, str) else f"{v:g}" for v in allowed}
    numbers = {float(v) for v in allowed if not isinstance(v, str)}
    inside = column.map(lambda v: v in texts if isinstance(v, str) else
                        isinstance(v, int | float) and float(v) in numbers)
    return present & ~inside.astype(bool)
