"""Small hand-written PMML documents, one per model type and transformation, and a frame
to score them on. Each declares its Output so both evaluators name columns alike."""

from __future__ import annotations

import numpy as np
import pandas as pd

HEAD = '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header/>'
DICT = """<DataDictionary>
<DataField name="x1" optype="continuous" dataType="double"/>
<DataField name="x2" optype="continuous" dataType="double"/>
<DataField name="c" optype="categorical" dataType="string">
 <Value value="a"/><Value value="b"/><Value value="c"/></DataField>
<DataField name="y" optype="categorical" dataType="string">
 <Value value="A"/><Value value="B"/><Value value="C"/></DataField>
<DataField name="o" optype="ordinal" dataType="string">
 <Value value="low"/><Value value="mid"/><Value value="high"/></DataField>
<DataField name="b" optype="categorical" dataType="string">
 <Value value="yes"/><Value value="no"/></DataField>
<DataField name="t" optype="continuous" dataType="double"/>
</DataDictionary>"""



def schema(target: str, fields: tuple[str, ...] = ("x1", "x2", "c")) -> str:
    rows = "".join(f'<MiningField name="{f}"/>' for f in fields)
    return f'<MiningSchema>{rows}<MiningField name="{target}" usageType="target"/></MiningSchema>'


def class_output(target: str, classes: tuple[str, ...]) -> str:
    rows = "".join(f'<OutputField name="p_{c}" feature="probability" value="{c}" '
                   'optype="continuous" dataType="double"/>' for c in classes)
    return (f'<Output><OutputField name="pred" feature="predictedValue" optype="categorical" '
            f'dataType="string"/>{rows}</Output>')


REG_OUTPUT = ('<Output><OutputField name="pred" feature="predictedValue" optype="continuous" '
              'dataType="double"/></Output>')


def doc(body: str, transformations: str = "") -> str:
    return HEAD + DICT + transformations + body + "</PMML>"


GRM_MULTINOMIAL = doc(f"""
<GeneralRegressionModel modelType="multinomialLogistic" functionName="classification">
{schema("y")}{class_output("y", ("A", "B", "C"))}
<ParameterList><Parameter name="p0" label="Intercept"/><Parameter name="p1"/>
<Parameter name="p2"/><Parameter name="p3"/><Parameter name="p4"/></ParameterList>
<FactorList><Predictor name="c"/></FactorList>
<CovariateList><Predictor name="x1"/><Predictor name="x2"/></CovariateList>
<PPMatrix><PPCell value="1" predictorName="x1" parameterName="p1"/>
<PPCell value="a" predictorName="c" parameterName="p2"/>
<PPCell value="b" predictorName="c" parameterName="p3"/>
<PPCell value="1" predictorName="x1" parameterName="p4"/>
<PPCell value="2" predictorName="x2" parameterName="p4"/></PPMatrix>
<ParamMatrix>
<PCell targetCategory="A" parameterName="p0" beta="0.3"/>
<PCell targetCategory="A" parameterName="p1" beta="1.2"/>
<PCell targetCategory="A" parameterName="p2" beta="-0.7"/>
<PCell targetCategory="A" parameterName="p4" beta="0.05"/>
<PCell targetCategory="B" parameterName="p0" beta="-0.2"/>
<PCell targetCategory="B" parameterName="p1" beta="-0.4"/>
<PCell targetCategory="B" parameterName="p3" beta="1.1"/>
</ParamMatrix></GeneralRegressionModel>""")

GRM_GLM = doc(f"""
<GeneralRegressionModel modelType="generalizedLinear" functionName="regression"
 linkFunction="log" distribution="poisson" offsetValue="0.25">
{schema("t")}{REG_OUTPUT}
<ParameterList><Parameter name="p0"/><Parameter name="p1"/><Parameter name="p2"/>
</ParameterList>
<FactorList><Predictor name="c"/></FactorList>
<CovariateList><Predictor name="x1"/></CovariateList>
<PPMatrix><PPCell value="1" predictorName="x1" parameterName="p1"/>
<PPCell value="c" predictorName="c" parameterName="p2"/></PPMatrix>
<ParamMatrix><PCell parameterName="p0" beta="0.5"/><PCell parameterName="p1" beta="0.3"/>
<PCell parameterName="p2" beta="-0.8"/></ParamMatrix></GeneralRegressionModel>""")

