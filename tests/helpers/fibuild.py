"""A small Fast Infoset encoder for tests, written from X.891 Annex C independently of the
decoder, so hand-built documents can exercise constructs the real streams lack."""

from __future__ import annotations

import xml.etree.ElementTree as ET

HEADER = b"\xe0\x00\x00\x01"


def u32(n: int) -> bytes:
    return n.to_bytes(4, "big")


def len_2nd(n: int, first: int = 0) -> bytes:
    """C.22 length of a non-empty octet string starting on the second bit."""
    if n <= 64:
        return bytes([first | (n - 1)])
    if n <= 320:
        return bytes([first | 0x40, n - 65])
    return bytes([first | 0x60]) + u32(n - 321)


def int_2nd(i: int, first: int = 0) -> bytes:
    """C.25 integer 1..2^20 starting on the second bit."""
    if i <= 64:
        return bytes([first | (i - 1)])
    if i <= 8256:
        v = i - 65
        return bytes([first | 0x40 | (v >> 8), v & 0xFF])
    v = i - 8257
    return bytes([first | 0x60 | (v >> 16), (v >> 8) & 0xFF, v & 0xFF])


def int_3rd(i: int, first: int = 0) -> bytes:
    """C.27 integer 1..2^20 starting on the third bit."""
    if i <= 32:
        return bytes([first | (i - 1)])
    if i <= 2080:
        v = i - 33
        return bytes([first | 0x20 | (v >> 8), v & 0xFF])
    if i <= 526368:
        v = i - 2081
        return bytes([first | 0x28 | (v >> 16), (v >> 8) & 0xFF, v & 0xFF])
    v = i - 526369
    return bytes([first | 0x30, v >> 16, (v >> 8) & 0xFF, v & 0xFF])


def int_4th(i: int, first: int = 0) -> bytes:
    """C.28 integer 1..2^20 starting on the fourth bit."""
    if i <= 16:
        return bytes([first | (i - 1)])
    if i <= 1040:
        v = i - 17
        return bytes([first | 0x10 | (v >> 8), v & 0xFF])
    if i <= 263184:
        v = i - 1041
        return bytes([first | 0x14 | (v >> 16), (v >> 8) & 0xFF, v & 0xFF])
    v = i - 263185
    return bytes([first | 0x18, v >> 16, (v >> 8) & 0xFF, v & 0xFF])


def ident(text: str) -> bytes:
    """C.13 literal identifying string (joins its table)."""
    raw = text.encode()
    return len_2nd(len(raw)) + raw


def ident_index(i: int) -> bytes:
    return int_2nd(i, 0x80)


def len_5th(n: int, first: int) -> bytes:
    if n <= 8:
        return bytes([first | (n - 1)])
    if n <= 264:
        return bytes([first | 0x08, n - 9])
    return bytes([first | 0x0C]) + u32(n - 265)


def len_7th(n: int, first: int) -> bytes:
    if n <= 2:
        return bytes([first | (n - 1)])
    if n <= 258:
        return bytes([first | 0x02, n - 3])
    return bytes([first | 0x03]) + u32(n - 259)


def nistring(raw: bytes, kind: int = 0, add: bool = False, table: int = 0) -> bytes:
    """C.14 literal: kind 0 UTF-8, 1 UTF-16, 2 restricted alphabet, 3 encoding algorithm
    (`table` is then the 1-based alphabet/algorithm index)."""
    first = (0x40 if add else 0) | (kind << 4)
    if kind < 2:
        return len_5th(len(raw), first) + raw
    v = table - 1
    return bytes([first | (v >> 4)]) + len_5th(len(raw), (v & 0x0F) << 4) + raw


def nistring_index(i: int) -> bytes:
    return int_2nd(i, 0x80)


def chunk(raw: bytes, kind: int = 0, add: bool = False, table: int = 0) -> bytes:
    """C.7/C.15 character chunk literal."""
    first = 0x80 | (0x10 if add else 0) | (kind << 2)
    if kind < 2:
        return len_7th(len(raw), first) + raw
    v = table - 1
    return bytes([first | (v >> 6)]) + len_7th(len(raw), (v & 0x3F) << 2) + raw


def chunk_index(i: int) -> bytes:
    return int_4th(i, 0xA0)


