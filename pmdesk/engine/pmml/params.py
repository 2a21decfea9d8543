"""Hyperparameters each algorithm accepts, with checks that explain what is allowed.

Values may arrive as text from a stream file or a form ("5", "10,5", "true"), so each
checker accepts the obvious spellings and rejects everything else with a ModelError.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import ModelError

ALGORITHMS = ("tree", "logistic", "linear", "neural", "kmeans")

CLASSIFICATION_CRITERIA = ("gini", "entropy", "log_loss")
REGRESSION_CRITERIA = ("squared_error", "friedman_mse", "absolute_error", "poisson")


def _bad(name: str, expected: str, value: object) -> ModelError:
    return ModelError(f"parameter '{name}' must be {expected}, got {value!r}")


def _as_int(name: str, value: object, minimum: int) -> int:
    expected = f"a whole number >= {minimum}"
    number: float
    if isinstance(value, bool):
        raise _bad(name, expected, value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise _bad(name, expected, value) from None
    else:
        raise _bad(name, expected, value)
    if not math.isfinite(number) or not float(number).is_integer() or number < minimum:
        raise _bad(name, expected, value)
    return int(number)


def _as_float(name: str, value: object, minimum: float, inclusive: bool) -> float:
    expected = f"a number {'>=' if inclusive else '>'} {minimum:g}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(name, expected, value)
    try:
        number = float(value.strip()) if isinstance(value, str) else float(value)
    except ValueError:
        raise _bad(name, expected, value) from None
    if not math.isfinite(number) or number < minimum or (not inclusive and number == minimum):
        raise _bad(name, expected, value)
    return number


def _as_bool(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "false", "no", "0"):
        return value.strip().lower() in ("true", "yes", "1")
    raise _bad(name, "true or false", value)


def _as_layers(name: str, value: object) -> tuple[int, ...]:
    expected = "one or more layer sizes >= 1, e.g. [10, 5] or \"10,5\""
    items: list[object]
    if isinstance(value, str):
        items = [part for part in value.replace(";", ",").split(",") if part.strip()]
    elif isinstance(value, int) and not isinstance(value, bool):
        items = [value]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise _bad(name, expected, value)
    if not items:
        raise _bad(name, expected, value)
    try:
        return tuple(_as_int(name, item, 1) for item in items)
    except ModelError:
        raise _bad(name, expected, value) from None


def _choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    raise _bad(name, "one of " + ", ".join(choices), value)


@dataclass(frozen=True)
class _Param:
    check: Callable[[str, object], object]
    default: object


def _int(minimum: int, default: int) -> _Param:
    return _Param(lambda n, v: _as_int(n, v, minimum), default)


def _optional_int(minimum: int) -> _Param:
    def check(name: str, value: object) -> int | None:
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none")):
            return None
        return _as_int(name, value, minimum)

    return _Param(check, None)


def _float(minimum: float, inclusive: bool, default: float) -> _Param:
    return _Param(lambda n, v: _as_float(n, v, minimum, inclusive), default)


def _choices(default: str | None, *choices: str) -> _Param:
    return _Param(lambda n, v: _choice(n, v, choices), default)


_SPECS: dict[str, dict[str, _Param]] = {
    "tree": {
        "max_depth": _optional_int(1),
        "min_samples_leaf": _int(1, 1),
        "min_samples_split": _int(2, 2),
        "max_leaf_nodes": _optional_int(2),
        "criterion": _choices(None, *CLASSIFICATION_CRITERIA, *REGRESSION_CRITERIA),
    },
    "logistic": {
        "C": _float(0.0, False, 1.0),
        "max_iter": _int(1, 1000),
        "tol": _float(0.0, False, 1e-4),
    },
    "linear": {
        "fit_intercept": _Param(_as_bool, True),
    },
    "neural": {
        "hidden_layers": _Param(_as_layers, (10,)),
        "max_iter": _int(1, 500),
        "alpha": _float(0.0, True, 1e-4),
        "activation": _choices("relu", "relu", "tanh", "logistic", "identity"),
        "solver": _choices("adam", "adam", "lbfgs", "sgd"),
        "learning_rate_init": _float(0.0, False, 1e-3),
    },
    "kmeans": {
        "k": _int(1, 5),
        "max_iter": _int(1, 300),
        "n_init": _int(1, 4),
    },
}
_ALIASES = {"kmeans": {"n_clusters": "k"}}


def allowed_params(algorithm: str) -> tuple[str, ...]:
    """Names accepted for algorithm (aliases included), for messages and forms."""
    return tuple(_SPECS[algorithm]) + tuple(_ALIASES.get(algorithm, {}))


def check_algorithm(algorithm: object) -> str:
    if not isinstance(algorithm, str) or algorithm not in ALGORITHMS:
        raise ModelError(f"unknown algorithm {algorithm!r}; allowed: {', '.join(ALGORITHMS)}")
    return algorithm


def validate_params(
    algorithm: str, params: Mapping[str, object] | None, classification: bool
) -> dict[str, object]:
    """Checked hyperparameters with defaults filled in, keyed by canonical name."""
    specs = _SPECS[check_algorithm(algorithm)]
    aliases = _ALIASES.get(algorithm, {})
    clean = {name: spec.default for name, spec in specs.items()}
    given: set[str] = set()
    for raw_name, value in (params or {}).items():
        name = aliases.get(raw_name, raw_name)
        if name not in specs:
            raise ModelError(
                f"unknown parameter {raw_name!r} for {algorithm}; "
                f"allowed: {', '.join(allowed_params(algorithm))}"
            )
        if name in given:
            raise ModelError(f"parameter {name!r} given twice (once as {raw_name!r})")
        given.add(name)
        if value is not None:  # None means "use the default", as an empty form field does
            clean[name] = specs[name].check(raw_name, value)
    if algorithm == "tree":
        allowed = CLASSIFICATION_CRITERIA if classification else REGRESSION_CRITERIA
        if clean["criterion"] is None:
            clean["criterion"] = allowed[0]
        elif clean["criterion"] not in allowed:
            task = "a categorical" if classification else "a continuous"
            raise ModelError(
                f"parameter 'criterion' must be one of {', '.join(allowed)} for {task} "
                f"target, got {clean['criterion']!r}"
            )
    return clean