GRM_REGRESSION = doc(f"""
<GeneralRegressionModel modelType="regression" functionName="regression">
{schema("t")}{REG_OUTPUT}
<ParameterList><Parameter name="p0"/><Parameter name="p1"/><Parameter name="p2"/>
</ParameterList>
<CovariateList><Predictor name="x1"/><Predictor name="x2"/></CovariateList>
<PPMatrix><PPCell value="1" predictorName="x1" parameterName="p1"/>
<PPCell value="1" predictorName="x2" parameterName="p2"/></PPMatrix>
<ParamMatrix><PCell parameterName="p0" beta="2"/><PCell parameterName="p1" beta="-1.5"/>
<PCell parameterName="p2" beta="0.25"/></ParamMatrix></GeneralRegressionModel>""")

GRM_ORDINAL = doc(f"""
<GeneralRegressionModel modelType="ordinalMultinomial" functionName="classification"
 cumulativeLink="logit">
{schema("o")}{class_output("o", ("low", "mid", "high"))}
<ParameterList><Parameter name="p0"/><Parameter name="p1"/></ParameterList>
<CovariateList><Predictor name="x1"/></CovariateList>
<PPMatrix><PPCell value="1" predictorName="x1" parameterName="p1"/></PPMatrix>
<ParamMatrix><PCell targetCategory="low" parameterName="p0" beta="-0.5"/>
<PCell targetCategory="mid" parameterName="p0" beta="0.9"/>
<PCell parameterName="p1" beta="0.8"/></ParamMatrix></GeneralRegressionModel>""")


def _svm(kernel: str, function: str, target: str, machines: str, extra: str = "",
         representation: str = "SupportVectors") -> str:
    output = class_output(target, ("A", "B", "C") if target == "y" else ("yes", "no")) \
        if function == "classification" else REG_OUTPUT
    if target == "y" and "OneAgainstOne" not in extra:
        output = class_output(target, ("A", "B", "C"))
    return doc(f"""
<SupportVectorMachineModel functionName="{function}" svmRepresentation="{representation}"
 {extra}>{schema(target, ("x1", "x2"))}{output}{kernel}
<VectorDictionary numberOfVectors="4"><VectorFields numberOfFields="2">
<FieldRef field="x1"/><FieldRef field="x2"/></VectorFields>
<VectorInstance id="v1"><REAL-SparseArray n="2"><Indices>1 2</Indices>
<REAL-Entries>0.5 -1</REAL-Entries></REAL-SparseArray></VectorInstance>
<VectorInstance id="v2"><Array n="2" type="real">-0.3 0.8</Array></VectorInstance>
<VectorInstance id="v3"><REAL-SparseArray n="2"><Indices>2</Indices>
<REAL-Entries>1.5</REAL-Entries></REAL-SparseArray></VectorInstance>
<VectorInstance id="v4"><Array n="2" type="real">1.2 0.4</Array></VectorInstance>
</VectorDictionary>{machines}</SupportVectorMachineModel>""")


_MACHINE = """<SupportVectorMachine {attrs}><SupportVectors numberOfSupportVectors="{k}">
{vectors}</SupportVectors><Coefficients absoluteValue="{b}" numberOfCoefficients="{k}">
{coefs}</Coefficients></SupportVectorMachine>"""


def machine(attrs: str, pairs: list[tuple[str, float]], b: float) -> str:
    return _MACHINE.format(
        attrs=attrs, k=len(pairs), b=b,
        vectors="".join(f'<SupportVector vectorId="{v}"/>' for v, _ in pairs),
        coefs="".join(f'<Coefficient value="{c}"/>' for _, c in pairs))


SVM_LINEAR_BINARY = _svm(
    "<LinearKernelType/>", "classification", "b",
    machine('targetCategory="yes" alternateTargetCategory="no"',
            [("v1", 0.7), ("v2", -1.1), ("v3", 0.4)], 0.2))
SVM_RBF_OVO = _svm(
    '<RadialBasisKernelType gamma="0.6"/>', "classification", "y",
    machine('targetCategory="A" alternateTargetCategory="B"', [("v1", 1.0), ("v2", -1.0)], 0.1)
    + machine('targetCategory="A" alternateTargetCategory="C"', [("v1", 0.8), ("v3", -0.5),
                                                                 ("v4", -0.3)], -0.05)
    + machine('targetCategory="B" alternateTargetCategory="C"', [("v2", 0.9), ("v4", -0.9)],
              0.02),
    extra='classificationMethod="OneAgainstOne"')
SVM_POLY_REGRESSION = _svm(
    '<PolynomialKernelType gamma="0.5" coef0="1" degree="3"/>', "regression", "t",
    machine("", [("v1", 0.3), ("v2", -0.6), ("v3", 0.2), ("v4", 0.1)], 0.4))
