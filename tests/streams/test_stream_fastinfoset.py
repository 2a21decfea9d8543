"""The Fast Infoset decoder on hand-built documents: constructs the real streams lack."""

from __future__ import annotations

import struct
import uuid
import xml.etree.ElementTree as ET

import pytest
from helpers.fibuild import (
    HEADER,
    Encoder,
    attribute_index,
    attribute_literal,
    chunk,
    chunk_index,
    element_index,
    element_literal,
    encode,
    ident,
    ident_index,
    len_2nd,
    nistring,
    nistring_index,
    pack_restricted,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.modeler.fastinfoset import (
    DATE_TIME_ALPHABET,
    NUMERIC_ALPHABET,
    FastInfosetError,
    Limits,
    decode,
    decode_document,
)

END = b"\xf0"


def doc(body: bytes, flags: int = 0, prolog: bytes = b"") -> bytes:
    return HEADER + bytes([flags]) + prolog + body + END


def text_of(chunk_bytes: bytes) -> str:
    root = decode(doc(element_literal("r") + chunk_bytes + END))
    return root.text or ""


def test_minimal_document() -> None:
    root = decode(doc(element_literal("root") + END))
    assert root.tag == "root" and len(root) == 0 and not root.attrib


def test_xml_declaration_before_header() -> None:
    data = b"<?xml version='1.0' encoding='finf'?>" + doc(element_literal("r") + END)
    assert decode(data).tag == "r"


def test_double_terminator_ends_element_and_parent() -> None:
    # <a><b x="1"/></a> with the attribute terminator doubled (b ends), then 0xFF: a ends
    # with the document terminator folded in.
    body = (element_literal("a") + element_literal("b", attributes=True)
            + attribute_literal("x") + nistring(b"1") + b"\xff")
    data = HEADER + b"\x00" + body + b"\xf0" + END
    root = decode(data)
    assert root.tag == "a" and root[0].tag == "b" and root[0].get("x") == "1"
    nested = HEADER + b"\x00" + element_literal("a") + element_literal("b") + b"\xff\xf0"
    assert decode(nested)[0].tag == "b"


def test_indexed_names_values_and_chunks() -> None:
    body = (
        element_literal("root")
        + element_literal("item", attributes=True) + attribute_literal("k")
        + nistring(b"v", add=True) + END + chunk(b"hello", add=True) + END
        + element_index(2, attributes=True) + attribute_index(1) + nistring_index(1) + END
        + chunk_index(1) + END
        + element_index(2, attributes=True) + attribute_index(1) + b"\xff" + END + END
        + END
    )
    root = decode(doc(body))
    assert [(c.get("k"), c.text) for c in root] == [("v", "hello"), ("v", "hello"), ("", None)]


def test_large_tables_use_medium_and_large_index_forms() -> None:
    # 3000 distinct element names: indices beyond 32 and 2080 use the longer C.27 forms,
    # 3000 distinct values beyond 64 use the medium C.25 form, 300 chunks the C.28 ones.
    root = ET.Element("root")
    for i in range(3000):
        ET.SubElement(root, f"e{i}", {"a": f"v{i}"}).text = f"t{i % 1500}"
    for i in range(3000):
        ET.SubElement(root, f"e{i}", {"a": f"v{i}"}).text = f"t{i % 1500}"
    data = encode(root)
    assert ET.tostring(decode(data)) == ET.tostring(root)


@pytest.mark.parametrize("size", [1, 2, 3, 258, 259, 300, 70_000])
def test_chunk_length_forms(size: int) -> None:
    text = "x" * size
    assert text_of(chunk(text.encode())) == text


@pytest.mark.parametrize("size", [1, 8, 9, 264, 265, 5000])
def test_attribute_value_length_forms(size: int) -> None:
    value = "é" * size
    body = element_literal("r", attributes=True) + attribute_literal("a") + nistring(
        value.encode()) + END + END
    assert decode(doc(body)).get("a") == value


@pytest.mark.parametrize("size", [1, 64, 65, 320, 321, 1000])
def test_identifying_string_length_forms(size: int) -> None:
    name = "n" * size
    assert decode(doc(element_literal(name) + END)).tag == name


def test_utf16_chunk_and_attribute() -> None:
    text = "Grüße 𝄞"
    assert text_of(chunk(text.encode("utf-16-be"), kind=1)) == text
    body = element_literal("r", attributes=True) + attribute_literal("a") + nistring(
        text.encode("utf-16-be"), kind=1) + END + END
    assert decode(doc(body)).get("a") == text


def test_builtin_restricted_alphabets() -> None:
    number = "-12.5E+3 7"
    assert text_of(chunk(pack_restricted(number, NUMERIC_ALPHABET), kind=2, table=1)) == number
    when = "2024-05-06T07:08:09Z"
    packed = pack_restricted(when, DATE_TIME_ALPHABET)
    assert text_of(chunk(packed, kind=2, table=2)) == when
    body = element_literal("r", attributes=True) + attribute_literal("n") + nistring(
        pack_restricted("42", NUMERIC_ALPHABET), kind=2, table=1) + END + END
    assert decode(doc(body)).get("n") == "42"


def test_application_restricted_alphabet_from_initial_vocabulary() -> None:
    # initial vocabulary: restricted-alphabets present (flag 0x08), one alphabet "ab"
    vocab = bytes([0x08, 0x00]) + b"\x00" + len_2nd(2) + b"ab"
    packed = pack_restricted("abba", "ab")
    data = doc(element_literal("r") + chunk(packed, kind=2, table=32) + END, flags=0x20,
               prolog=vocab)
    assert decode(data).text == "abba"


@pytest.mark.parametrize(("algorithm", "raw", "text"), [
    (1, b"\x01\xab", "01ab"),
    (2, b"hi!", "aGkh"),
    (3, struct.pack(">hh", -2, 300), "-2 300"),
    (4, struct.pack(">i", -70000), "-70000"),
    (5, struct.pack(">q", 2**40), str(2**40)),
    (6, bytes([0b0000_1010]), "true false true false"),
    (6, bytes([0x70 | 0b1011, 0b1000_0000]), "true false true true true"),
    (7, struct.pack(">f", 1.5), "1.5"),
    (8, struct.pack(">dd", 0.25, -3.0), "0.25 -3.0"),
    (9, uuid.UUID(int=1).bytes, str(uuid.UUID(int=1))),
    (10, b"<not markup>", "<not markup>"),
])
def test_builtin_encoding_algorithms(algorithm: int, raw: bytes, text: str) -> None:
    assert text_of(chunk(raw, kind=3, table=algorithm)) == text
    body = element_literal("r", attributes=True) + attribute_literal("a") + nistring(
        raw, kind=3, table=algorithm) + END + END
    assert decode(doc(body)).get("a") == text


def test_unknown_encoding_algorithm_is_a_clear_error() -> None:
    with pytest.raises(FastInfosetError, match="encoding algorithm 40"):
        decode(doc(element_literal("r") + chunk(b"\x00", kind=3, table=40) + END))


def test_namespaces_and_prefixes() -> None:
    ns_attrs = b"\xcf" + ident("p") + ident("urn:x") + b"\xcd" + ident("urn:d") + END
    body = (bytes([0x38]) + ns_attrs
            + element_literal("root", prefix=ident_index(2), namespace=ident_index(2))
            + element_literal("child", namespace=ident_index(3)) + END
            + END)
    root = decode(doc(body))
    assert root.tag == "{urn:x}root"
    assert root[0].tag == "{urn:d}child"


def test_xml_prefix_is_built_in() -> None:
    body = element_literal("r", attributes=True) + attribute_literal(
        "lang", prefix=ident_index(1), namespace=ident_index(1)) + nistring(b"en") + END + END
    assert decode(doc(body)).get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_comments_processing_instructions_and_entities() -> None:
    body = (
        b"\xe2" + nistring(b"top", add=True)
        + b"\xe1" + ident("pi") + nistring(b"data")
        + element_literal("r") + chunk(b"a")
        + b"\xe2" + nistring_index(1)
        + chunk(b"b")
        + b"\xe1" + ident_index(1) + nistring(b"inner")
        + b"\xc8" + ident("ent")
        + END
    )
    d = decode_document(doc(body))
    assert d.comments == ["top"] and d.processing_instructions == [("pi", "data")]
    root = d.root
    assert root.text == "a"
    assert root[0].tag is ET.Comment and root[0].text == "top" and root[0].tail == "b"
    assert root[1].tag is ET.ProcessingInstruction


def test_prolog_items() -> None:
    prolog = (
        b"\x00" + len_2nd(2) + b"id" + len_2nd(3) + b"abc"  # additional data
        + b"\xc3" + ident("note") + ident("sys.dtd") + ident("-//pub") + END  # notation
        + b"\xd1" + ident("pic") + ident("pic.png") + ident("-//p") + ident_index(1) + END
        + len_2nd(5) + b"UTF-8"  # character encoding scheme
        + b"\x01"  # standalone
        + nistring(b"1.0")  # version
    )
    body = b"\xc6" + ident("root.dtd") + b"\xe1" + ident("x") + nistring(b"y") + END
    body += element_literal("root") + END
    d = decode_document(doc(body, flags=0x40 | 0x10 | 0x08 | 0x04 | 0x02 | 0x01, prolog=prolog))
    assert d.additional_data == [("id", b"abc")]
    assert d.notations == [("note", "sys.dtd", "-//pub")]
    assert d.unparsed_entities == [("pic", "pic.png", "-//p", "note")]
    assert d.character_encoding_scheme == "UTF-8" and d.standalone is True
    assert d.version == "1.0" and d.doctype == ("root.dtd", None)


def test_initial_vocabulary_tables() -> None:
    vocab = (bytes([0x00, 0x80 | 0x08 | 0x02])
             + b"\x01" + len_2nd(1) + b"a" + len_2nd(1) + b"b"  # local names a, b
             + b"\x00" + nistring(b"hello")  # content chunk 1
             + b"\x00" + b"\x00" + b"\x00")  # element name surrogate: local name 1
    data = doc(element_index(1) + chunk_index(1) + END, flags=0x20, prolog=vocab)
    root = decode(data)
    assert root.tag == "a" and root.text == "hello"


def test_external_vocabulary_is_refused() -> None:
    vocab = bytes([0x10, 0x00]) + len_2nd(9) + b"urn:vocab"
    with pytest.raises(FastInfosetError, match="external vocabulary 'urn:vocab'"):
        decode(doc(element_literal("r") + END, flags=0x20, prolog=vocab))


@pytest.mark.parametrize(("data", "message"), [
    (b"", "ends early"),
    (b"PK\x03\x04", "not a Fast Infoset document"),
    (HEADER, "ends early"),
    (HEADER + b"\x00" + element_literal("r"), "ends early"),
    (HEADER + b"\x00" + element_index(1) + END + END, "element name index 1"),
    (HEADER + b"\x00" + element_literal("r") + chunk_index(3) + END + END, "character chunk"),
    (HEADER + b"\x00" + element_literal("r") + END + END + b"junk", "stray octets"),
    (HEADER + b"\x00" + element_literal("r") + END + element_literal("s") + END + END,
     "second root"),
    (HEADER + b"\x00" + element_literal("r") + b"\x80\xff" + END + END, "invalid UTF-8"),
    (HEADER + b"\x00" + END, "no root element"),
    (HEADER + b"\x00" + element_literal("r") + b"\x83\x00\x00\x10\x00", "runs past"),
    (HEADER + b"\x00" + element_literal("r") + b"\x83\xff\xff\xff\xff", "larger than the limit"),
])
def test_corrupt_documents(data: bytes, message: str) -> None:
    with pytest.raises(FastInfosetError, match=message) as info:
        decode(data)
    assert "Fast Infoset" in str(info.value)
    assert isinstance(info.value, StreamReadError)


def test_nesting_depth_is_capped() -> None:
    data = HEADER + b"\x00" + element_literal("d") + element_index(1) * 5000 + END * 5002
    with pytest.raises(FastInfosetError, match="nested deeper than 256"):
        decode(data)
    assert decode(data, Limits(max_depth=6000)).tag == "d"


def test_expansion_through_table_references_is_capped() -> None:
    # 1 KB of text referenced 100,000 times would expand to 100 MB from a 300 KB document.
    data = HEADER + b"\x00" + element_literal("r") + chunk(b"x" * 1000, add=True)
    data += chunk_index(1) * 100_000 + END + END
    with pytest.raises(FastInfosetError, match="more than 1000000 characters"):
        decode(data, Limits(max_chars=1_000_000))


def test_item_count_is_capped() -> None:
    data = HEADER + b"\x00" + element_literal("r") + (element_literal("e") + END) * 50 + END + END
    with pytest.raises(FastInfosetError, match="more than 20 items"):
        decode(data, Limits(max_items=20))


_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,12}", fullmatch=True)
_text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\r"),
                max_size=40)


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    elem = ET.Element(draw(_names))
    for key in draw(st.lists(_names, max_size=3, unique=True)):
        elem.set(key, draw(_text))
    elem.text = draw(st.one_of(st.none(), _text.filter(bool)))
    if depth < 2:
        for child in draw(st.lists(trees(depth + 1), max_size=3)):
            child.tail = draw(st.one_of(st.none(), _text.filter(bool)))
            elem.append(child)
    return elem


@settings(max_examples=80, deadline=None)
@given(trees())
def test_round_trip_through_an_independent_encoder(root: ET.Element) -> None:
    assert ET.tostring(decode(Encoder().document(root))) == ET.tostring(root)
