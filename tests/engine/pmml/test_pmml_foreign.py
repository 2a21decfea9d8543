"""Hand-written PMML of the kind other tools produce: neighbours of what the writer emits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmdesk.engine.pmml import ModelError, load_model

HEAD = """<?xml version="1.0"?>
<PMML xmlns="http://www.dmg.org/PMML-4_2" version="4.2">
  <Header copyright="elsewhere"/>
  <DataDictionary>
    <DataField name="colour" optype="categorical" dataType="string">
      <Value value="red"/><Value value="green"/><Value value="blue"/>
    </DataField>
    <DataField name="size" optype="continuous" dataType="double"/>
    <DataField name="label" optype="categorical" dataType="string">
      <Value value="yes"/><Value value="no"/>
    </DataField>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
"""

TREE = HEAD + """
  <TreeModel functionName="classification" missingValueStrategy="{strategy}">
    <MiningSchema>
      <MiningField name="colour" invalidValueTreatment="asIs"/><MiningField name="size"/>
      <MiningField name="label" usageType="predicted"/>
    </MiningSchema>
    <Node id="root" score="no">
      <True/>
      <ScoreDistribution value="yes" recordCount="40"/>
      <ScoreDistribution value="no" recordCount="60"/>
      <Node id="warm" score="yes">
        <SimpleSetPredicate field="colour" booleanOperator="isIn">
          <Array n="2" type="string">red "dark green"</Array>
        </SimpleSetPredicate>
        <ScoreDistribution value="yes" recordCount="30"/>
        <ScoreDistribution value="no" recordCount="10"/>
      </Node>
      <Node id="big" score="no">
        <CompoundPredicate booleanOperator="and">
          <SimplePredicate field="size" operator="greaterOrEqual" value="10"/>
          <SimplePredicate field="colour" operator="notEqual" value="red"/>
        </CompoundPredicate>
        <ScoreDistribution value="yes" recordCount="5"/>
        <ScoreDistribution value="no" recordCount="45"/>
      </Node>
    </Node>
  </TreeModel>
</PMML>
"""

FRAME = pd.DataFrame({
    "colour": ["red", "dark green", "blue", "blue", None, "green", "purple"],
    "size": [1.0, 50.0, 20.0, 3.0, 20.0, np.nan, 30.0],
})


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        # blue/3 matches no child: PMML's default noTrueChildStrategy is a null prediction.
        ("none", ["yes", "yes", "no", None, None, None, "no"]),
        ("lastPrediction", ["yes", "yes", "no", None, "no", "no", "no"]),
        ("nullPrediction", ["yes", "yes", "no", None, None, None, "no"]),
    ],
)
def test_foreign_tree(strategy: str, expected: list[str | None]) -> None:
    model = load_model(TREE.format(strategy=strategy))
    assert model.algorithm == "tree" and model.target == "label"
    assert model.output_fields == ["$R-label", "$RC-label"]
    scored = model.score(FRAME)
    assert [None if pd.isna(v) else v for v in scored["$R-label"]] == expected
    confidence = {"yes": 0.75, "no": 0.9}
    for got, label, root_fallback in zip(scored["$RC-label"], expected, range(7), strict=True):
        if label is None:
            assert np.isnan(got)
        elif strategy == "lastPrediction" and root_fallback in (4, 5):
            assert got == pytest.approx(0.6)  # stopped at the root: 60 of 100
        else:
            assert got == pytest.approx(confidence[label])


REGRESSION = HEAD + """
  <RegressionModel functionName="regression" modelName="poly">
    <MiningSchema>
      <MiningField name="colour"/>
      <MiningField name="size" missingValueReplacement="2"/>
      <MiningField name="y" usageType="target"/>
    </MiningSchema>
    <Targets><Target field="y" rescaleFactor="10" rescaleConstant="1"/></Targets>
    <RegressionTable intercept="0.5">
      <NumericPredictor name="size" exponent="2" coefficient="0.25"/>
      <NumericPredictor name="size" coefficient="1"/>
      <CategoricalPredictor name="colour" value="red" coefficient="3"/>
      <CategoricalPredictor name="colour" value="blue" coefficient="-1"/>
    </RegressionTable>
  </RegressionModel>
</PMML>
"""


def test_foreign_regression() -> None:
    model = load_model(REGRESSION.encode("utf-8"))
    assert (model.algorithm, model.target, model.output_fields) == ("linear", "y", ["$E-y"])
    frame = pd.DataFrame({"colour": ["red", "blue", "green", "teal"],
                          "size": [2.0, 4.0, None, 0.0]})
    size = np.array([2.0, 4.0, 2.0, 0.0])
    raw = 0.5 + 0.25 * size**2 + size + np.array([3.0, -1.0, 0.0, 0.0])
    np.testing.assert_allclose(model.score(frame)["$E-y"].to_numpy()[:3], raw[:3] * 10 + 1)
    # teal is not in the DataDictionary: PMML's default invalidValueTreatment returnInvalid
    assert np.isnan(model.score(frame)["$E-y"].to_numpy()[3])
    as_is = load_model(REGRESSION.replace('<MiningField name="colour"/>',
                                          '<MiningField name="colour" '
                                          'invalidValueTreatment="asIs"/>'))
    np.testing.assert_allclose(as_is.score(frame)["$E-y"].to_numpy(), raw * 10 + 1)


CLUSTERS = HEAD + """
  <ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="2">
    <MiningSchema><MiningField name="size"/></MiningSchema>
    <LocalTransformations>
      <DerivedField name="half" optype="continuous" dataType="double">
        <Apply function="/"><FieldRef field="size"/><Constant>2</Constant></Apply>
      </DerivedField>
    </LocalTransformations>
    <ComparisonMeasure kind="distance"><euclidean/></ComparisonMeasure>
    <ClusteringField field="half"/>
    <Cluster name="small"><Array n="1" type="real">1</Array></Cluster>
    <Cluster name="large"><Array n="1" type="real">10</Array></Cluster>
  </ClusteringModel>
