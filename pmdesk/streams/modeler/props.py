"""Reading a node's properties from the stream XML by the names Modeler saves them under:
the XML's camelCase (`formulaExpr`) or the scripting name it mirrors (`formula_expr`), as
an attribute of `node` or a child of its `properties`; and the refusal a node's reader
raises when a property says something PMDesk will not run."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pmdesk.expr import ExpressionError, clem
from pmdesk.streams.modeler.reader import _child, _local, _text


class _Refuse(Exception):
    """Raised while reading a node PMDesk will not run; the message is the reason."""


def _props(elem: ET.Element) -> ET.Element:
    props = _child(elem, "properties")
    return props if props is not None else ET.Element("properties")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def prop(elem: ET.Element, *names: str) -> str | None:
    """A node property by any of its names, as an attribute or a `properties` child."""
    props = _props(elem)
    for name in names:
        for key in dict.fromkeys((name, _camel(name))):
            if (value := elem.get(key)) is not None:
                return value
            child = _child(props, key)
            if child is not None and len(child) == 0:
                return (child.text or "").strip()
    return None


def _prop_elem(elem: ET.Element, *names: str) -> ET.Element | None:
    props = _props(elem)
    for name in names:
        for key in dict.fromkeys((name, _camel(name))):
            child = _child(props, key)
            if child is not None:
                return child
    return None


def _strings(elem: ET.Element | None) -> list[str]:
    """A list property: its leaf children's texts (or a bracketed text `[a b]`)."""
    if elem is None:
        return []
    leaves = [(c.text or "").strip() for c in elem.iter() if c is not elem and len(c) == 0]
    if leaves:
        return [t for t in leaves if t]
    text = (elem.text or "").strip().strip("[]")
    return [next(g for g in m if g)
            for m in re.findall(r"'([^']*)'|\"([^\"]*)\"|([^\s,]+)", text)]


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes", "t", "y")


def _rows(elem: ET.Element | None) -> list[ET.Element]:
    rows = _child(elem, "rows")
    return [r for r in (rows if rows is not None else []) if _local(r.tag) == "row"]


def _row_field(row: ET.Element, name: str) -> str | None:
    if (v := row.get(name)) is not None:
        return v
    return _text(_child(row, name))


def _expression(step: str, text: str | None, what: str) -> str:
    if not text:
        raise _Refuse(f"its {what} is empty")
    try:
        clem.parse(text)
    except ExpressionError as exc:
        raise _Refuse(f"its {what} {text!r} is not CLEM PMDesk can run: {exc}") from None
    return text


def _int(elem: ET.Element, *names: str) -> int | None:
    text = prop(elem, *names)
    try:
        return int(float(text)) if text not in (None, "") else None
    except ValueError:
        raise _Refuse(f"its {names[0]} {text!r} is not a number") from None


def _number(elem: ET.Element, name: str, default: float) -> float:
    text = prop(elem, name)
    if text in (None, ""):
        return default
    try:
        return float(text)
    except ValueError:
        raise _Refuse(f"its {name} {text!r} is not a number") from None


def _table_rows(elem: ET.Element, name: str) -> list[ET.Element]:
    table = _prop_elem(elem, name)
    rows = list(table) if table is not None else []
    if table is not None and not rows and (table.text or "").strip():
        raise _Refuse(f"its {name} is saved in a form PMDesk does not read")
    return rows


def _pair(row: ET.Element, what: str) -> tuple[str, str]:
    texts = [(c.text or "").strip() for c in row.iter() if c is not row and len(c) == 0] \
        if len(row) else list(row.attrib.values())
    if len(texts) != 2:
        raise _Refuse(f"a row of {what} and a condition does not hold two parts")
    return texts[0], texts[1]
