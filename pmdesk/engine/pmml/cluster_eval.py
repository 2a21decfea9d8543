"""ClusteringModel (center-based) scoring: distance to each center, vectorised per center."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only

import numpy as np

from .errors import ModelError
from .expressions import Env
from .naming import cluster_label
from .parse import number, required
from .prediction import Prediction

_MEASURES = ("squaredEuclidean", "euclidean", "cityBlock", "chebychev", "minkowski")


class ClusterEvaluator:
    def __init__(self, model: ET.Element) -> None:
        if model.get("modelClass", "centerBased") != "centerBased":
            raise ModelError("only center-based ClusteringModels are supported")
        comparison = model.find("ComparisonMeasure")
        if comparison is None:
            raise ModelError("the ClusteringModel has no ComparisonMeasure")
        if comparison.get("kind", "distance") != "distance":
            raise ModelError("ClusteringModel similarity measures are not supported")
        measure = next((c for c in comparison if c.tag != "Extension"), None)
        if measure is None or measure.tag not in _MEASURES:
            tag = "nothing" if measure is None else f"<{measure.tag}>"
            raise ModelError(f"ClusteringModel measure {tag} is not supported; "
                             f"supported: {', '.join(_MEASURES)}")
        self.measure = measure.tag
        self.p = number(measure, "p-parameter", 2.0)
        fields = [f for f in model.findall("ClusteringField")
                  if f.get("isCenterField", "true") == "true"]
        for field in fields:
            if field.get("compareFunction", comparison.get("compareFunction", "absDiff")) \
                    != "absDiff":
                raise ModelError("ClusteringField compareFunction other than absDiff is not "
                                 "supported")
        self.fields = [required(f, "field") for f in fields]
        self.weights = np.array([number(f, "fieldWeight", 1.0) for f in fields])
        clusters = model.findall("Cluster")
        if not clusters:
            raise ModelError("the ClusteringModel has no Cluster")
        centers = []
        for index, cluster in enumerate(clusters):
            array = cluster.find("Array")
            if array is None:
                raise ModelError(f"Cluster {index + 1} has no center Array")
            try:
                center = [float(v) for v in (array.text or "").split()]
            except ValueError:
                raise ModelError(f"Cluster {index + 1} center holds a non-number") from None
            if len(center) != len(self.fields):
                raise ModelError(f"Cluster {index + 1} center has {len(center)} values for "
                                 f"{len(self.fields)} ClusteringFields")
            centers.append(center)
        self.centers = np.array(centers)
        self.ids = np.array([c.get("id") or str(i + 1) for i, c in enumerate(clusters)] + [None],
                            dtype=object)
        self.names = np.array(
            [c.get("name") or c.get("id") or cluster_label(i) for i, c in enumerate(clusters)]
            + [None], dtype=object)

    def predict(self, env: Env) -> Prediction:
        x = np.column_stack([env.numeric(f, "ClusteringField") for f in self.fields]) \
            if self.fields else np.zeros((env.n, 0))
        distances = np.empty((env.n, len(self.centers)))
        for j, center in enumerate(self.centers):
            diff = np.abs(x - center)
            if self.measure in ("squaredEuclidean", "euclidean"):
                distances[:, j] = (diff * diff) @ self.weights
            elif self.measure == "cityBlock":
                distances[:, j] = diff @ self.weights
            elif self.measure == "chebychev":
                distances[:, j] = (diff * self.weights).max(axis=1) if diff.size else 0.0
            else:
                distances[:, j] = (diff**self.p) @ self.weights
        if self.measure == "euclidean":
            distances = np.sqrt(distances)
        elif self.measure == "minkowski":
            distances = distances ** (1.0 / self.p)
        undefined = np.isnan(distances).any(axis=1)
        best = np.argmin(np.where(np.isnan(distances), np.inf, distances), axis=1) \
            if len(self.centers) else np.zeros(env.n, dtype=np.int64)
        affinity = distances[np.arange(env.n), best]
        best[undefined] = len(self.centers)
        affinity[undefined] = np.nan
        return Prediction(value=self.ids[best], entity_id=self.ids[best],
                          entity_name=self.names[best], affinity=affinity)
