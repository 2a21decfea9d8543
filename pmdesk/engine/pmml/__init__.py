"""Model layer: train scikit-learn models, store them as PMML 4.4, score from PMML alone.

Scoring never executes code from the model file (no pickle); PMML is parsed with defusedxml
and evaluated by vectorised numpy. See train.train_model and scoring.ScoringModel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ModelError
from .params import ALGORITHMS
from .scoring import ScoringModel, Transformations, load_model, load_transformations

if TYPE_CHECKING:
    from .train import train_model


def __getattr__(name: str) -> Any:
    """Training pulls in scikit-learn (seconds to import): load it only for jobs that train."""
    if name == "train_model":
        from .train import train_model

        return train_model
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ALGORITHMS", "ModelError", "ScoringModel", "Transformations", "load_model",
           "load_transformations", "train_model"]