SVM_SIGMOID_REGRESSION = _svm(
    '<SigmoidKernelType gamma="0.4" coef0="0.2"/>', "regression", "t",
    machine("", [("v1", 0.3), ("v2", -0.6), ("v4", 0.1)], -0.4))


def _tree(strategy: str, extra: str = "") -> str:
    return doc(f"""
<TreeModel functionName="classification" missingValueStrategy="{strategy}" {extra}>
{schema("y")}{class_output("y", ("A", "B", "C"))}
<Node id="0" score="A"><True/>
 <ScoreDistribution value="A" recordCount="50"/><ScoreDistribution value="B" recordCount="30"/>
 <ScoreDistribution value="C" recordCount="20"/>
 <Node id="1" score="B"><SimplePredicate field="x1" operator="lessThan" value="0"/>
  <ScoreDistribution value="A" recordCount="10"/><ScoreDistribution value="B" recordCount="25"/>
  <ScoreDistribution value="C" recordCount="5"/>
  <Node id="3" score="C"><SimpleSetPredicate field="c" booleanOperator="isIn">
   <Array n="2" type="string">a c</Array></SimpleSetPredicate>
   <ScoreDistribution value="A" recordCount="2"/><ScoreDistribution value="B" recordCount="3"/>
   <ScoreDistribution value="C" recordCount="5"/></Node>
  <Node id="4" score="B"><True/>
   <ScoreDistribution value="A" recordCount="8"/><ScoreDistribution value="B" recordCount="22"/>
   <ScoreDistribution value="C" recordCount="0"/></Node>
 </Node>
 <Node id="2" score="A"><SimplePredicate field="x1" operator="greaterOrEqual" value="0"/>
  <ScoreDistribution value="A" recordCount="40"/><ScoreDistribution value="B" recordCount="5"/>
  <ScoreDistribution value="C" recordCount="15"/>
  <Node id="5" score="C"><SimplePredicate field="x2" operator="greaterThan" value="1"/>
   <ScoreDistribution value="A" recordCount="3"/><ScoreDistribution value="B" recordCount="2"/>
   <ScoreDistribution value="C" recordCount="10"/></Node>
  <Node id="6" score="A"><SimplePredicate field="x2" operator="lessOrEqual" value="1"/>
   <ScoreDistribution value="A" recordCount="37"/><ScoreDistribution value="B" recordCount="3"/>
   <ScoreDistribution value="C" recordCount="5"/></Node>
 </Node>
</Node></TreeModel>""")


TREE_LAST = _tree("lastPrediction")
TREE_NULL = _tree("nullPrediction")
TREE_NONE = _tree("none", 'noTrueChildStrategy="returnLastPrediction"')
TREE_WEIGHTED = _tree("weightedConfidence")
TREE_AGGREGATE = _tree("aggregateNodes")

RULESET_FIRST = doc(f"""
<RuleSetModel functionName="classification">{schema("y")}
<Output><OutputField name="pred" feature="predictedValue" optype="categorical"
 dataType="string"/></Output>
<RuleSet defaultScore="C" defaultConfidence="0.3">
<RuleSelectionMethod criterion="firstHit"/>
<SimpleRule id="r1" score="A" confidence="0.9" weight="2">
 <CompoundPredicate booleanOperator="and">
 <SimplePredicate field="x1" operator="greaterThan" value="0.5"/>
 <SimplePredicate field="c" operator="equal" value="a"/></CompoundPredicate></SimpleRule>
<CompoundRule><SimplePredicate field="x2" operator="lessThan" value="0"/>
 <SimpleRule id="r2" score="B" confidence="0.7" weight="1">
 <SimplePredicate field="c" operator="notEqual" value="c"/></SimpleRule>
 <SimpleRule id="r3" score="A" confidence="0.6" weight="3"><True/></SimpleRule>
</CompoundRule></RuleSet></RuleSetModel>""")
RULESET_SUM = RULESET_FIRST.replace('criterion="firstHit"', 'criterion="weightedSum"')
RULESET_MAX = RULESET_FIRST.replace('criterion="firstHit"', 'criterion="weightedMax"')


def _segment_tree(sid: str, field: str, cut: str, low: str, high: str) -> str:
    return f"""<Segment id="{sid}"><True/><TreeModel functionName="classification">
{schema("y")}<Node score="{low}"><True/>
<Node score="{low}"><SimplePredicate field="{field}" operator="lessThan" value="{cut}"/></Node>
<Node score="{high}"><True/></Node></Node></TreeModel></Segment>"""


