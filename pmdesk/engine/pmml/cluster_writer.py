"""ClusteringModel from KMeans, on standardised / indicator derived fields.

The distance measure is squaredEuclidean (what k-means minimises); Modeler's distance
field ``$KMD-K-Means`` is its square root, computed by a transformedValue OutputField.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # builds only

import numpy as np

from .design import Feature
from .document import sub
from .naming import cluster_label
from .values import pmml_number


def cluster_body(model: ET.Element, estimator: object, features: list[Feature]) -> None:
    measure = sub(model, "ComparisonMeasure", kind="distance")
    sub(measure, "squaredEuclidean")
    for feature in features:
        sub(model, "ClusteringField", field=feature.name, compareFunction="absDiff")
    centers = np.asarray(estimator.cluster_centers_, dtype=np.float64)  # type: ignore[attr-defined]
    for index, center in enumerate(centers):
        label = cluster_label(index)
        cluster = sub(model, "Cluster", id=label, name=label)
        array = sub(cluster, "Array", n=str(center.size), type="real")
        array.text = " ".join(pmml_number(v) for v in center)