def element_literal(local: str, attributes: bool = False, prefix: bytes | None = None,
                    namespace: bytes | None = None) -> bytes:
    """C.3 element header with a literal qualified name; prefix/namespace are encoded
    identifying strings (literal or index) when given."""
    b = 0x3C | (0x40 if attributes else 0) | (0x02 if prefix else 0) | (0x01 if namespace else 0)
    return bytes([b]) + (prefix or b"") + (namespace or b"") + ident(local)


def element_index(i: int, attributes: bool = False) -> bytes:
    return int_3rd(i, 0x40 if attributes else 0)


def attribute_literal(local: str, prefix: bytes | None = None,
                      namespace: bytes | None = None) -> bytes:
    b = 0x78 | (0x02 if prefix else 0) | (0x01 if namespace else 0)
    return bytes([b]) + (prefix or b"") + (namespace or b"") + ident(local)


def attribute_index(i: int) -> bytes:
    return int_2nd(i, 0)


def pack_restricted(text: str, alphabet: str) -> bytes:
    """X.891 8.2 packing with all-ones padding."""
    bits = len(alphabet).bit_length()
    acc = 0
    n = 0
    for ch in text:
        acc = (acc << bits) | alphabet.index(ch)
        n += bits
    pad = (-n) % 8
    acc = (acc << pad) | ((1 << pad) - 1)
    return (acc.to_bytes((n + pad) // 8, "big")) if n + pad else b""


class Encoder:
    """XML tree to Fast Infoset, using the tables the way a real encoder does: names are
    literal once then indexed, short values and text are added to their tables and reused."""

    def __init__(self) -> None:
        self.local: dict[str, int] = {}
        self.ns: dict[str, int] = {"http://www.w3.org/XML/1998/namespace": 1}
        self.prefix: dict[str, int] = {"xml": 1}
        self.elements: dict[str, int] = {}
        self.attributes: dict[str, int] = {}
        self.values: dict[str, int] = {}
        self.chunks: dict[str, int] = {}

    def _name_parts(self, tag: str) -> tuple[str, str]:
        if tag.startswith("{"):
            ns, local = tag[1:].split("}", 1)
            return ns, local
        return "", tag

    def _ident(self, table: dict[str, int], text: str) -> bytes:
        if text in table:
            return ident_index(table[text])
        table[text] = len(table) + 1
        return ident(text)

    def _qname(self, tag: str, attribute: bool) -> bytes:
        table = self.attributes if attribute else self.elements
        ns, local = self._name_parts(tag)
        if tag in table:
            return b""  # caller encodes the index
        table[tag] = len(table) + 1
        prefix = None
        ns_bytes = None
        if ns:
            ns_bytes = self._ident(self.ns, ns)
            p = "xml" if ns == "http://www.w3.org/XML/1998/namespace" else f"p{self.ns[ns]}"
            prefix = self._ident(self.prefix, p)
        lit = ident(local) if local not in self.local else ident_index(self.local[local])
        self.local.setdefault(local, len(self.local) + 1)
        flags = (0x02 if prefix else 0) | (0x01 if ns_bytes else 0)
        head = 0x78 if attribute else 0x3C
        return bytes([head | flags]) + (prefix or b"") + (ns_bytes or b"") + lit

    def _text(self, text: str) -> bytes:
        if text in self.chunks:
            return chunk_index(self.chunks[text])
        add = len(text) < 60
        if add:
            self.chunks[text] = len(self.chunks) + 1
        return chunk(text.encode(), add=add)

    def element(self, elem: ET.Element) -> bytes:
        out = bytearray()
        attrs = bool(elem.attrib)
        if elem.tag in self.elements:
            out += element_index(self.elements[elem.tag], attrs)
        else:
            name = self._qname(str(elem.tag), False)
            out += bytes([name[0] | (0x40 if attrs else 0)]) + name[1:]
        for key, value in elem.attrib.items():
            if key in self.attributes:
                out += attribute_index(self.attributes[key])
            else:
                out += self._qname(key, True)
            if value in self.values:
                out += nistring_index(self.values[value])
            elif value == "":
                out += b"\xff"
            else:
                add = len(value) < 60
                if add:
                    self.values[value] = len(self.values) + 1
                out += nistring(value.encode(), add=add)
        if attrs:
            out += b"\xf0"
        if elem.text:
            out += self._text(elem.text)
        for child in elem:
            out += self.element(child)
            if child.tail:
                out += self._text(child.tail)
        out += b"\xf0"
        return bytes(out)

    def document(self, root: ET.Element) -> bytes:
        return HEADER + b"\x00" + self.element(root) + b"\xf0"


def encode(root: ET.Element) -> bytes:
    return Encoder().document(root)