def _segment_regression(sid: str, weight: str, predicate: str, a: str, b: str) -> str:
    return f"""<Segment id="{sid}" weight="{weight}">{predicate}
<RegressionModel functionName="regression">{schema("t", ("x1", "x2"))}
<RegressionTable intercept="{a}"><NumericPredictor name="x1" coefficient="{b}"/>
<NumericPredictor name="x2" coefficient="0.5"/></RegressionTable></RegressionModel></Segment>"""


MINING_VOTE = doc(f"""
<MiningModel functionName="classification">{schema("y")}
<Output><OutputField name="pred" feature="predictedValue" optype="categorical"
 dataType="string"/></Output>
<Segmentation multipleModelMethod="majorityVote">
{_segment_tree("1", "x1", "0", "A", "B")}{_segment_tree("2", "x2", "0.5", "B", "C")}
{_segment_tree("3", "x1", "1", "C", "A")}</Segmentation></MiningModel>""")
MINING_AVERAGE = doc(f"""
<MiningModel functionName="regression">{schema("t", ("x1", "x2"))}{REG_OUTPUT}
<Segmentation multipleModelMethod="weightedAverage">
{_segment_regression("1", "1", "<True/>", "1", "2")}
{_segment_regression("2", "3", "<True/>", "-1", "0.5")}
{_segment_regression("3", "2",
                     '<SimplePredicate field="x1" operator="greaterThan" value="0"/>', "0", "1")}
</Segmentation></MiningModel>""")
MINING_FIRST = MINING_AVERAGE.replace('"weightedAverage"', '"selectFirst"').replace(
    '<Segment id="1" weight="1"><True/>',
    '<Segment id="1" weight="1"><SimplePredicate field="x2" operator="lessThan" value="0"/>')
MINING_CHAIN = doc(f"""
<MiningModel functionName="regression">{schema("t", ("x1", "x2"))}{REG_OUTPUT}
<Segmentation multipleModelMethod="modelChain">
<Segment id="1"><True/><RegressionModel functionName="regression">
{schema("t", ("x1",))}
<Output><OutputField name="first" feature="predictedValue" optype="continuous"
 dataType="double"/></Output>
<RegressionTable intercept="1"><NumericPredictor name="x1" coefficient="2"/></RegressionTable>
</RegressionModel></Segment>
<Segment id="2"><True/><RegressionModel functionName="regression">
<MiningSchema><MiningField name="first"/><MiningField name="x2"/>
<MiningField name="t" usageType="target"/></MiningSchema>
<RegressionTable intercept="0.5"><NumericPredictor name="first" coefficient="3"/>
<NumericPredictor name="x2" coefficient="-1"/></RegressionTable></RegressionModel></Segment>
</Segmentation></MiningModel>""")

BAYES = doc(f"""
<NaiveBayesModel functionName="classification" threshold="0.001">
{schema("y", ("x1", "c"))}{class_output("y", ("A", "B", "C"))}
<BayesInputs>
<BayesInput fieldName="c">
 <PairCounts value="a"><TargetValueCounts><TargetValueCount value="A" count="10"/>
 <TargetValueCount value="B" count="2"/><TargetValueCount value="C" count="0"/>
 </TargetValueCounts></PairCounts>
 <PairCounts value="b"><TargetValueCounts><TargetValueCount value="A" count="5"/>
 <TargetValueCount value="B" count="12"/><TargetValueCount value="C" count="6"/>
 </TargetValueCounts></PairCounts>
 <PairCounts value="c"><TargetValueCounts><TargetValueCount value="A" count="5"/>
 <TargetValueCount value="B" count="6"/><TargetValueCount value="C" count="14"/>
 </TargetValueCounts></PairCounts></BayesInput>
<BayesInput fieldName="x1"><TargetValueStats>
 <TargetValueStat value="A"><GaussianDistribution mean="0.5" variance="1.2"/></TargetValueStat>
 <TargetValueStat value="B"><GaussianDistribution mean="-0.3" variance="0.8"/></TargetValueStat>
 <TargetValueStat value="C"><GaussianDistribution mean="0.1" variance="2"/></TargetValueStat>
</TargetValueStats></BayesInput></BayesInputs>
<BayesOutput fieldName="y"><TargetValueCounts><TargetValueCount value="A" count="20"/>
<TargetValueCount value="B" count="20"/><TargetValueCount value="C" count="20"/>
</TargetValueCounts></BayesOutput></NaiveBayesModel>""")

