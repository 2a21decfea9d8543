"""Model layer: train scikit-learn models, store them as PMML 4.4, score from PMML alone.

Scoring never executes code from the model file (no pickle); PMML is parsed with defusedxml
and evaluated by vectorised numpy. See train.train_model and scoring.ScoringModel.
"""

from __future__ import annotations

from .errors import ModelError
from .params import ALGORITHMS
from .scoring import ScoringModel, load_model
from .train import train_model

__all__ = ["ALGORITHMS", "ModelError", "ScoringModel", "load_model", "train_model"]
