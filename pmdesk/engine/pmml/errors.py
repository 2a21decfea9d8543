"""The one exception type of the model layer."""

from __future__ import annotations


class ModelError(Exception):
    """A person-readable reason a model cannot be trained, stored or scored.

    Raised for bad hyperparameters, missing rows or fields, and PMML that is malformed or
    uses elements this evaluator does not implement; the message names what to fix.
    """