TRANSFORMATIONS = """<TransformationDictionary>
<DefineFunction name="scaled" optype="continuous" dataType="double">
 <ParameterField name="v"/><ParameterField name="k"/>
 <Apply function="*"><FieldRef field="v"/><Apply function="+"><FieldRef field="k"/>
 <Constant dataType="double">1</Constant></Apply></Apply></DefineFunction>
<DerivedField name="c_code" optype="continuous" dataType="double">
 <MapValues outputColumn="out" defaultValue="9" mapMissingTo="-1">
 <FieldColumnPair field="c" column="in"/><InlineTable>
 <row><in>a</in><out>1</out></row><row><in>b</in><out>2</out></row></InlineTable></MapValues>
</DerivedField>
<DerivedField name="x1_bin" optype="categorical" dataType="string">
 <Discretize field="x1" mapMissingTo="none" defaultValue="other">
 <DiscretizeBin binValue="low"><Interval closure="openOpen" rightMargin="-0.5"/></DiscretizeBin>
 <DiscretizeBin binValue="mid"><Interval closure="closedOpen" leftMargin="-0.5"
  rightMargin="0.5"/></DiscretizeBin>
 <DiscretizeBin binValue="high"><Interval closure="closedOpen" leftMargin="0.5"
  rightMargin="1.5"/></DiscretizeBin></Discretize></DerivedField>
<DerivedField name="x2_safe" optype="continuous" dataType="double">
 <Apply function="if"><Apply function="isMissing"><FieldRef field="x2"/></Apply>
 <Constant dataType="double">0</Constant>
 <Apply function="scaled"><FieldRef field="x2"/><FieldRef field="x1"/></Apply></Apply>
</DerivedField>
<DerivedField name="unused_target" optype="continuous" dataType="double">
 <NormDiscrete field="y" value="A"/></DerivedField>
</TransformationDictionary>"""

TRANSFORMED_REGRESSION = doc(f"""
<RegressionModel functionName="regression">{schema("t")}
<Output><OutputField name="pred" feature="predictedValue" optype="continuous"
 dataType="double"/>
<OutputField name="code_out" feature="transformedValue" optype="continuous" dataType="double">
 <Apply function="round"><Apply function="*"><FieldRef field="c_code"/>
 <Constant>2.5</Constant></Apply></Apply></OutputField></Output>
<LocalTransformations><DerivedField name="x1_sq" optype="continuous" dataType="double">
 <Apply function="pow"><FieldRef field="x1"/><Constant>2</Constant></Apply></DerivedField>
 <DerivedField name="big" optype="continuous" dataType="double">
 <Apply function="max"><FieldRef field="x1"/><Apply function="exp"><FieldRef field="x1"/>
 </Apply><Apply function="abs"><FieldRef field="x2_safe"/></Apply></Apply></DerivedField>
</LocalTransformations>
<RegressionTable intercept="0.1">
 <NumericPredictor name="c_code" coefficient="0.7"/>
 <NumericPredictor name="x2_safe" coefficient="-0.3"/>
 <NumericPredictor name="x1_sq" coefficient="0.2"/>
 <NumericPredictor name="big" coefficient="0.05"/>
 <CategoricalPredictor name="x1_bin" value="low" coefficient="1.5"/>
 <CategoricalPredictor name="x1_bin" value="high" coefficient="-2"/>
</RegressionTable></RegressionModel>""", TRANSFORMATIONS)

CLUSTERS = doc("""
<ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="3">
<MiningSchema><MiningField name="x1"/><MiningField name="x2"/></MiningSchema>
<Output><OutputField name="cluster" feature="predictedValue" optype="categorical"
 dataType="string"/><OutputField name="dist" feature="affinity" optype="continuous"
 dataType="double"/></Output>
<ComparisonMeasure kind="distance"><squaredEuclidean/></ComparisonMeasure>
<ClusteringField field="x1"/><ClusteringField field="x2"/>
<Cluster id="1" name="one"><Array n="2" type="real">0 0</Array></Cluster>
<Cluster id="2" name="two"><Array n="2" type="real">1 1</Array></Cluster>
<Cluster id="3" name="three"><Array n="2" type="real">-1 2</Array></Cluster>
</ClusteringModel>""")