</PMML>
"""


def test_foreign_clustering_without_output() -> None:
    model = load_model(CLUSTERS)
    scored = model.score(pd.DataFrame({"size": [0.0, 4.0, 30.0, None]}))
    assert [None if pd.isna(v) else v for v in scored["$KM-K-Means"]] == [
        "small", "small", "large", None]
    np.testing.assert_allclose(scored["$KMD-K-Means"].to_numpy(), [1.0, 1.0, 5.0, np.nan])


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (('<Apply function="/">', '<Apply function="/"><Lag field="size"/>'),
         "<Lag> in a transformation is not supported"),
        (("<euclidean/>", "<jaccard/>"), "measure <jaccard> is not supported"),
        (('<Apply function="/">', '<Apply function="lookup">'), "Apply function 'lookup'"),
        (('kind="distance"', 'kind="similarity"'), "similarity measures are not supported"),
    ],
)
def test_unsupported_elements_are_named(change: tuple[str, str], fragment: str) -> None:
    text = CLUSTERS.replace(*change).replace("</Apply>", "</Discretize>" if "Discretize"
                                               in change[1] else "</Apply>")
    with pytest.raises(ModelError) as info:
        load_model(text)
    assert fragment in str(info.value)


def test_unsupported_output_feature_and_neural_activation() -> None:
    with_reason = REGRESSION.replace(
        "<Targets>", '<Output><OutputField name="why" feature="reasonCode"/></Output><Targets>')
    with pytest.raises(ModelError, match="feature 'reasonCode' needs a Scorecard"):
        load_model(with_reason)
    neural = HEAD + """
      <NeuralNetwork functionName="regression" activationFunction="radialBasis">
        <MiningSchema><MiningField name="size"/><MiningField name="y" usageType="target"/>
        </MiningSchema>
        <NeuralInputs><NeuralInput id="i"><DerivedField><FieldRef field="size"/></DerivedField>
        </NeuralInput></NeuralInputs>
        <NeuralLayer><Neuron id="h" bias="0"><Con from="i" weight="1"/></Neuron></NeuralLayer>
        <NeuralOutputs><NeuralOutput outputNeuron="h"><DerivedField><FieldRef field="y"/>
        </DerivedField></NeuralOutput></NeuralOutputs>
      </NeuralNetwork></PMML>"""
    with pytest.raises(ModelError, match="activationFunction 'radialBasis'"):
        load_model(neural)
    model = load_model(neural.replace("radialBasis", "tanh"))
    scored = model.score(pd.DataFrame({"size": [0.0, 1.0]}))
    np.testing.assert_allclose(scored["$N-y"].to_numpy(), np.tanh([0.0, 1.0]))


PIECEWISE = HEAD + """
  <RegressionModel functionName="regression">
    <MiningSchema><MiningField name="size"/><MiningField name="y" usageType="target"/>
    </MiningSchema>
    <Output><OutputField name="pred" feature="predictedValue"/></Output>
    <LocalTransformations>
      <DerivedField name="scaled" optype="continuous" dataType="double">
        <NormContinuous field="size" outliers="{outliers}" mapMissingTo="-5">
          <LinearNorm orig="0" norm="0"/><LinearNorm orig="10" norm="1"/>
          <LinearNorm orig="20" norm="3"/>
        </NormContinuous>
      </DerivedField>
    </LocalTransformations>
    <RegressionTable intercept="0"><NumericPredictor name="scaled" coefficient="1"/>
    </RegressionTable>
  </RegressionModel>
</PMML>
"""


@pytest.mark.parametrize(
    ("outliers", "expected"),
    [("asIs", [-0.5, 0.5, 2.0, 5.0, -5.0]),
     ("asExtremeValues", [0.0, 0.5, 2.0, 3.0, -5.0]),
     ("asMissingValues", [np.nan, 0.5, 2.0, np.nan, -5.0])],
)
def test_piecewise_norm_continuous(outliers: str, expected: list[float]) -> None:
    model = load_model(PIECEWISE.format(outliers=outliers))
    assert model.output_fields == ["pred"]
    scored = model.score(pd.DataFrame({"size": [-5.0, 5.0, 15.0, 30.0, None]}))
    np.testing.assert_allclose(scored["pred"].to_numpy(), expected)
