"""Reads a real SPSS Modeler `.str` into a `StreamInfo`, with no IBM software.

A `.str` is a zip whose top-level `*.xml` member is the stream description, encoded as Fast
Infoset (older or hand-made files may hold plain XML). Its root is `clementineStream`, holding
`stream/properties` and `stream/diagram/{nodes,links}`. Nugget documents (PMML) live in
`data/NNNN.dat` members that nodes reference by path. Everything is read with caps on size,
count and depth, and every failure is a `StreamReadError` that says what is wrong.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.info import NodeKind, StreamInfo, StreamNode, StreamParameter, StreamScript
from pmdesk.streams.modeler import fastinfoset, scf

MAX_XML_MEMBER = 64 * 1024 * 1024  # the stream description, inflated
MAX_DATA_MEMBER = 64 * 1024 * 1024  # one nugget member, inflated
MAX_MEMBERS = 20_000
MAX_WALKED_FILE = 256 * 1024 * 1024  # a zip read header by header is read whole
MAX_RATIO = 200  # inflated / compressed, beyond which a member is treated as a zip bomb
MAX_NODES = 50_000
MAX_LABEL = 1_000
_FI_HEADER = b"\xe0\x00\x00\x01"
_MEMBER_REF = re.compile(r"^[\w./\-]{1,200}$")


def read_str(path: Path) -> StreamInfo:
    """The stream description of a Modeler `.str` file."""
    with _open_archive(path) as archive:
        root = _stream_xml(archive)
        info = stream_info(root, fallback_name=path.stem)
        info.pmml.update(_nugget_pmml(archive, root, info))
        info.settings.update(_nugget_settings(archive, root, info))
    from pmdesk.streams.modeler.plan import plan_of  # plan.py builds on this module

    info.refused = [r.to_json() for r in plan_of(root, info).refused.values()]
    return info


# ------------------------------------------------------------------------------ the zip

class _Archive:
    """The members of a `.str`, each read with a size cap."""

    def __init__(self, zf: zipfile.ZipFile | None, walked: dict[str, bytes] | None = None):
        self.zf = zf
        self.walked = walked or {}
        self.infos = {i.filename: i for i in zf.infolist()} if zf is not None else {}

    def names(self) -> list[str]:
        return list(self.infos) if self.zf is not None else list(self.walked)

    def read(self, name: str, cap: int) -> bytes:
        if self.zf is None:
            data = self.walked[name]
            if len(data) > cap:
                raise StreamReadError(f"zip member {name!r} is larger than {cap} bytes")
            return data
        return read_member(self.zf, self.infos[name], cap)

    def __enter__(self) -> _Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.zf is not None:
            self.zf.close()


def entry_count(fh: Any, size: int) -> int | None:
    """The entry count the zip's end record declares, read before zipfile builds its index
    (a hostile central directory could otherwise list millions of entries)."""
    tail_size = min(size, 65536 + 22)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    count = int.from_bytes(tail[at + 10:at + 12], "little")
    locator = tail.rfind(b"PK\x06\x07", 0, at)
    if count == 0xFFFF and locator >= 0 and locator + 20 <= len(tail):
        offset = int.from_bytes(tail[locator + 8:locator + 16], "little")
        if offset + 56 <= size:
            fh.seek(offset)
            record = fh.read(56)
            if record[:4] == b"PK\x06\x06":
                count = int.from_bytes(record[32:40], "little")
    return count


def _open_archive(path: Path) -> _Archive:
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
            size = fh.seek(0, 2)
            count = entry_count(fh, size) if size else None
    except OSError as exc:
        raise StreamReadError(f"cannot read the file ({exc.strerror or exc})") from None
    if size == 0:
        raise StreamReadError("the file is empty")
    if head[:2] != b"PK":
        if head == _FI_HEADER:
            raise StreamReadError(
                "not a zip archive: this is a bare Fast Infoset document, not a .str"
            )
        raise StreamReadError("not a zip archive, so not a Modeler stream (.str) file")
    if count is not None and count > MAX_MEMBERS:
        raise StreamReadError(f"the zip archive has more than {MAX_MEMBERS} members ({count})")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        if "extra field" in str(exc) and size <= MAX_WALKED_FILE:
            return _walk(path, exc)
        raise StreamReadError(f"a damaged or truncated zip archive ({exc})") from None
    except (OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise StreamReadError(f"a damaged zip archive ({exc})") from None
    if len(zf.infolist()) > MAX_MEMBERS:
        zf.close()
        raise StreamReadError(f"the zip archive has more than {MAX_MEMBERS} members")
    return _Archive(zf)


def _walk(path: Path, why: Exception) -> _Archive:
    """Reads a complete zip whose extra fields Python's zipfile rejects (Java writes some
    such) by walking its local file headers instead."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StreamReadError(f"cannot read the file ({exc.strerror or exc})") from None
    members: dict[str, bytes] = {}
    try:
        for name, content in scf.zip_members(data, MAX_XML_MEMBER):
            members.setdefault(name, content)
    except StreamReadError as exc:
        raise StreamReadError(f"a damaged zip archive ({why}; {exc})") from None
    if not members:
        raise StreamReadError(f"a damaged zip archive ({why})")
    return _Archive(None, members)


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A member's bytes, refusing ones that inflate past `cap` or by an absurd ratio."""
    if info.file_size > cap or (
        info.compress_size and info.file_size > MAX_RATIO * info.compress_size + 65536
    ):
        raise StreamReadError(
            f"zip member {info.filename!r} is too large or compressed suspiciously well "
            f"({info.file_size} bytes; a zip bomb?)"
        )
    try:
        with zf.open(info) as fh:
            data = fh.read(cap + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise StreamReadError(f"zip member {info.filename!r} is damaged ({exc})") from None
    if len(data) > cap:
        raise StreamReadError(f"zip member {info.filename!r} is larger than {cap} bytes")
    return data


def _stream_xml(archive: _Archive) -> ET.Element:
    names = archive.names()
    candidates = [
        n for n in names
        if n.lower().endswith(".xml") and not n.endswith("/")
        and not n.lower().startswith(("data/", "meta-inf/"))
    ]
    if not candidates:
        shown = ", ".join(names[:5]) or "none"
        raise StreamReadError(
            f"the zip archive has no stream XML member (members: {shown}); "
            "is this a Modeler .str file?"
        )
    # The top-level member first, then any nested one.
    candidates.sort(key=lambda n: (n.count("/"), n))
    first_error: StreamReadError | None = None
    for name in candidates[:20]:
        try:
            root = parse_stream_bytes(archive.read(name, MAX_XML_MEMBER), name)
        except StreamReadError as exc:
            first_error = first_error or exc
            continue
        if _child(root, "stream") is not None:
            return root
        first_error = first_error or StreamReadError(
            f"{name}: a Modeler stream description without its <stream> element"
            if _local(root.tag) == "clementineStream"
            else f"{name}: the XML root is <{_local(root.tag)}>, not a Modeler stream"
        )
    assert first_error is not None
    raise first_error


def parse_stream_bytes(data: bytes, member: str = "stream XML") -> ET.Element:
    """Decodes the stream description: Fast Infoset, or plain XML as a fallback."""
    if not data:
        raise StreamReadError(f"{member}: the stream XML member is empty")
    if fastinfoset.is_fast_infoset(data):
        try:
            return fastinfoset.decode(data)
        except StreamReadError as exc:
            raise StreamReadError(f"{member}: {exc}") from None
    if data.lstrip()[:1] == b"<":
        try:
            return SafeET.fromstring(data)
        except (ET.ParseError, DefusedXmlException, ValueError) as exc:
            raise StreamReadError(f"{member}: not well-formed XML ({exc})") from None
    raise StreamReadError(f"{member}: neither Fast Infoset nor XML")


# ------------------------------------------------------------------------ the mapping

def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(elem: ET.Element | None, name: str) -> ET.Element | None:
    if elem is None:
        return None
    for c in elem:
        if _local(c.tag) == name:
            return c
    return None


def _path(elem: ET.Element | None, *names: str) -> ET.Element | None:
    for name in names:
        elem = _child(elem, name)
    return elem


def _text(elem: ET.Element | None) -> str | None:
    if elem is None:
        return None
    return (elem.text or "").strip()


def _float(text: str | None) -> float | None:
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and abs(value) < 1e9 else None


def stream_info(root: ET.Element, fallback_name: str = "stream") -> StreamInfo:
    """Maps a decoded `clementineStream` document to a StreamInfo."""
    stream = _child(root, "stream") if _local(root.tag) != "stream" else root
    props = _child(stream, "properties")
    diagram = _child(stream, "diagram")
    name = _text(_child(props, "name")) or root.get("name") or fallback_name
    version = root.get("version") or (stream.get("saveVersion") if stream is not None else None)
    info = StreamInfo(name=name[:MAX_LABEL], format="modeler", modeler_version=version)
    info.parameters = _parameters(props)
    info.script = _script(props)

    nodes_elem = _child(diagram, "nodes")
    terminal_ids = {
        n.get("id") for n in (_child(diagram, "terminalNodeOrder") or [])
        if n.get("id") is not None
    }
    by_uid: dict[str, str] = {}
    seen: set[str] = set()
    for index, elem in enumerate(nodes_elem if nodes_elem is not None else []):
        if _local(elem.tag) != "node":
            continue
        if len(info.nodes) >= MAX_NODES:
            raise StreamReadError(f"the stream has more than {MAX_NODES} nodes")
        node = _node(elem, index, terminal_ids)
        if node.id in seen:
            continue
        seen.add(node.id)
        info.nodes.append(node)
        if uid := elem.get("uid"):
            by_uid[uid] = node.id

    def resolve(ref: str | None) -> str | None:
        ref = (ref or "").strip()
        if not ref:
            return None
        if ref in by_uid:
            return by_uid[ref]
        return ref if ref in seen else None

    links_elem = _child(diagram, "links")
    for link in links_elem if links_elem is not None else []:
        src = resolve(link.get("srcId") or link.get("sourceId") or link.get("from"))
        dst = resolve(link.get("dstId") or link.get("targetId") or link.get("to"))
        if src and dst and (src, dst) not in info.links:
            info.links.append((src, dst))
    info.nodes = _supernode_kinds(info)
    info.scoring_terminal = resolve(_text(_child(props, "scnScoringTerminalNode")))
    info.model_build_node = resolve(_text(_child(props, "scnModelBuildNode")))
    return info


def _supernode_kinds(info: StreamInfo) -> list[StreamNode]:
    """A supernode whose class does not say its kind takes it from its place in the graph:
    no inputs means a source supernode, no outputs a terminal one."""
    has_in = {b for _, b in info.links}
    has_out = {a for a, _ in info.links}
    out: list[StreamNode] = []
    for n in info.nodes:
        if "SuperNode" in short_class(n.cls) and n.kind is NodeKind.PROCESS:
            if n.id in has_out and n.id not in has_in:
                n = replace(n, kind=NodeKind.SOURCE)
            elif n.id in has_in and n.id not in has_out:
                n = replace(n, kind=NodeKind.TERMINAL)
        out.append(n)
    return out


def _node(elem: ET.Element, index: int, terminal_ids: set[str | None]) -> StreamNode:
    node_id = elem.get("id") or elem.get("uid") or f"n{index}"
    cls = elem.get("class") or elem.get("type") or ""
    props = _child(elem, "properties")  # direct child: not modelBuildInfo's copy
    label = _text(_child(props, "label")) or ""
    auto_text = _text(_child(props, "autoLabel"))
    auto = auto_text.lower() != "false" if auto_text else not label
    if auto or not label:
        label = (
            _text(_child(props, "name")) or _text(_child(props, "label"))
            or short_class(cls) or node_id
        )
    pos = _child(props, "position")
    x = _float(_text(_child(pos, "x")) or (pos.get("x") if pos is not None else None))
    y = _float(_text(_child(pos, "y")) or (pos.get("y") if pos is not None else None))
    kind = classify(cls, in_terminal_order=node_id in terminal_ids)
    return StreamNode(id=node_id, label=label[:MAX_LABEL], cls=cls, kind=kind, x=x, y=y)


def short_class(cls: str) -> str:
    return cls.rsplit(".", 1)[-1].split("$", 1)[0]


_DOCUMENT = re.compile(
    r"(Graph|Graphboard|Plot|Histogram|Histo|Distribution|Distrib|Collection|Web|Evaluation|"
    r"Analysis|Matrix|DataAudit|Audit|Means|Report|Chart|Gains)"
    r"\w*Node$|^(Statistics|StatisticsOutput|ExtensionOutput|Output)Node$"
)
_TERMINAL = re.compile(
    r"^(Table|Publisher|SetGlobals|Transform|SimFit|SimEval)Node$|(Export|Writer|Output)Node$"
)


def classify(cls: str, in_terminal_order: bool = False) -> NodeKind:
    """The node's kind from Modeler's class naming (`...ImportNode`, `Build...Node`, ...)."""
    short = short_class(cls)
    if not short:
        return NodeKind.UNKNOWN
    if "SuperNode" in short:
        if short.startswith("Source"):
            return NodeKind.SOURCE
        if short.startswith("Terminal"):
            return NodeKind.TERMINAL
        return NodeKind.PROCESS
    if re.search(r"(Import|Importer|Source)Node$|^(UserInput|SimGen|DataView|"
                 r"EnterpriseView|Cognos\w*|TM1\w*)Node$", short):
        return NodeKind.SOURCE
    if re.search(r"^Apply\w*Node$|Apply(Model)?Node$|Applier\w*Node$|ModelApplyNode$", short):
        return NodeKind.MODEL_NUGGET
    if re.search(r"^Build\w*Node$|Build(Model)?Node$|Builder\w*Node$|"
                 r"^Auto(Classifier|Numeric|Cluster)Node$", short):
        return NodeKind.MODEL_BUILDER
    if re.search(r"(Export|Writer)Node$", short) or short == "TableNode":
        return NodeKind.TERMINAL
    if _DOCUMENT.search(short):
        return NodeKind.DOCUMENT_BUILDER
    if _TERMINAL.search(short):
        return NodeKind.TERMINAL
    if in_terminal_order:
        return NodeKind.TERMINAL
    return NodeKind.PROCESS


_PARAM_NAME = ("name", "parameterName", "paramName", "key")
_PARAM_VALUE = ("value", "defaultValue", "default", "parameterValue")
_PARAM_TYPE = ("storage", "type", "parameterStorage", "valueType")
_PARAM_LABEL = ("label", "longName", "prompt", "description")


def _field(row: ET.Element, names: tuple[str, ...]) -> str | None:
    for n in names:
        if (v := row.get(n)) is not None:
            return v
        c = _child(row, n)
        if c is not None:
            return (c.text or "").strip()
    return None


def _parameters(props: ET.Element | None) -> list[StreamParameter]:
    """Stream parameters: rows of `parameterTable` (or a `parameters` list), read leniently
    because the row layout differs between Modeler versions."""
    out: list[StreamParameter] = []
    seen: set[str] = set()
    for table_name in ("parameterTable", "parameters", "streamParameters"):
        table = _child(props, table_name)
        if table is None:
            continue
        rows = _child(table, "rows")
        for row in rows if rows is not None else table:
            name = _field(row, _PARAM_NAME)
            value = _field(row, _PARAM_VALUE)
            ptype = _field(row, _PARAM_TYPE)
            label = _field(row, _PARAM_LABEL)
            cells = [c for c in row if len(c) == 0]
            if name is None and cells:  # positional cells: name, value, type, label
                texts = [(c.text or "").strip() for c in cells]
                name = texts[0]
                value = texts[1] if len(texts) > 1 else None
                ptype = texts[2] if len(texts) > 2 else None
                label = texts[3] if len(texts) > 3 else None
            if not name or name in seen:
                continue
            seen.add(name)
            out.append(StreamParameter(
                name=name[:MAX_LABEL], default=_typed(value, ptype),
                type=(ptype or None) and ptype.lower(), label=label or None,
            ))
    return out


def _typed(value: str | None, ptype: str | None) -> Any:
    if value is None:
        return None
    kind = (ptype or "").lower()
    try:
        if kind in ("integer", "int", "long"):
            return int(value)
        if kind in ("real", "double", "float"):
            return float(value)
        if kind in ("boolean", "flag", "bool"):
            return value.strip().lower() in ("true", "1", "yes", "t", "y")
    except ValueError:
        return value
    return value


def _script(props: ET.Element | None) -> StreamScript | None:
    text = _child(props, "script")
    body = (text.text or "") if text is not None else ""
    if not body.strip():
        return None
    language = _text(_child(props, "scriptLanguage")) or "legacy"
    return StreamScript(language=language, text=body)


# ----------------------------------------------------------------------- nugget PMML

_SKIP = {"modelBuildInfo", "modelBuilderContainer"}


def _references(elem: ET.Element, names: set[str]) -> list[tuple[bool, str]]:
    """Member paths a node refers to, each with whether its context says "PMML"."""
    out: list[tuple[bool, str]] = []
    stack: list[tuple[ET.Element, bool]] = [(elem, False)]
    while stack:
        e, marked = stack.pop()
        if _local(e.tag) in _SKIP and e is not elem:
            continue
        here = marked or any(
            (c.text or "").strip().upper() == "PMML"
            for c in e if _local(c.tag) in ("containerName", "name")
        ) or (e.get("name") or "").upper() == "PMML"
        for key, value in e.attrib.items():
            if key in ("modelBuilderProperties", "properties"):
                continue
            if value in names and _MEMBER_REF.match(value):
                out.append((here or key.lower() == "pmml", value))
        stack.extend((c, here) for c in reversed(list(e)))
    out.sort(key=lambda r: not r[0])
    return out


def _nugget_settings(archive: _Archive, root: ET.Element, info: StreamInfo
                     ) -> dict[str, dict[str, str]]:
    """The settings a nugget keeps in the `Parameters` member its `properties` attribute
    names (extension nuggets such as Modeler's neural net: `scoring.isRawPropensity`, ...),
    as name -> value; a member that is not such a document is passed over."""
    names = set(archive.names())
    nuggets = {n.id for n in info.nodes_of(NodeKind.MODEL_NUGGET)}
    nodes_elem = _path(root, "stream", "diagram", "nodes")
    found: dict[str, dict[str, str]] = {}
    for elem in nodes_elem if nodes_elem is not None else []:
        node_id = elem.get("id") or elem.get("uid")
        ref = elem.get("properties") or ""
        if node_id not in nuggets or ref not in names or not _MEMBER_REF.match(ref):
            continue
        try:
            doc = SafeET.fromstring(archive.read(ref, MAX_DATA_MEMBER))
        except (StreamReadError, ET.ParseError, DefusedXmlException, ValueError):
            continue  # not a settings document: the node's own properties still hold
        if _local(doc.tag) == "Parameters":
            found[node_id] = {p.get("name", ""): p.get("value", "") for p in doc
                              if _local(p.tag) == "Parameter" and p.get("name")
                              and p.get("value") is not None}
    return found


def _nugget_pmml(archive: _Archive, root: ET.Element, info: StreamInfo) -> dict[str, str]:
    names = set(archive.names())
    nuggets = {n.id for n in info.nodes_of(NodeKind.MODEL_NUGGET)}
    nodes_elem = _path(root, "stream", "diagram", "nodes")
    found: dict[str, str] = {}
    for elem in nodes_elem if nodes_elem is not None else []:
        node_id = elem.get("id") or elem.get("uid")
        if node_id not in nuggets or node_id in found:
            continue
        for _, ref in _references(elem, names)[:16]:
            try:
                pmml = scf.pmml_of(archive.read(ref, MAX_DATA_MEMBER))
            except StreamReadError:
                continue  # a damaged nugget document does not hide the stream itself
            if pmml:
                found[node_id] = pmml
                break
    return found