NEURAL_DICTIONARY_OUTPUTS = doc(f"""
<NeuralNetwork functionName="classification" activationFunction="tanh">
{schema("y")}{class_output("y", ("A", "B", "C"))}
<NeuralInputs>
<NeuralInput id="i1"><DerivedField optype="continuous" dataType="double">
 <FieldRef field="x1n"/></DerivedField></NeuralInput>
<NeuralInput id="i2"><DerivedField optype="continuous" dataType="double">
 <NormContinuous field="x2"><LinearNorm orig="-2" norm="-1"/><LinearNorm orig="0" norm="0"/>
 <LinearNorm orig="3" norm="1"/></NormContinuous></DerivedField></NeuralInput>
<NeuralInput id="i3"><DerivedField optype="continuous" dataType="double">
 <NormDiscrete field="c" value="a"/></DerivedField></NeuralInput>
</NeuralInputs>
<NeuralLayer numberOfNeurons="2">
<Neuron id="h1" bias="0.1"><Con from="i1" weight="0.8"/><Con from="i2" weight="-0.5"/>
 <Con from="i3" weight="1.1"/></Neuron>
<Neuron id="h2" bias="-0.2"><Con from="i1" weight="-0.6"/><Con from="i2" weight="0.9"/>
 <Con from="i3" weight="0.3"/></Neuron></NeuralLayer>
<NeuralLayer activationFunction="identity" normalizationMethod="softmax" numberOfNeurons="3">
<Neuron id="o1" bias="0.2"><Con from="h1" weight="1.5"/><Con from="h2" weight="-0.4"/></Neuron>
<Neuron id="o2" bias="0"><Con from="h1" weight="-1.2"/><Con from="h2" weight="0.8"/></Neuron>
<Neuron id="o3" bias="-0.1"><Con from="h1" weight="0.1"/><Con from="h2" weight="1.3"/>
 <Con from="i3" weight="-0.7"/></Neuron></NeuralLayer>
<NeuralOutputs>
<NeuralOutput outputNeuron="o1"><DerivedField optype="continuous" dataType="double">
 <FieldRef field="yA"/></DerivedField></NeuralOutput>
<NeuralOutput outputNeuron="o2"><DerivedField optype="continuous" dataType="double">
 <FieldRef field="yB"/></DerivedField></NeuralOutput>
<NeuralOutput outputNeuron="o3"><DerivedField optype="continuous" dataType="double">
 <FieldRef field="yC"/></DerivedField></NeuralOutput>
</NeuralOutputs></NeuralNetwork>""", """<TransformationDictionary>
<DerivedField name="x1n" optype="continuous" dataType="double"><NormContinuous field="x1">
 <LinearNorm orig="-3" norm="-1.5"/><LinearNorm orig="3" norm="1.5"/></NormContinuous>
</DerivedField>
<DerivedField name="yA" optype="continuous" dataType="double"><NormDiscrete field="y"
 value="A"/></DerivedField>
<DerivedField name="yB" optype="continuous" dataType="double"><NormDiscrete field="y"
 value="B"/></DerivedField>
<DerivedField name="yC" optype="continuous" dataType="double"><NormDiscrete field="y"
 value="C"/></DerivedField></TransformationDictionary>""")

REGRESSION_SOFTMAX = doc(f"""
<RegressionModel functionName="classification" normalizationMethod="softmax">
{schema("y")}{class_output("y", ("A", "B", "C"))}
<RegressionTable intercept="0.2" targetCategory="A"><NumericPredictor name="x1"
 coefficient="1.1"/><CategoricalPredictor name="c" value="a" coefficient="0.6"/>
</RegressionTable>
<RegressionTable intercept="-0.4" targetCategory="B"><NumericPredictor name="x2"
 coefficient="0.7" exponent="2"/><CategoricalPredictor name="c" value="b" coefficient="-0.3"/>
</RegressionTable>
<RegressionTable intercept="0" targetCategory="C"/></RegressionModel>""")

ALL = {
    "neural-dictionary-outputs": NEURAL_DICTIONARY_OUTPUTS,
    "regression-softmax": REGRESSION_SOFTMAX,
    "grm-multinomial": GRM_MULTINOMIAL, "grm-glm-log": GRM_GLM, "grm-regression": GRM_REGRESSION,
    "grm-ordinal": GRM_ORDINAL, "svm-linear-binary": SVM_LINEAR_BINARY,
    "svm-rbf-one-against-one": SVM_RBF_OVO, "svm-poly-regression": SVM_POLY_REGRESSION,
    "svm-sigmoid-regression": SVM_SIGMOID_REGRESSION, "tree-lastPrediction": TREE_LAST,
    "tree-nullPrediction": TREE_NULL, "tree-none": TREE_NONE, "ruleset-firstHit": RULESET_FIRST,
    "ruleset-weightedSum": RULESET_SUM, "ruleset-weightedMax": RULESET_MAX,
    "mining-majorityVote": MINING_VOTE, "mining-weightedAverage": MINING_AVERAGE,
    "mining-selectFirst": MINING_FIRST, "mining-modelChain": MINING_CHAIN,
    "naive-bayes": BAYES, "transformations": TRANSFORMED_REGRESSION, "clustering": CLUSTERS,
}


