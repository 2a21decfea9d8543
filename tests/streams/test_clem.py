"""CLEM as Modeler nodes hold it, and the open format's refusal of a single-quoted field."""

from __future__ import annotations

import pandas as pd
import pytest

from pmdesk import expr
from pmdesk.expr import ExpressionError, clem

FRAME = pd.DataFrame({
    "Partition": ["1_Training", "2_Testing", None, "1_Training"],
    "Age": [23, 47, None, 61],
    "BP": ["HIGH", "LOW", "HIGH", "NORMAL"],
    "Na": [0.5, 0.8, 0.7, None],
})


def values(text: str, frame: pd.DataFrame = FRAME, **kw: object) -> list[object]:
    result = clem.evaluate(clem.parse(text), frame, **kw)  # type: ignore[arg-type]
    series = result if isinstance(result, pd.Series) else pd.Series([result] * len(frame))
    return [None if v is None or v is pd.NA or v != v else v for v in series.tolist()]


@pytest.mark.parametrize(("text", "expected"), [
    ("'Partition' == \"1_Training\"", [True, False, False, True]),
    ("'Partition' = \"1_Training\"", [True, False, False, True]),
    ("Partition /= \"1_Training\"", [False, True, False, False]),
    ("'Age' > 40 and BP = \"HIGH\"", [False, False, False, False]),
    ("Age > 40 or not BP = \"HIGH\"", [False, True, False, True]),
    ("BP matches \"*H\"", [True, False, True, False]),
    ("BP matches \"?O*\"", [False, True, False, True]),
    ("Age * 2 + 1", [47.0, 95.0, None, 123.0]),
    ("Age mod 2", [1.0, 1.0, None, 1.0]),
    ("2 ** 3", [8, 8, 8, 8]),
    ("@NULL(Age)", [False, False, True, False]),
    ("lowertoupper(\"x\" >< BP)", ["XHIGH", "XLOW", "XHIGH", "XNORMAL"]),
    ("substring(1, 2, BP)", ["HI", "LO", "HI", "NO"]),
    ("to_string(Age)", ["23", "47", None, "61"]),
])
def test_clem_values(text: str, expected: list[object]) -> None:
    assert values(text) == expected


def test_if_then_elseif_else_endif() -> None:
    text = ('if Age >= 60 then "senior" elseif Age >= 40 then "middle" '
            'else "young" endif')
    assert values(text) == ["young", "middle", "young", "senior"]
    # numbers stay numbers: a derive of a number through if/then/else
    assert values("if BP = \"HIGH\" then Na * 10 else 0 endif") == [5.0, 0.0, 7.0, 0.0]


def test_parameters_and_filler_field() -> None:
    assert values("'$P-limit' < Age", params={"limit": 40}) == [False, True, False, True]
    assert values("if @NULL(@FIELD) then 0 else @FIELD endif", current="Na") == [
        0.5, 0.8, 0.7, 0.0]


@pytest.mark.parametrize(("text", "message"), [
    ("nosuchfunc(Age)", "unknown CLEM function 'nosuchfunc'"),
    ("@OFFSET(Age, 1)", "unknown CLEM function '@OFFSET'"),
    ("if Age > 1 then 2 endif", "expected 'else'"),
    ("Age >", "expected a value at the end"),
    ("substring(1, BP)", "substring() takes 3 argument(s), got 2"),
    ("@BLANK(Age + 1)", "@BLANK needs a field name"),
])
def test_clem_refusals(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        clem.parse(text)


def test_blank_is_what_is_declared_and_nothing_else() -> None:
    """Modeler treats no value as blank unless a Type node declares it, not even $null$."""
    assert values("@BLANK(Age)") == [False, False, False, False]
    declared = {"Age": clem.Blanks(values=(47,), null=True),
                "BP": clem.Blanks(values=("LOW",), whitespace=True),
                "Na": clem.Blanks(lower=0.6, upper=0.75)}
    assert values("@BLANK(Age)", blanks=declared) == [False, True, True, False]
    assert values("@BLANK('BP') or @BLANK(Na)", blanks=declared) == [False, True, True, False]
    assert values("if @BLANK(@FIELD) then 0 else @FIELD endif", current="Na",
                  blanks=declared) == [0.5, 0.8, 0.0, None]
    text = pd.DataFrame({"Code": ["99", " ", "", None, 99.0]})
    rule = clem.Blanks(values=(99,), whitespace=True)
    assert values("@BLANK(Code)", text, blanks={"Code": rule}) == [
        True, True, True, False, True]


def test_unknown_field_is_named() -> None:
    with pytest.raises(ExpressionError, match="unknown field 'Sex'"):
        values("'Sex' = \"F\"")


def test_open_format_never_reads_a_quoted_field_as_text() -> None:
    """The open format keeps 'text' as text, but a field name in single quotes is refused:
    `'Partition' == "1_Training"` must never silently compare two strings."""
    with pytest.raises(ExpressionError, match="single quotes and is also a field name"):
        expr.evaluate(expr.parse("'Partition' == \"1_Training\""), FRAME, {})
    matched = expr.evaluate(expr.parse("BP = 'HIGH'"), FRAME, {})
    assert matched.tolist() == [True, False, True, False]
