"""pypmml (Scala PMML4S on a JVM) as the reference evaluator; test-only, skipped without it."""

from __future__ import annotations

import shutil
from typing import Any

import numpy as np
import pandas as pd
import pytest


def reference(text: str) -> Any:
    """A pypmml Model, or a skip when pypmml or a Java runtime is absent."""
    if shutil.which("java") is None:
        pytest.skip("the reference evaluator pypmml needs a Java runtime (default-jre-headless)")
    pypmml = pytest.importorskip("pypmml", reason="pypmml (dev extra) is not installed")
    return pypmml.Model.fromString(text)


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def assert_same(ours: pd.DataFrame, theirs: pd.DataFrame, names: dict[str, str] | None = None
                ) -> None:
    """Every column of ours equals the reference's: numbers to 1e-6, labels exactly."""
    names = names or {}
    assert len(ours) == len(theirs)
    for column in ours.columns:
        other = names.get(column, column)
        assert other in theirs.columns, f"{other!r} not in {list(theirs.columns)}"
        a, b = ours[column], theirs[other]
        numeric = pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b)
        if numeric:
            np.testing.assert_allclose(a.to_numpy(dtype=float), b.to_numpy(dtype=float),
                                       atol=1e-6, rtol=0, err_msg=column)
        else:
            left = [_text(v) for v in a]
            right = [_text(v) for v in b]
            bad = [i for i, (x, y) in enumerate(zip(left, right, strict=True)) if x != y]
            assert not bad, (f"{column}: {len(bad)} rows differ, first row {bad[0]}: "
                             f"{left[bad[0]]!r} vs {right[bad[0]]!r}")