def frame(rows: int = 400, seed: int = 7, missing: bool = True) -> pd.DataFrame:
    """Inputs with a few missing values and one unseen category."""
    rng = np.random.default_rng(seed)
    x1 = rng.normal(0.2, 1.0, rows).round(3)
    x2 = rng.normal(0.4, 1.2, rows).round(3)
    c = rng.choice(["a", "b", "c"], rows).astype(object)
    if missing:
        x1[::37] = np.nan
        x2[5::41] = np.nan
        c[3::29] = None
        c[11::53] = "z"
    return pd.DataFrame({"x1": x1, "x2": x2, "c": c})


# The way JPMML-SkLearn writes a scikit-learn pipeline: binary LogisticRegression as a model
# chain (decision function, then a logit RegressionModel), RandomForestClassifier as an
# average of TreeModels with nullPrediction / returnLastPrediction.
_SK_HEAD = """<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
<Header><Application name="SkLearn2PMML package" version="0.110.0"/></Header>
<DataDictionary>
<DataField name="y" optype="categorical" dataType="integer"><Value value="0"/><Value value="1"/>
</DataField>
<DataField name="x1" optype="continuous" dataType="double"/>
<DataField name="x2" optype="continuous" dataType="double"/>
</DataDictionary>"""
_SK_SCHEMA = """<MiningSchema><MiningField name="y" usageType="target"/>
<MiningField name="x1"/><MiningField name="x2"/></MiningSchema>
<Output><OutputField name="probability(0)" optype="continuous" dataType="double"
 feature="probability" value="0"/><OutputField name="probability(1)" optype="continuous"
 dataType="double" feature="probability" value="1"/></Output>"""

SKLEARN_LOGISTIC = _SK_HEAD + f"""<MiningModel functionName="classification">{_SK_SCHEMA}
<Segmentation multipleModelMethod="modelChain">
<Segment id="1"><True/><RegressionModel functionName="regression">
<MiningSchema><MiningField name="x1"/><MiningField name="x2"/></MiningSchema>
<Output><OutputField name="decisionFunction(1)" optype="continuous" dataType="double"
 isFinalResult="false"/></Output>
<RegressionTable intercept="-0.3172"><NumericPredictor name="x1" coefficient="1.4402"/>
<NumericPredictor name="x2" coefficient="-0.8813"/></RegressionTable></RegressionModel></Segment>
<Segment id="2"><True/><RegressionModel functionName="classification"
 normalizationMethod="logit"><MiningSchema><MiningField name="y" usageType="target"/>
<MiningField name="decisionFunction(1)"/></MiningSchema>
<RegressionTable intercept="0.0" targetCategory="1">
<NumericPredictor name="decisionFunction(1)" coefficient="1.0"/></RegressionTable>
<RegressionTable intercept="0.0" targetCategory="0"/></RegressionModel></Segment>
</Segmentation></MiningModel></PMML>"""


def _sk_tree(cut1: str, cut2: str, counts: tuple[int, int, int, int, int, int]) -> str:
    a, b, c, d, e, f = counts
    return f"""<Segment id="t{cut1}"><True/><TreeModel functionName="classification"
 missingValueStrategy="nullPrediction" noTrueChildStrategy="returnLastPrediction">
<MiningSchema><MiningField name="x1"/><MiningField name="x2"/></MiningSchema>
<Node><True/>
<Node><SimplePredicate field="x1" operator="lessOrEqual" value="{cut1}"/>
 <Node score="0" recordCount="{a + b}"><SimplePredicate field="x2" operator="lessOrEqual"
  value="{cut2}"/><ScoreDistribution value="0" recordCount="{a}"/>
  <ScoreDistribution value="1" recordCount="{b}"/></Node>
 <Node score="1" recordCount="{c + d}"><True/><ScoreDistribution value="0" recordCount="{c}"/>
  <ScoreDistribution value="1" recordCount="{d}"/></Node></Node>
<Node score="1" recordCount="{e + f}"><True/><ScoreDistribution value="0" recordCount="{e}"/>
 <ScoreDistribution value="1" recordCount="{f}"/></Node>
</Node></TreeModel></Segment>"""


SKLEARN_FOREST = _SK_HEAD + f"""<MiningModel functionName="classification">{_SK_SCHEMA}
<Segmentation multipleModelMethod="average">
{_sk_tree("0.25", "0.5", (40, 10, 12, 18, 5, 35))}{_sk_tree("-0.1", "1.1", (30, 6, 9, 20, 11, 44))}
{_sk_tree("0.6", "0.0", (25, 25, 8, 30, 2, 30))}
</Segmentation></MiningModel></PMML>"""

