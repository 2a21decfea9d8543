"""A Fast Infoset (ITU-T X.891 | ISO/IEC 24824-1) decoder producing an ElementTree.

Written from the standard (Annex C gives the bit layouts quoted in the comments) because every
real Modeler `.str` stores its stream description this way and PMDesk must not need Java.
The decoder is defensive: every length is checked against the input that is left, nesting,
item counts and the total text produced are capped, and anything the standard does not allow
(or that this decoder cannot honour, such as an external vocabulary) ends in a
`FastInfosetError` naming the byte offset.
"""

from __future__ import annotations

import base64
import struct
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from pmdesk.streams.errors import StreamReadError

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

# X.891 8.2: the built-in restricted alphabets (table indices 1 and 2).
NUMERIC_ALPHABET = "0123456789-+.E "
DATE_TIME_ALPHABET = "0123456789-:TZ "

# X.891 10: built-in encoding algorithms, table indices 1..10 (encoded as index - 1).
HEXADECIMAL, BASE64, SHORT, INT, LONG, BOOLEAN, FLOAT, DOUBLE, UUID, CDATA = range(10)
_ALGORITHM_NAMES = (
    "hexadecimal", "base64", "short", "int", "long", "boolean", "float", "double", "uuid", "cdata",
)

TERMINATOR = 0xF0
DOUBLE_TERMINATOR = 0xFF


