"""SupportVectorMachineModel scoring: kernel matrices per block of rows.

The kernel between the chunk and every support vector of the VectorDictionary is one matrix
product (RBF via the |x|^2 + |v|^2 - 2 x.v identity), computed for blocks of rows so memory
stays flat; each SupportVectorMachine then takes its own vectors' columns.

Sign convention: PMML says a decision value below the threshold picks ``targetCategory``.
SPSS Modeler writes its nuggets for the opposite reading (its own Platt-scaling extension,
``ProbabilityParameter`` with a negative A, agrees, and so do the training labels: 85% right
against 15% on IBM's telco sample), so documents written by SPSS are read the SPSS way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only

import numpy as np

from .errors import ModelError
from .expressions import Env
from .parse import number, required
from .prediction import Prediction, class_order, from_probabilities

_BLOCK_CELLS = 4_000_000  # kernel cells per block of rows: 32 MB of float64, whatever m
_KERNELS = ("LinearKernelType", "PolynomialKernelType", "RadialBasisKernelType",
            "SigmoidKernelType")


def _array(element: ET.Element, size: int) -> np.ndarray:
    sparse = element.find("REAL-SparseArray")
    if sparse is None:
        sparse = element.find("INT-SparseArray")
    if sparse is not None:
        out = np.zeros(size)
        indices = (sparse.findtext("Indices") or "").split()
        entries = (sparse.findtext("REAL-Entries") or sparse.findtext("INT-Entries") or "").split()
        if len(indices) != len(entries):
            raise ModelError("a sparse support vector has unequal Indices and Entries")
        for index, entry in zip(indices, entries, strict=True):
            position = int(index) - 1
            if not 0 <= position < size:
                raise ModelError(f"a sparse support vector index {index} is out of range")
            out[position] = float(entry)
        return out
    dense = element.find("Array")
    if dense is None:
        raise ModelError("a VectorInstance holds no Array or REAL-SparseArray")
    values = [float(v) for v in (dense.text or "").split()]
    if len(values) != size:
        raise ModelError(f"a VectorInstance has {len(values)} values for {size} VectorFields")
    return np.array(values)


def _is_spss_machine(machine: ET.Element) -> bool:
    return any(e.get("extender") == "spss.com" for e in machine.findall("Extension"))


class SvmEvaluator:
    def __init__(self, model: ET.Element, classification: bool, declared: tuple[str, ...],
                 spss: bool) -> None:
        self.classification = classification
        kernel = next((c for c in model if c.tag in _KERNELS), None)
        if kernel is None:
            raise ModelError("the SupportVectorMachineModel has no supported kernel "
                             f"({', '.join(_KERNELS)})")
        self.kernel = kernel.tag
        self.gamma = number(kernel, "gamma", 1.0)
        self.coef0 = number(kernel, "coef0", 1.0)
        self.degree = number(kernel, "degree", 1.0)
        self.method = model.get("classificationMethod", "OneAgainstAll")
        self.max_wins = model.get("maxWins", "false") == "true"
        default_threshold = number(model, "threshold", 0.0)
        representation = model.get("svmRepresentation", "SupportVectors")
        dictionary = model.find("VectorDictionary")
        if dictionary is None:
            raise ModelError("the SupportVectorMachineModel has no VectorDictionary")
        fields = dictionary.find("VectorFields")
        if fields is None:
            raise ModelError("the VectorDictionary has no VectorFields")
        self.fields: list[tuple[str, str | None, float]] = []
        for item in fields:
            if item.tag == "FieldRef":
                self.fields.append((required(item, "field"), None, 1.0))
            elif item.tag == "CategoricalPredictor":
                self.fields.append((required(item, "name"), required(item, "value"),
                                    number(item, "coefficient", 1.0)))
            elif item.tag != "Extension":
                raise ModelError(f"VectorFields entry <{item.tag}> is not supported")
        size = len(self.fields)
        ids: dict[str, int] = {}
        vectors: list[np.ndarray] = []
        for instance in dictionary.findall("VectorInstance"):
            ids[required(instance, "id")] = len(vectors)
            vectors.append(_array(instance, size))
        self.vectors = np.array(vectors) if vectors else np.zeros((0, size))
        self.norms = (self.vectors**2).sum(axis=1)
        machines = model.findall("SupportVectorMachine")
        if not machines:
            raise ModelError("the SupportVectorMachineModel has no SupportVectorMachine")
        self.machines: list[tuple[np.ndarray, np.ndarray, float, float]] = []
        self.linear: list[np.ndarray] = []
        targets: list[str | None] = []
        alternates: list[str | None] = []
        for machine in machines:
            coefficients = machine.find("Coefficients")
            if coefficients is None:
                raise ModelError("a SupportVectorMachine has no Coefficients")
            alphas = np.array([number(c, "value") for c in coefficients.findall("Coefficient")])
            intercept = number(coefficients, "absoluteValue", 0.0)
            threshold = number(machine, "threshold", default_threshold)
            if representation == "Coefficients":
                if alphas.size != size:
                    raise ModelError("a Coefficients-represented SVM needs one Coefficient "
                                     "per VectorField")
                self.machines.append((np.zeros(0, dtype=np.int64), alphas, intercept, threshold))
            else:
                block = machine.find("SupportVectors")
                refs = [] if block is None else [required(v, "vectorId")
                                                 for v in block.findall("SupportVector")]
                unknown = [r for r in refs if r not in ids]
                if unknown:
                    raise ModelError(f"SupportVector {unknown[0]!r} is not in the "
                                     "VectorDictionary")
                if len(refs) != alphas.size:
                    raise ModelError("a SupportVectorMachine has not one Coefficient per "
                                     "SupportVector")
                self.machines.append((np.array([ids[r] for r in refs], dtype=np.int64), alphas,
                                      intercept, threshold))
            targets.append(machine.get("targetCategory"))
            alternates.append(machine.get("alternateTargetCategory"))
        self.representation = representation
        # every machine's coefficients as one (vectors x machines) matrix: one product
        self.alphas = np.zeros((len(self.vectors), len(self.machines)))
        for j, (index, weights, _, _) in enumerate(self.machines):
            if representation != "Coefficients":
                np.add.at(self.alphas[:, j], index, weights)
        self.spss = spss or any(_is_spss_machine(m) for m in machines)
        self.platt: tuple[float, float] | None = None
        if classification:
            self._classes(machines, targets, alternates, declared)

    def _classes(self, machines: list[ET.Element], targets: list[str | None],
                 alternates: list[str | None], declared: tuple[str, ...]) -> None:
        if any(t is None for t in targets):
            raise ModelError("a classification SupportVectorMachine lacks its targetCategory")
        found: list[str] = []
        for label in [*targets, *alternates]:
            if label is not None and label not in found:
                found.append(label)
        self.classes = class_order(declared, found)
        self.targets = [str(t) for t in targets]
        self.alternates = alternates
        self.binary = len(machines) == 1 and alternates[0] is not None
        if self.method == "OneAgainstOne" and any(a is None for a in alternates):
            raise ModelError("OneAgainstOne SupportVectorMachines need alternateTargetCategory")
        if self.binary:
            for extension in machines[0].findall("Extension"):
                parameter = extension.find("ProbabilityParameter")
                if parameter is not None:
                    self.platt = (number(parameter, "paramA"), number(parameter, "paramB"))

    def _matrix(self, env: Env) -> np.ndarray:
        columns = []
        for name, category, coefficient in self.fields:
            values = env.get(name, "VectorFields")
            if category is None:
                columns.append(env.numeric(name, "VectorFields"))
                continue
            if values.dtype == object:
                hit = np.asarray(values == category, dtype=np.float64)
            else:
                hit = np.asarray(values == float(category), dtype=np.float64)
            hit[env.mask(name, "VectorFields")] = np.nan
            columns.append(hit * coefficient)
        return np.column_stack(columns) if columns else np.zeros((env.n, 0))

    def _kernel(self, x: np.ndarray) -> np.ndarray:
        """Kernel of each row with each dictionary vector, computed in place."""
        k = x @ self.vectors.T
        if self.kernel == "LinearKernelType":
            return k
        if self.kernel == "RadialBasisKernelType":
            k *= -2.0
            k += (x * x).sum(axis=1)[:, None]
            k += self.norms[None, :]
            np.maximum(k, 0.0, out=k)
            k *= -self.gamma
            return np.exp(k, out=k)
        k *= self.gamma
        k += self.coef0
        if self.kernel == "PolynomialKernelType":
            return np.power(k, self.degree, out=k)
        return np.tanh(k, out=k)

    def decisions(self, env: Env) -> np.ndarray:
        """Decision value of each machine for each row (rows x machines)."""
        x = self._matrix(env)
        intercepts = np.array([m[2] for m in self.machines])
        if self.representation == "Coefficients":
            weights = np.column_stack([m[1] for m in self.machines])
            return x @ weights + intercepts
        out = np.empty((env.n, len(self.machines)))
        block = max(64, _BLOCK_CELLS // max(1, len(self.vectors)))
        for start in range(0, env.n, block):
            out[start:start + block] = self._kernel(x[start:start + block]) @ self.alphas
        out += intercepts
        return out

    def predict(self, env: Env) -> Prediction:
        f = self.decisions(env)
        if not self.classification:
            return Prediction(value=f[:, 0])
        undefined = np.isnan(f).any(axis=1)
        thresholds = np.array([m[3] for m in self.machines])
        if self.binary:
            first = self.classes.index(self.targets[0])
            second = self.classes.index(str(self.alternates[0]))
            below = f[:, 0] < thresholds[0]
            picks_target = ~below if self.spss else below
            probs = np.zeros((env.n, len(self.classes)))
            if self.platt is not None:
                a, b = self.platt
                with np.errstate(over="ignore"):
                    p = 1.0 / (1.0 + np.exp(a * f[:, 0] + b))
                probs[:, first], probs[:, second] = p, 1.0 - p
            else:
                probs[:, first] = picks_target
                probs[:, second] = ~picks_target
            labels = np.array(self.classes, dtype=object)
            value = np.where(picks_target, labels[first], labels[second]).astype(object)
            value[undefined] = None
            probs[undefined] = np.nan
            return Prediction(value=value, classes=self.classes, probabilities=probs)
        votes = np.zeros((env.n, len(self.classes)))
        if self.method == "OneAgainstOne":
            for j in range(len(self.machines)):
                below = f[:, j] < thresholds[j]
                wins_target = ~below if self.spss else below
                votes[:, self.classes.index(self.targets[j])] += wins_target
                votes[:, self.classes.index(str(self.alternates[j]))] += ~wins_target
            probs = votes / len(self.machines)
            result = from_probabilities(probs, self.classes)
        else:
            scores = np.full((env.n, len(self.classes)), np.inf if not self.max_wins
                             else -np.inf)
            for j in range(len(self.machines)):
                scores[:, self.classes.index(self.targets[j])] = f[:, j]
            best = np.argmax(scores, axis=1) if self.max_wins else np.argmin(scores, axis=1)
            probs = np.zeros((env.n, len(self.classes)))
            probs[np.arange(env.n), best] = 1.0
            result = from_probabilities(probs, self.classes)
        result.value[undefined] = None
        if result.probabilities is not None:
            result.probabilities[undefined] = np.nan
        return result