ALL.update({
    "mining-weightedMajorityVote": MINING_VOTE.replace(
        "majorityVote", "weightedMajorityVote").replace('<Segment id="2">',
                                                         '<Segment id="2" weight="2.5">'),
    "mining-median": MINING_AVERAGE.replace("weightedAverage", "median"),
    "mining-sum": MINING_AVERAGE.replace("weightedAverage", "sum"),
    "mining-weightedSum": MINING_AVERAGE.replace("weightedAverage", "weightedSum"),
    "mining-average": MINING_AVERAGE.replace("weightedAverage", "average"),
})

SVM_OVA = _svm(
    '<RadialBasisKernelType gamma="0.6"/>', "classification", "y",
    machine('targetCategory="A"', [("v1", 1.0), ("v2", -1.0)], 0.1)
    + machine('targetCategory="B"', [("v1", 0.8), ("v3", -0.5), ("v4", -0.3)], -0.05)
    + machine('targetCategory="C"', [("v2", 0.9), ("v4", -0.9)], 0.02),
    extra='classificationMethod="OneAgainstAll"').replace(
        class_output("y", ("A", "B", "C")),
        '<Output><OutputField name="pred" feature="predictedValue" optype="categorical" '
        'dataType="string"/></Output>')

GRM_BINOMIAL = doc(f"""
<GeneralRegressionModel modelType="generalizedLinear" functionName="classification"
 linkFunction="logit" distribution="binomial">
{schema("b")}{class_output("b", ("yes", "no"))}
<ParameterList><Parameter name="p0"/><Parameter name="p1"/><Parameter name="p2"/>
</ParameterList>
<FactorList><Predictor name="c"/></FactorList>
<CovariateList><Predictor name="x1"/></CovariateList>
<PPMatrix><PPCell value="1" predictorName="x1" parameterName="p1"/>
<PPCell value="a" predictorName="c" parameterName="p2"/></PPMatrix>
<ParamMatrix><PCell parameterName="p0" beta="0.4" targetCategory="yes"/>
<PCell parameterName="p1" beta="-1.3" targetCategory="yes"/>
<PCell parameterName="p2" beta="0.9" targetCategory="yes"/></ParamMatrix>
</GeneralRegressionModel>""")

ALL.update({"svm-rbf-one-against-all": SVM_OVA, "grm-binomial-logit": GRM_BINOMIAL})

SCORECARD = doc(f"""
<Scorecard functionName="regression" initialScore="10" useReasonCodes="true"
 reasonCodeAlgorithm="pointsBelow" baselineMethod="other">
{schema("t")}
<Output><OutputField name="score" feature="predictedValue" optype="continuous"
 dataType="double"/>
<OutputField name="reason1" feature="reasonCode" rank="1" optype="categorical"
 dataType="string"/>
<OutputField name="reason2" feature="reasonCode" rank="2" optype="categorical"
 dataType="string"/>
<OutputField name="reason3" feature="reasonCode" rank="3" optype="categorical"
 dataType="string"/></Output>
<Characteristics>
<Characteristic name="x1score" reasonCode="RC1" baselineScore="8">
 <Attribute partialScore="2"><SimplePredicate field="x1" operator="isMissing"/></Attribute>
 <Attribute partialScore="-3"><SimplePredicate field="x1" operator="lessThan" value="0"/>
 </Attribute>
 <Attribute partialScore="9"><SimplePredicate field="x1" operator="lessThan" value="1"/>
 </Attribute>
 <Attribute partialScore="15"><True/></Attribute></Characteristic>
<Characteristic name="cscore" baselineScore="4">
 <Attribute partialScore="1" reasonCode="RC2"><SimpleSetPredicate field="c"
  booleanOperator="isIn"><Array n="2" type="string">a b</Array></SimpleSetPredicate>
 </Attribute>
 <Attribute partialScore="6" reasonCode="RC3"><True/></Attribute></Characteristic>
<Characteristic name="x2score" reasonCode="RC3" baselineScore="5">
 <Attribute reasonCode="RC4"><SimplePredicate field="x2" operator="greaterThan" value="0"/>
 <ComplexPartialScore><Apply function="*"><FieldRef field="x2"/><Constant>3</Constant>
 </Apply></ComplexPartialScore></Attribute>
 <Attribute partialScore="0"><True/></Attribute></Characteristic>
</Characteristics></Scorecard>""")
SCORECARD_ABOVE = SCORECARD.replace("pointsBelow", "pointsAbove")