class FastInfosetError(StreamReadError):
    """The bytes are not a Fast Infoset document this decoder can read."""


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile input from costing unbounded time or memory."""

    max_depth: int = 256
    max_items: int = 2_000_000  # elements + attributes + chunks + table entries
    max_chars: int = 32_000_000  # total characters of text produced, table references included
    max_string: int = 16_000_000  # one string's octets


@dataclass
class _Name:
    prefix: str
    namespace: str
    local: str

    def clark(self) -> str:
        return f"{{{self.namespace}}}{self.local}" if self.namespace else self.local


@dataclass
class _Vocabulary:
    """The dynamic tables of X.891 7.2 (Python lists are 0-based: entry i has index i + 1)."""

    prefixes: list[str] = field(default_factory=lambda: ["xml"])
    namespaces: list[str] = field(default_factory=lambda: [XML_NAMESPACE])
    local_names: list[str] = field(default_factory=list)
    other_ncnames: list[str] = field(default_factory=list)
    other_uris: list[str] = field(default_factory=list)
    attribute_values: list[str] = field(default_factory=list)
    content_chunks: list[str] = field(default_factory=list)
    other_strings: list[str] = field(default_factory=list)
    element_names: list[_Name] = field(default_factory=list)
    attribute_names: list[_Name] = field(default_factory=list)
    alphabets: list[str] = field(
        default_factory=lambda: [NUMERIC_ALPHABET, DATE_TIME_ALPHABET]
    )
    algorithm_uris: list[str] = field(default_factory=list)  # application ones, index 32..


@dataclass
class Document:
    """What the decoder recovered besides the root element."""

    root: ET.Element
    comments: list[str] = field(default_factory=list)
    processing_instructions: list[tuple[str, str]] = field(default_factory=list)
    doctype: tuple[str | None, str | None] | None = None  # (system id, public id)
    notations: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    unparsed_entities: list[tuple[str, str, str | None, str]] = field(default_factory=list)
    character_encoding_scheme: str | None = None
    standalone: bool | None = None
    version: str | None = None
    additional_data: list[tuple[str, bytes]] = field(default_factory=list)


def decode(data: bytes, limits: Limits | None = None) -> ET.Element:
    """Decodes a Fast Infoset document into its root element."""
    return decode_document(data, limits).root


def decode_document(data: bytes, limits: Limits | None = None) -> Document:
    return _Decoder(data, limits or Limits()).document()


def is_fast_infoset(data: bytes) -> bool:
    """True when the bytes start like a Fast Infoset document (optionally after an XML decl)."""
    return data[:4] == b"\xe0\x00\x00\x01" or (
        data.startswith(b"<?xml") and b"finf" in data[:128]
    )


class _Decoder:
    def __init__(self, data: bytes, limits: Limits) -> None:
        self.data = data
        self.pos = 0
        self.limits = limits
        self.v = _Vocabulary()
        self.items = 0
        self.chars = 0

    # ---------------------------------------------------------------- low level

    def fail(self, message: str, at: int | None = None) -> FastInfosetError:
        where = self.pos if at is None else at
        return FastInfosetError(f"corrupt Fast Infoset at byte {where}: {message}")

    def read(self) -> int:
        if self.pos >= len(self.data):
            raise self.fail("the document ends early (truncated)")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def peek(self) -> int:
        if self.pos >= len(self.data):
            raise self.fail("the document ends early (truncated)")
        return self.data[self.pos]

    def take(self, n: int) -> bytes:
        if n > self.limits.max_string:
            raise self.fail(f"a string of {n} octets is larger than the limit")
        if n > len(self.data) - self.pos:
            raise self.fail(f"a string of {n} octets runs past the end (truncated)")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def u32(self) -> int:
        return int.from_bytes(self.take(4), "big")

    def count(self, n: int = 1) -> None:
        self.items += n
        if self.items > self.limits.max_items:
            raise self.fail(f"more than {self.limits.max_items} items")

    def produced(self, text: str) -> str:
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise self.fail(f"the document expands to more than {self.limits.max_chars} characters")
        return text

    def add(self, table: list[str], value: str) -> None:
        self.count()
        table.append(value)

    def lookup(self, table: list[str], index: int, what: str, at: int) -> str:
        """`index` is the 1-based table index of the standard."""
        if not 1 <= index <= len(table):
            raise self.fail(f"{what} index {index} is not in its table ({len(table)} entries)", at)
        return self.produced(table[index - 1])

    # ------------------------------------------------------------ integers (C.21, C.25-C.29)

    def sequence_length(self) -> int:
        """C.21: number of items of a sequence, 1..2^20, starting on the first bit."""
        b = self.read()
        if b & 0x80 == 0:
            return b + 1
        if b & 0xF0 != 0x80:
            raise self.fail("bad sequence length")
        return (((b & 0x0F) << 16) | (self.read() << 8) | self.read()) + 129

    def int_2nd_bit(self, b: int) -> int:
        """C.25: 1..2^20 starting on the second bit of `b`."""
        if b & 0x40 == 0:
            return (b & 0x3F) + 1
        if b & 0x60 == 0x40:
            return (((b & 0x1F) << 8) | self.read()) + 65
        if b & 0x70 == 0x60:
            return (((b & 0x0F) << 16) | (self.read() << 8) | self.read()) + 8257
        raise self.fail("bad index (second-bit integer)", self.pos - 1)

    def int_3rd_bit(self, b: int) -> int:
        """C.27: 1..2^20 starting on the third bit of `b`."""
        if b & 0x20 == 0:
            return (b & 0x1F) + 1
        if b & 0x38 == 0x20:
            return (((b & 0x07) << 8) | self.read()) + 33
        if b & 0x38 == 0x28:
            return (((b & 0x07) << 16) | (self.read() << 8) | self.read()) + 2081
        if b & 0x3F == 0x30:
            first = self.read()
            if first & 0xF0:
                raise self.fail("bad index padding (third-bit integer)")
            return (((first & 0x0F) << 16) | (self.read() << 8) | self.read()) + 526369
        raise self.fail("bad index (third-bit integer)", self.pos - 1)

    def int_4th_bit(self, b: int) -> int:
        """C.28: 1..2^20 starting on the fourth bit of `b`."""
        if b & 0x10 == 0:
            return (b & 0x0F) + 1
        if b & 0x1C == 0x10:
            return (((b & 0x03) << 8) | self.read()) + 17
        if b & 0x1C == 0x14:
            return (((b & 0x03) << 16) | (self.read() << 8) | self.read()) + 1041
        if b & 0x1F == 0x18:
            first = self.read()
            if first & 0xF0:
                raise self.fail("bad index padding (fourth-bit integer)")
            return (((first & 0x0F) << 16) | (self.read() << 8) | self.read()) + 263185
        raise self.fail("bad index (fourth-bit integer)", self.pos - 1)

    # --------------------------------------------------------------- lengths (C.22-C.24)

    def len_2nd_bit(self, b: int) -> int:
        if b & 0x40 == 0:
            return (b & 0x3F) + 1
        if b & 0x7F == 0x40:
            return self.read() + 65
        if b & 0x7F == 0x60:
            return self.u32() + 321
        raise self.fail("bad length (second bit)", self.pos - 1)

    def len_5th_bit(self, b: int) -> int:
        if b & 0x08 == 0:
            return (b & 0x07) + 1
        if b & 0x0F == 0x08:
            return self.read() + 9
        if b & 0x0F == 0x0C:
            return self.u32() + 265
        raise self.fail("bad length (fifth bit)", self.pos - 1)

    def len_7th_bit(self, b: int) -> int:
        if b & 0x02 == 0:
            return (b & 0x01) + 1
        if b & 0x03 == 0x02:
            return self.read() + 3
        return self.u32() + 259

    # ------------------------------------------------------------------------ strings

    def utf8(self, raw: bytes) -> str:
        try:
            return self.produced(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise self.fail(f"invalid UTF-8 ({exc.reason})") from None

    def utf16(self, raw: bytes) -> str:
        if len(raw) % 2:
            raise self.fail("a UTF-16 string has an odd number of octets")
        try:
            return self.produced(raw.decode("utf-16-be"))
        except UnicodeDecodeError as exc:
            raise self.fail(f"invalid UTF-16 ({exc.reason})") from None

    def identifying(self, table: list[str], what: str) -> str:
        """C.13: IdentifyingStringOrIndex starting on the first bit; literals join the table."""
        at = self.pos
        b = self.read()
        if b & 0x80 == 0:
            text = self.utf8(self.take(self.len_2nd_bit(b)))
            self.add(table, text)
            return text
        return self.lookup(table, self.int_2nd_bit(b), what, at)

    def non_identifying(self, table: list[str], what: str) -> str:
        """C.14: NonIdentifyingStringOrIndex starting on the first bit."""
        at = self.pos
        b = self.read()
        if b & 0x80 == 0:
            add = bool(b & 0x40)
            kind = (b >> 4) & 0x03
            if kind in (0, 1):
                raw = self.take(self.len_5th_bit(b))
                text = self.utf8(raw) if kind == 0 else self.utf16(raw)
            else:
                b2 = self.read()
                index = (((b & 0x0F) << 4) | (b2 >> 4)) + 1
                raw = self.take(self.len_5th_bit(b2))
                text = self.restricted(index, raw) if kind == 2 else self.algorithm(index, raw)
            if add:
                self.add(table, text)
            return text
        if b == 0xFF:
            return ""  # C.26: index zero is the empty string
        return self.lookup(table, self.int_2nd_bit(b), what, at)

    def chunk(self, b: int) -> str:
        """C.15 via C.7: a character chunk, NonIdentifyingStringOrIndex on the third bit."""
        at = self.pos - 1
        if b & 0x20 == 0:
            add = bool(b & 0x10)
            kind = (b >> 2) & 0x03
            if kind in (0, 1):
                raw = self.take(self.len_7th_bit(b))
                text = self.utf8(raw) if kind == 0 else self.utf16(raw)
            else:
                b2 = self.read()
                index = (((b & 0x03) << 6) | (b2 >> 2)) + 1
                raw = self.take(self.len_7th_bit(b2))
                text = self.restricted(index, raw) if kind == 2 else self.algorithm(index, raw)
            if add:
                self.add(self.v.content_chunks, text)
            return text
        return self.lookup(self.v.content_chunks, self.int_4th_bit(b), "character chunk", at)

    def restricted(self, index: int, raw: bytes) -> str:
        """X.891 8.2: characters packed in the fewest bits that leave an all-ones terminator."""
        alphabet = self.v.alphabets[index - 1] if index <= len(self.v.alphabets) else ""
        if not alphabet:
            raise self.fail(f"restricted alphabet {index} is not defined")
        bits = max(1, len(alphabet).bit_length())  # smallest k with 2^k > len(alphabet)
        mask = (1 << bits) - 1
        out: list[str] = []
        acc = 0
        have = 0
        last = len(raw) - 1
        done = False
        for i, octet in enumerate(raw):
            if done:
                raise self.fail("restricted-alphabet terminator inside the string")
            acc = (acc << 8) | octet
            have += 8
            while have >= bits:
                have -= bits
                code = (acc >> have) & mask
                if code == mask:  # only allowed as the padding of the last octet
                    rest = (1 << have) - 1
                    if i != last or acc & rest != rest:
                        raise self.fail("restricted-alphabet terminator inside the string")
                    have = 0
                    done = True
                    break
                if code >= len(alphabet):
                    raise self.fail(f"character code {code} is outside restricted alphabet {index}")
                out.append(alphabet[code])
            acc &= (1 << have) - 1
        if have and acc != (1 << have) - 1:
            raise self.fail("restricted-alphabet padding is not all ones")
        return self.produced("".join(out))

    def algorithm(self, index: int, raw: bytes) -> str:
        """X.891 10: the built-in encoding algorithms, rendered as their XML text."""
        a = index - 1
        if a >= len(_ALGORITHM_NAMES):
            uri = (
                self.v.algorithm_uris[index - 32]
                if 32 <= index < 32 + len(self.v.algorithm_uris) else None
            )
            name = f" ({uri})" if uri else ""
            raise self.fail(f"encoding algorithm {index}{name} is not a built-in one")
        name = _ALGORITHM_NAMES[a]
        try:
            if a == HEXADECIMAL:
                text = raw.hex()
            elif a == BASE64:
                text = base64.b64encode(raw).decode("ascii")
            elif a in (SHORT, INT, LONG, FLOAT, DOUBLE):
                fmt, size = {SHORT: ("h", 2), INT: ("i", 4), LONG: ("q", 8),
                             FLOAT: ("f", 4), DOUBLE: ("d", 8)}[a]
                if len(raw) % size:
                    raise self.fail(f"{name} data is not a multiple of {size} octets")
                values = struct.unpack(f">{len(raw) // size}{fmt}", raw)
                text = " ".join(_number(v) for v in values)
            elif a == BOOLEAN:
                unused = raw[0] >> 4
                total = len(raw) * 8 - 4 - unused
                if unused > 7 or total < 0:
                    raise self.fail("bad boolean padding")
                flags = [(raw[(i + 4) // 8] >> (7 - (i + 4) % 8)) & 1 for i in range(total)]
                text = " ".join("true" if f else "false" for f in flags)
            elif a == UUID:
                if len(raw) % 16:
                    raise self.fail("uuid data is not a multiple of 16 octets")
                text = " ".join(str(uuid.UUID(bytes=raw[i:i + 16])) for i in range(0, len(raw), 16))
            else:  # CDATA: the characters themselves, UTF-8
                return self.utf8(raw)
        except (struct.error, IndexError, ValueError) as exc:
            raise self.fail(f"bad {name} data ({exc})") from None
        return self.produced(text)

    # ------------------------------------------------------------------ names (C.17, C.18)

    def literal_name(self, b: int) -> _Name:
        prefix = self.identifying(self.v.prefixes, "prefix") if b & 0x02 else ""
        namespace = self.identifying(self.v.namespaces, "namespace name") if b & 0x01 else ""
        if prefix and not namespace:
            raise self.fail("a qualified name has a prefix but no namespace")
        local = self.identifying(self.v.local_names, "local name")
        return _Name(prefix, namespace, local)

    def element_name(self, b: int) -> _Name:
        """C.18: qualified name starting on the third bit of `b`."""
        at = self.pos - 1
        if b & 0x3C == 0x3C:
            name = self.literal_name(b)
            self.count()
            self.v.element_names.append(name)
            return name
        index = self.int_3rd_bit(b)
        if not 1 <= index <= len(self.v.element_names):
            raise self.fail(f"element name index {index} is not in its table", at)
        return self.v.element_names[index - 1]

    def attribute_name(self, b: int) -> _Name:
        """C.17: qualified name starting on the second bit of `b`."""
        at = self.pos - 1
        if b & 0x7C == 0x78:
            name = self.literal_name(b)
            self.count()
            self.v.attribute_names.append(name)
            return name
        index = self.int_2nd_bit(b)
        if not 1 <= index <= len(self.v.attribute_names):
            raise self.fail(f"attribute name index {index} is not in its table", at)
        return self.v.attribute_names[index - 1]

    # ------------------------------------------------------------------------ document

    def document(self) -> Document:
        if self.data.startswith(b"<?xml"):
            end = self.data.find(b"?>", 0, 256)
            if end < 0:
                raise self.fail("an XML declaration that does not end")
            self.pos = end + 2
        start = self.pos
        if self.data[start:start + 4] != b"\xe0\x00\x00\x01":
            if len(self.data) - start < 4:
                raise self.fail("the document ends early (truncated)")
            raise self.fail("not a Fast Infoset document (no E0 00 00 01 header)", start)
        self.pos += 4
        flags = self.read()
        if flags & 0x80:
            raise self.fail("bad document header padding", self.pos - 1)
        doc = Document(root=ET.Element("_"))
        if flags & 0x40:
            for _ in range(self.sequence_length()):
                self.count()
                ident = self.utf8(self.take(self.len_2nd_bit(self.read())))
                doc.additional_data.append((ident, self.take(self.len_2nd_bit(self.read()))))
        if flags & 0x20:
            self.initial_vocabulary()
        if flags & 0x10:
            self.notations(doc)
        if flags & 0x08:
            self.unparsed_entities(doc)
        if flags & 0x04:
            doc.character_encoding_scheme = self.utf8(self.take(self.len_2nd_bit(self.read())))
        if flags & 0x02:
            b = self.read()
            if b > 1:
                raise self.fail("bad standalone flag", self.pos - 1)
            doc.standalone = bool(b)
        if flags & 0x01:
            doc.version = self.non_identifying(self.v.other_strings, "version")
        root = self.children(doc)
        if root is None:
            raise self.fail("the document has no root element")
        doc.root = root
        if self.pos != len(self.data):
            raise self.fail(f"{len(self.data) - self.pos} stray octets after the document")
        return doc

    def initial_vocabulary(self) -> None:
        b1 = self.read()
        b2 = self.read()
        if b1 & 0xE0:
            raise self.fail("bad initial vocabulary padding", self.pos - 2)
        if b1 & 0x10:
            uri = self.utf8(self.take(self.len_2nd_bit(self.read())))
            raise self.fail(f"the document needs the external vocabulary {uri!r}")
        if b1 & 0x08:
            for _ in range(self.sequence_length()):
                chars = self.utf8(self.take(self.len_2nd_bit(self.read())))
                if len(self.v.alphabets) >= 256 or len(chars) < 2 or len(set(chars)) != len(chars):
                    raise self.fail("bad restricted alphabet in the initial vocabulary")
                self.count()
                # Application alphabets follow the reserved indices, from 32 (as Java does).
                while len(self.v.alphabets) < 31:
                    self.v.alphabets.append("")
                self.v.alphabets.append(chars)
        if b1 & 0x04:
            for _ in range(self.sequence_length()):
                self.add(self.v.algorithm_uris, self.utf8(self.take(self.len_2nd_bit(self.read()))))
        for flag, table in (
            (b1 & 0x02, self.v.prefixes), (b1 & 0x01, self.v.namespaces),
            (b2 & 0x80, self.v.local_names), (b2 & 0x40, self.v.other_ncnames),
            (b2 & 0x20, self.v.other_uris),
        ):
            if flag:
                for _ in range(self.sequence_length()):
                    self.add(table, self.utf8(self.take(self.len_2nd_bit(self.read()))))
        for flag, table in (
            (b2 & 0x10, self.v.attribute_values), (b2 & 0x08, self.v.content_chunks),
            (b2 & 0x04, self.v.other_strings),
        ):
            if flag:
                for _ in range(self.sequence_length()):
                    if self.peek() & 0x80:
                        raise self.fail("an initial-vocabulary string must be a literal")
                    self.add(table, self.non_identifying([], "string"))
        for flag, names in ((b2 & 0x02, self.v.element_names), (b2 & 0x01, self.v.attribute_names)):
            if flag:
                for _ in range(self.sequence_length()):
                    b = self.read()
                    if b & 0xFC:
                        raise self.fail("bad name surrogate", self.pos - 1)
                    prefix = self.lookup(self.v.prefixes, self.int_2nd_bit(self.read()),
                                         "prefix", self.pos) if b & 0x02 else ""
                    ns = self.lookup(self.v.namespaces, self.int_2nd_bit(self.read()),
                                     "namespace name", self.pos) if b & 0x01 else ""
                    local = self.lookup(self.v.local_names, self.int_2nd_bit(self.read()),
                                        "local name", self.pos)
                    if prefix and not ns:
                        raise self.fail("a name surrogate has a prefix but no namespace")
                    self.count()
                    names.append(_Name(prefix, ns, local))

    def notations(self, doc: Document) -> None:
        while True:
            b = self.read()
            if b == TERMINATOR:
                return
            if b & 0xFC != 0xC0:
                raise self.fail("bad notation", self.pos - 1)
            self.count()
            name = self.identifying(self.v.other_ncnames, "notation name")
            system = self.identifying(self.v.other_uris, "system id") if b & 0x02 else None
            public = self.identifying(self.v.other_uris, "public id") if b & 0x01 else None
            doc.notations.append((name, system, public))

    def unparsed_entities(self, doc: Document) -> None:
        while True:
            b = self.read()
            if b == TERMINATOR:
                return
            if b & 0xFE != 0xD0:
                raise self.fail("bad unparsed entity", self.pos - 1)
            self.count()
            name = self.identifying(self.v.other_ncnames, "entity name")
            system = self.identifying(self.v.other_uris, "system id")
            public = self.identifying(self.v.other_uris, "public id") if b & 0x01 else None
            notation = self.identifying(self.v.other_ncnames, "notation name")
            doc.unparsed_entities.append((name, system, public, notation))

    def doctype(self, b: int, doc: Document) -> None:
        system = self.identifying(self.v.other_uris, "system id") if b & 0x02 else None
        public = self.identifying(self.v.other_uris, "public id") if b & 0x01 else None
        doc.doctype = (system, public)
        while True:
            b = self.read()
            if b == TERMINATOR:
                return
            if b != 0xE1:
                raise self.fail("bad item in the document type declaration", self.pos - 1)
            self.count()
            self.identifying(self.v.other_ncnames, "target")
            self.non_identifying(self.v.other_strings, "content")

    def children(self, doc: Document) -> ET.Element | None:
        """Document children and the element tree, with an explicit stack (no recursion)."""
        root: ET.Element | None = None
        stack: list[_Open] = []
        pending_end = False  # the second half of a double terminator closes the parent too
        while True:
            if pending_end:
                pending_end = False
                b = TERMINATOR
            else:
                b = self.read()
            if b < 0x80:  # element
                if not stack and root is not None:
                    raise self.fail("a second root element", self.pos - 1)
                if len(stack) >= self.limits.max_depth:
                    raise self.fail(f"elements nested deeper than {self.limits.max_depth}")
                elem, ended = self.element(b)
                if stack:
                    stack[-1].add_child(elem)
                else:
                    root = elem
                if ended == 0:
                    stack.append(_Open(elem))
                continue
            if b in (TERMINATOR, DOUBLE_TERMINATOR):
                if not stack:
                    if b == DOUBLE_TERMINATOR:
                        raise self.fail("a double terminator after the document", self.pos - 1)
                    return root
                stack.pop().flush()
                if b == DOUBLE_TERMINATOR:
                    pending_end = True
                continue
            if not stack:  # document level: PI, comment or DTD
                if b == 0xE1:
                    self.count()
                    target = self.identifying(self.v.other_ncnames, "target")
                    doc.processing_instructions.append(
                        (target, self.non_identifying(self.v.other_strings, "content"))
                    )
                elif b == 0xE2:
                    self.count()
                    doc.comments.append(self.non_identifying(self.v.other_strings, "comment"))
                elif b & 0xFC == 0xC4 and root is None and doc.doctype is None:
                    self.doctype(b, doc)
                else:
                    raise self.fail(f"unexpected octet 0x{b:02X} among the document children",
                                    self.pos - 1)
                continue
            self.count()
            top = stack[-1]
            if b & 0xC0 == 0x80:
                top.pieces.append(self.chunk(b))
            elif b == 0xE1:
                target = self.identifying(self.v.other_ncnames, "target")
                content = self.non_identifying(self.v.other_strings, "content")
                top.add_child(ET.ProcessingInstruction(target, content))
            elif b == 0xE2:
                top.add_child(ET.Comment(self.non_identifying(self.v.other_strings, "comment")))
            elif b & 0xFC == 0xC8:
                self.identifying(self.v.other_ncnames, "entity name")
                if b & 0x02:
                    self.identifying(self.v.other_uris, "system id")
                if b & 0x01:
                    self.identifying(self.v.other_uris, "public id")
            else:
                raise self.fail(f"unexpected octet 0x{b:02X} among element children",
                                self.pos - 1)

    def element(self, b: int) -> tuple[ET.Element, int]:
        """C.3: one element header and its attributes.

        Returns the element and 0 when children follow, 1 when a double terminator after the
        attributes already ended it.
        """
        self.count()
        has_attributes = bool(b & 0x40)
        namespaces: list[tuple[str, str]] = []
        if b & 0x3F == 0x38:  # namespace attributes present
            while True:
                nb = self.read()
                if nb == TERMINATOR:
                    break
                if nb & 0xFC != 0xCC:
                    raise self.fail("bad namespace attribute", self.pos - 1)
                self.count()
                prefix = self.identifying(self.v.prefixes, "prefix") if nb & 0x02 else ""
                ns = self.identifying(self.v.namespaces, "namespace name") if nb & 0x01 else ""
                namespaces.append((prefix, ns))
            b = self.read() & 0x3F  # the name starts on the third bit of a fresh octet
        elif b & 0x3C == 0x38:
            raise self.fail("bad element header", self.pos - 1)
        name = self.element_name(b)
        elem = ET.Element(name.clark())
        if not has_attributes:
            return elem, 0
        while True:
            ab = self.read()
            if ab == TERMINATOR:
                return elem, 0
            if ab == DOUBLE_TERMINATOR:
                return elem, 1
            if ab & 0x80:
                raise self.fail(f"unexpected octet 0x{ab:02X} among attributes", self.pos - 1)
            self.count()
            aname = self.attribute_name(ab)
            value = self.non_identifying(self.v.attribute_values, "attribute value")
            key = aname.clark() if aname.namespace != XML_NAMESPACE else (
                f"{{{XML_NAMESPACE}}}{aname.local}"
            )
            elem.set(key, value)


class _Open:
    """An element whose children are still being read; text is joined once, not per chunk."""

    __slots__ = ("elem", "last", "pieces")

    def __init__(self, elem: ET.Element) -> None:
        self.elem = elem
        self.last: ET.Element[Any] | None = None
        self.pieces: list[str] = []

    def flush(self) -> None:
        if self.pieces:
            text = "".join(self.pieces)
            self.pieces = []
            if self.last is None:
                self.elem.text = (self.elem.text or "") + text
            else:
                self.last.tail = (self.last.tail or "") + text

    def add_child(self, child: ET.Element[Any]) -> None:
        self.flush()
        self.elem.append(child)
        self.last = child


def _number(value: float) -> str:
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    return str(value)
