"""The select/derive expression language: parsed by hand, never eval'd."""

from __future__ import annotations

import pandas as pd
import pytest

from pmdesk.expr import ExpressionError, evaluate, parse, references

FRAME = pd.DataFrame({
    "Age": [20, 40, 60, None],
    "BP": ["HIGH", "LOW", "HIGH", "NORMAL"],
    "Na": [0.5, 0.6, 0.8, 0.7],
    "K": [0.05, 0.02, 0.04, 0.07],
    "Na to K": [10.0, 30.0, 20.0, 10.0],
})


def rows(text: str, params: dict[str, object] | None = None) -> list[bool]:
    return [bool(v) for v in evaluate(parse(text), FRAME, params or {}).fillna(False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Age > 30", [False, True, True, False]),
    ("Age >= 40 and BP = 'HIGH'", [False, False, True, False]),
    ('BP == "LOW" or Age < 30', [True, True, False, False]),
    ("not BP <> 'HIGH'", [True, False, True, False]),
    ("Na / K > 15", [False, True, True, False]),
    ("`Na to K` - 5 * 2 = 10", [False, False, True, False]),
    ("(Age + 10) % 20 = 10", [True, True, True, False]),
    ("-Age < -30", [False, True, True, False]),
    ("is_null(Age)", [False, False, False, True]),
    ("lower(BP) = 'high'", [True, False, True, False]),
    ("Age = null", [False, False, False, True]),
])
def test_conditions_select_the_right_rows(text: str, expected: list[bool]) -> None:
    assert rows(text) == expected


def test_parameters_by_both_spellings() -> None:
    assert rows("Age >= $P-min_age", {"min_age": 40}) == [False, True, True, False]
    assert rows("BP = @bp and Age > @age.min", {"bp": "HIGH", "age.min": 30}) == [
        False, False, True, False]
    assert references(parse("Age > $P-a and `Na to K` < @b")) == ({"Age", "Na to K"}, {"a", "b"})


def test_arithmetic_derives_values() -> None:
    value = evaluate(parse("round(Na / K)"), FRAME, {})
    assert value.tolist() == [10.0, 30.0, 20.0, 10.0]


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("Age >", "expected a value at the end"),
    ("Age > 3 )", "unexpected text at position 9"),
    ("__import__('os')", "unknown function '__import__'"),
    ("open('x').read()", "unexpected character '.'"),
    ("Age; 1", "unexpected character ';'"),
    ("1 < Age < 3", "chained comparison"),
    ("abs(1, 2)", "takes 1 argument"),
    ("Age > 3 and", "expected a value"),
])
def test_bad_expressions_are_named(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(")):
        parse(text)


def test_unknown_field_and_parameter_at_evaluation() -> None:
    with pytest.raises(ExpressionError, match="unknown field 'Sex'; fields are: Age, BP"):
        evaluate(parse("Sex = 'F'"), FRAME, {})
    with pytest.raises(ExpressionError, match="unknown stream parameter 'x'"):
        evaluate(parse("Age > @x"), FRAME, {})
    with pytest.raises(ExpressionError, match="cannot apply"):
        evaluate(parse("BP - 1 > 0"), FRAME, {})
