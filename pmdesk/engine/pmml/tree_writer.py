"""TreeModel from a fitted DecisionTreeClassifier / DecisionTreeRegressor.

Categorical inputs were one-hot encoded for fitting; each indicator split is written as a
pair of SimplePredicates on the original field (``notEqual`` / ``equal`` the category), so
the PMML needs no derived fields and an unseen category follows the ``notEqual`` branch,
exactly like an all-zero indicator row in scikit-learn. Missing values follow the branch
scikit-learn learned for them (``missingValueStrategy="defaultChild"``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # builds only

import numpy as np

from .design import Feature
from .document import sub
from .values import pmml_number


def _predicates(feature: Feature, threshold: float) -> tuple[dict[str, str], dict[str, str]]:
    if feature.kind == "onehot":
        assert feature.category is not None
        return (
            {"field": feature.field, "operator": "notEqual", "value": feature.category},
            {"field": feature.field, "operator": "equal", "value": feature.category},
        )
    value = pmml_number(threshold)
    return (
        {"field": feature.field, "operator": "lessOrEqual", "value": value},
        {"field": feature.field, "operator": "greaterThan", "value": value},
    )


def tree_nodes(model: ET.Element, estimator: object, features: list[Feature],
               classes: list[str] | None) -> None:
    """Appends the Node hierarchy of estimator's tree_ under model."""
    tree = estimator.tree_  # type: ignore[attr-defined]
    left, right = tree.children_left, tree.children_right
    go_left = getattr(tree, "missing_go_to_left", np.ones(tree.node_count, dtype=np.uint8))
    weights = tree.weighted_n_node_samples
    values = tree.value[:, 0, :]

    def fill(node_el: ET.Element, node: int) -> None:
        node_el.set("id", str(node))
        node_el.set("recordCount", pmml_number(weights[node]))
        if left[node] != -1:
            child = left[node] if go_left[node] else right[node]
            node_el.set("defaultChild", str(child))
        if classes is None:
            node_el.set("score", pmml_number(values[node, 0]))
            return
        fractions = values[node] / values[node].sum()
        node_el.set("score", classes[int(np.argmax(values[node]))])
        for label, fraction in zip(classes, fractions, strict=True):
            sub(node_el, "ScoreDistribution", value=label,
                recordCount=pmml_number(fraction * weights[node]),
                probability=pmml_number(fraction))

    root = sub(model, "Node")
    sub(root, "True")
    stack = [(root, 0)]
    while stack:
        node_el, node = stack.pop()
        fill(node_el, node)
        if left[node] == -1:
            continue
        left_pred, right_pred = _predicates(features[tree.feature[node]], tree.threshold[node])
        for child, pred in ((left[node], left_pred), (right[node], right_pred)):
            child_el = sub(node_el, "Node")
            sub(child_el, "SimplePredicate", **pred)
            stack.append((child_el, int(child)))
