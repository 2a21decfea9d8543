"""The lenient JSON reader: the original document's typos repaired and listed, strict JSON
untouched, and anything unclear refused with the line and column."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from helpers.original_examples import ORIGINAL_EXAMPLE
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pmdesk.api.lenient_json import LenientJSONError, parse_lenient, parse_repairing
from pmdesk.api.models import JobDefinition


def test_original_example_is_repaired_and_every_repair_is_listed() -> None:
    value, repairs = parse_lenient(ORIGINAL_EXAMPLE)
    assert repairs == [
        "line 4: inserted a missing comma",
        "line 22: replaced curly quotes with straight quotes",
        "line 22: ';' after a key replaced by ':'",
        "line 23: removed trailing comma",
        "line 38: removed trailing comma",
    ]
    assert isinstance(value, dict)
    assert value["model"] == {"id": "str2", "name": "stream1.str"}
    assert value["setting"]["inputs"][0]["odbc"] == {"dbRef": "db", "table": "DRUG1N"}
    definition = JobDefinition.parse(value)
    assert definition.dbDefinitions["db"].port == 50001
    assert [p.name for p in definition.setting.parameterOverride] == ["p1", "p2"]


def test_fragment_of_the_original_with_curly_key_and_value() -> None:
    text = '{"odbc": {\n  "dbRef”; "db2",\n  "table": "DRUG1N",\n}}'
    value, repairs = parse_lenient(text)
    assert value == {"odbc": {"dbRef": "db2", "table": "DRUG1N"}}
    assert repairs == [
        "line 2: replaced curly quotes with straight quotes",
        "line 2: ';' after a key replaced by ':'",
        "line 3: removed trailing comma",
    ]


def test_curly_quotes_inside_text_are_kept() -> None:
    value, repairs = parse_repairing('{"note": "a “quoted” word"}')
    assert value == {"note": "a “quoted” word"}
    assert repairs == []


def test_chinese_ime_punctuation_and_single_quotes() -> None:
    value, repairs = parse_lenient("{'a'： 1， \"b\": [1 2]}")
    assert value == {"a": 1, "b": [1, 2]}
    assert repairs == [
        "line 1: replaced single quotes with double quotes",
        "line 1: '：' after a key replaced by ':'",
        "line 1: '，' between items replaced by ','",
        "line 1: inserted a missing comma",
    ]


def test_strict_json_needs_no_repairs() -> None:
    text = json.dumps({"a": [1, 2.5, None, True, "x\n“y”"], "b": {}}, indent=2)
    assert parse_lenient(text) == (json.loads(text), [])
    assert parse_repairing(text) == (json.loads(text), [])


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{\n  "a": 1,\n  b: 2\n}', 3, 3, "expected a key in quotes"),
        ('{"a": 1', 1, 1, "'}' is missing"),
        ('{"a": "unclosed\n}', 1, 7, "not closed"),
        ("", 1, 1, "empty"),
        ('{"a": 1} x', 1, 10, "after the end"),
        ('[1, 2 @]', 1, 7, "expected ',' or ']'"),
        ('{"a" 1}', 1, 6, "expected ':' after the key 'a'"),
        ('{"a": tru}', 1, 7, "expected a value"),
    ],
)
def test_irreparable_text_names_line_and_column(text: str, line: int, column: int,
                                                words: str) -> None:
    with pytest.raises(LenientJSONError) as info:
        parse_lenient(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert words in str(info.value)
    assert str(info.value).startswith(f"line {line}, column {column}: ")
    assert isinstance(info.value, ValueError)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30,
)


CLOSING_LOOKALIKE = re.compile("[\u201c\u201d\u201e\u201f\u2033\uff02\u2018\u2019\u201a"
                               "\u201b][ \t]*[:;\uff1a,\uff0c}\\]]")


@settings(max_examples=200, deadline=None)
@given(value=json_values, indent=st.sampled_from([None, 0, 2]),
       ascii_only=st.booleans())
@example(value={"\u201d, ": 0}, indent=None, ascii_only=False)  # curly quotes inside
@example(value=["\u201c", "\u201d,"], indent=None, ascii_only=False)  # straight-quoted text
def test_any_json_round_trips_without_repairs(value: Any, indent: int | None,
                                              ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert parse_lenient(text) == (value, [])
    # The repairing parser must agree with json.loads on valid JSON, too, except where a
    # string holds a typographic quote right before a separator: that is exactly how a typed
    # closing quote looks ("dbRef”; ...), which it repairs. parse_lenient reads such valid
    # JSON with json.loads first (the @example cases).
    if not CLOSING_LOOKALIKE.search(text):
        assert parse_repairing(text) == (value, [])
