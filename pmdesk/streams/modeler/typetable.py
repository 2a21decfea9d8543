"""A node's field tables: its Filter tab (`filterTable`) and its Types tab or Type node
table (`typeTable`: storage, measure, role, declared blanks and the Check column)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from pmdesk.expr import clem
from pmdesk.streams.modeler.props import (
    _prop_elem,
    _Refuse,
    _row_field,
    _rows,
    _true,
)
from pmdesk.streams.modeler.reader import _child, _local, _text


def _filter_table(elem: ET.Element) -> dict[str, Any]:
    """A Filter node's (or a source's) field filter: drops, renames, default drop."""
    table = _prop_elem(elem, "filterTable")
    drop: list[str] = []
    keep: list[str] = []
    rename: dict[str, str] = {}
    default_drop = _true(_text(_child(table, "defaultDrop")))
    for row in _rows(table):
        name = _row_field(row, "name")
        if not name:
            continue
        dropped = _row_field(row, "drop")
        if dropped is not None and _true(dropped):
            drop.append(name)
        elif dropped is not None or default_drop:
            keep.append(name)
        new = _row_field(row, "rename")
        if new and new != name:
            rename[name] = new
    return {"drop": drop, "keep": keep, "rename": rename, "default_drop": default_drop}


def _type_table(elem: ET.Element) -> dict[str, dict[str, str]]:
    """Field -> {storage, measure, direction} from a Type node's (or source's) typeTable."""
    out: dict[str, dict[str, str]] = {}
    for row in _rows(_prop_elem(elem, "typeTable")):
        name = _row_field(row, "name")
        if not name:
            continue
        type_ = _child(row, "type")
        out[name] = {k: v for k, v in {
            "storage": _text(_child(type_, "storage")),
            "measure": _text(_child(type_, "measure")),
            "direction": _row_field(row, "direction"),
        }.items() if v}
    return out


# A type table row's blank declaration, by the names Modeler's scripting gives the Type
# node's keyed properties (missing_values, range_missing, missing_lower, missing_upper,
# null_missing, whitespace_missing) and their camelCase spellings; a `missing` element
# may group them. Any other element naming "missing" or "blank" is refused, not ignored.
BLANK_NAMES = {
    "missing_values": "values", "missingvalues": "values",
    "range_missing": "range", "rangemissing": "range",
    "missing_lower": "lower", "missinglower": "lower",
    "missing_upper": "upper", "missingupper": "upper",
    "null_missing": "null", "nullmissing": "null",
    "whitespace_missing": "whitespace", "whitespacemissing": "whitespace",
    "enabled": "enabled", "on": "enabled",
}
CHECK_MODES = ("none", "nullify", "coerce", "discard", "warn", "abort")


def _typed(value: ET.Element) -> Any:
    """A `<value type="J|D|A">` of a type table: numbers as numbers, the rest as text."""
    text = (value.text or "").strip()
    if (value.get("type") or "").upper() in ("J", "I", "D", "F", "R"):
        try:
            number = float(text)
        except ValueError:
            raise _Refuse(f"its value {text!r} is not a number") from None
        return int(number) if number.is_integer() and value.get("type", "").upper() in (
            "J", "I") else number
    return text


def _value_list(elem: ET.Element | None) -> list[Any]:
    if elem is None:
        return []
    leaves = [v for v in elem.iter() if v is not elem and not len(v)]
    if leaves:
        return [_typed(v) for v in leaves]
    out: list[Any] = []
    for m in re.finditer(r"'([^']*)'|\"([^\"]*)\"|([^\s,\[\]]+)", elem.text or ""):
        if m.group(3) is None:
            out.append(m.group(1) if m.group(1) is not None else m.group(2))
            continue
        try:
            number = float(m.group(3))
            out.append(int(number) if number.is_integer() and "." not in m.group(3)
                       else number)
        except ValueError:
            out.append(m.group(3))
    return out


def _row_blanks(row: ET.Element, name: str) -> clem.Blanks | None:
    """The blanks a type table row declares for its field, or None when it declares none."""
    found: dict[str, ET.Element] = {}
    for child in row:
        tag = _local(child.tag)
        key = tag.lower()
        if key == "missing" and len(child):
            for inner in child:
                inner_key = _local(inner.tag).lower()
                if inner_key not in BLANK_NAMES:
                    raise _Refuse(f"its blank (user-missing) declaration for field {name!r} "
                                  f"holds {_local(inner.tag)!r}, a setting PMDesk does not "
                                  "know, so it cannot tell which values are blank")
                found[BLANK_NAMES[inner_key]] = inner
        elif key == "missing" and _true(_text(child)):
            raise _Refuse(f"it marks field {name!r} as having blanks without saying which "
                          "values are blank")
        elif key in BLANK_NAMES and key not in ("enabled", "on"):
            found[BLANK_NAMES[key]] = child
        elif ("missing" in key or "blank" in key) and key != "missing":
            raise _Refuse(f"its blank (user-missing) declaration for field {name!r} holds "
                          f"{tag!r}, a setting PMDesk does not know, so it cannot tell "
                          "which values are blank")
    if "enabled" in found and not _true(_text(found["enabled"])):
        return None
    values = _value_list(found.get("values"))
    lower = upper = None
    if "range" in found and _true(_text(found["range"])):
        bounds = [_value_list(found[k])[:1] for k in ("lower", "upper") if k in found]
        ends = [b[0] for b in bounds if b] if len(bounds) == 2 else values[:2]
        if len(ends) != 2 or any(isinstance(v, str) for v in ends):
            raise _Refuse(f"its blank range for field {name!r} does not give two numbers")
        lower, upper = float(min(ends)), float(max(ends))
        if len(bounds) != 2:
            values = values[2:]
    blanks = clem.Blanks(tuple(values), lower, upper,
                         _true(_text(found.get("null"))),
                         _true(_text(found.get("whitespace"))))
    return blanks if blanks != clem.Blanks() else None


def _blank_table(elem: ET.Element) -> dict[str, clem.Blanks | None]:
    """Field -> its declared blanks for every field a type table lists (None: it declares
    none, which also clears what an upstream node declared for it)."""
    out: dict[str, clem.Blanks | None] = {}
    for row in _rows(_prop_elem(elem, "typeTable")):
        name = _row_field(row, "name")
        if name:
            out[name] = _row_blanks(row, name)
    return out


def _check_table(elem: ET.Element) -> dict[str, dict[str, Any]]:
    """Field -> {mode, measure, values} for every field the type table checks (its Check
    column other than None): values outside the field's type are nullified, coerced,
    discarded, counted or abort the job, as Modeler does."""
    out: dict[str, dict[str, Any]] = {}
    for row in _rows(_prop_elem(elem, "typeTable")):
        name = _row_field(row, "name")
        mode = (_row_field(row, "check") or "none").strip().lower()
        if not name or mode == "none":
            continue
        if mode not in CHECK_MODES:
            raise _Refuse(f"its check {mode!r} for field {name!r} is not one of None, "
                          "Nullify, Coerce, Discard, Warn or Abort")
        type_ = _child(row, "type")
        measure = (_text(_child(type_, "measure")) or "").strip().lower()
        values = _value_list(_child(type_, "values"))
        if measure in ("range", "continuous"):
            if len(values) != 2 or any(isinstance(v, str) for v in values):
                raise _Refuse(f"it checks field {name!r} but does not give its range")
        elif measure in ("set", "nominal", "orderedset", "ordinal", "discrete", "flag"):
            if not values:
                raise _Refuse(f"it checks field {name!r} but lists none of its values")
            if measure == "flag" and mode == "coerce":
                raise _Refuse(f"coercing flag field {name!r} needs to know which of its two "
                              "values is false, which the stream does not say")
        else:
            continue  # typeless and default fields have no limits to check
        out[name] = {"mode": mode, "measure": "range" if measure in (
            "range", "continuous") else "set", "values": values}
    return out


def _type_partition(elem: ET.Element) -> dict[str, Any] | None:
    """The field a type table gives the role (direction) Partition, with its training value:
    the first value the table lists, else None (then "1", "1_..." or "Training" is)."""
    for row in _rows(_prop_elem(elem, "typeTable")):
        name = _row_field(row, "name")
        if name and (_row_field(row, "direction") or "").strip().lower() == "partition":
            values = _child(_child(row, "type"), "values")
            first = [(v.text or "").strip() for v in (values if values is not None else [])]
            return {"field": name, "training": first[0] if first else None}
    return None
