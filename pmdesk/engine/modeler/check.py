"""Which nodes of a Modeler stream a job runs, and whether PMDesk can run every one of them.

Called twice with the same answer: at submit (the service turns the problems into a 400
before any data is read) and at the start of the run. A job never runs a branch with a
node it would have to skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmdesk.api.models import Action, JobDefinition
from pmdesk.streams.modeler.plan import Plan, Step

SOURCE = ("source",)
OUTPUTS = ("table", "analysis", "matrix")
TERMINALS = ("table", "export", "analysis", "matrix")


@dataclass
class Branch:
    """The nodes feeding one terminal, upstream first (an Append joins several sources);
    `export` is the job's export name."""

    terminal: Step
    steps: list[Step]  # in data-flow order, the terminal last
    export: str | None = None

    @property
    def sources(self) -> list[Step]:
        return [s for s in self.steps if s.kind == "source"]


class JobProblem(Exception):
    """What keeps the job from running this stream, in words for the person who wrote it."""


def _names(steps: list[Step]) -> str:
    shown = sorted(dict.fromkeys(f"{s.label!r} (id {s.id})" for s in steps))
    return ", ".join(shown) if shown else "(none)"


def _pick(plan: Plan, name: str, kinds: tuple[str, ...], what: str,
          within: list[str] | None = None) -> Step:
    hits = plan.find(name, kinds, within)
    if not hits:
        refused = [r for r in plan.refused.values() if name in (r.id, r.label)]
        if refused:
            raise JobProblem(refused[0].message())
        have = [s for s in plan.steps.values() if s.kind in kinds]
        raise JobProblem(f"stream {plan.name!r} has no {what} node {name!r}; its {what} "
                         f"nodes are: {_names(have)}")
    if len(hits) > 1:
        raise JobProblem(
            f"{len(hits)} {what} nodes of stream {plan.name!r} are labelled {name!r}: name "
            f"one by its id ({', '.join(s.id for s in hits)}; `pmdesk stream-info` lists them)"
        )
    return hits[0]


def _partial_outer(step: Step, inputs: int) -> str:
    """A partial outer join of two inputs as the join it is: the records of the inputs it
    marks outer (`outer_join_tag`, by input number) are kept without a match."""
    outer = step.props.get("outer", [])
    if inputs != 2:
        raise JobProblem(f"node {step.label!r} ({step.type}, id {step.id}) cannot run: a "
                         f"partial outer join of {inputs} inputs is not supported (of two is)")
    if any(tag not in ("1", "2") for tag in outer):
        raise JobProblem(f"node {step.label!r} ({step.type}, id {step.id}) cannot run: its "
                         f"outer inputs {', '.join(outer)} are not input 1 or 2")
    return {(): "inner", ("1",): "left", ("2",): "right"}.get(
        tuple(sorted(set(outer))), "fullouter")


def branch_to(plan: Plan, terminal: Step) -> Branch:
    """The nodes feeding `terminal`; JobProblem naming the first node PMDesk cannot run."""
    order: list[Step] = []
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(node_id: str) -> None:
        if node_id in done:
            return
        if node_id in visiting:
            raise JobProblem(f"the links of stream {plan.name!r} form a cycle through "
                             f"node id {node_id}")
        visiting.add(node_id)
        if node_id in plan.refused:
            raise JobProblem(plan.refused[node_id].message())
        step = plan.steps[node_id]
        ups = plan.inputs_of(node_id)
        if step.kind == "source" and ups:
            raise JobProblem(f"source node {step.label!r} has an input link")
        if step.kind not in ("source", "append", "merge") and len(ups) > 1:
            raise JobProblem(f"node {step.label!r} ({step.type}) joins {len(ups)} branches; "
                             "PMDesk joins branches only with Append and Merge nodes")
        if step.kind == "merge" and step.props.get("join") == "partialouter":
            step.props["join"] = _partial_outer(step, len(ups))
        if step.kind != "source" and not ups:
            raise JobProblem(f"node {terminal.label!r} is not connected to a source node (its "
                             f"branch starts at {step.type} node {step.label!r})")
        if step is not terminal and step.kind in ("builder", *TERMINALS):
            raise JobProblem(f"node {step.label!r} ({step.type}) cannot sit inside a branch")
        for up in ups:
            visit(up)
        visiting.discard(node_id)
        done.add(node_id)
        order.append(step)

    visit(terminal.id)
    if terminal.kind == "source":
        raise JobProblem(f"node {terminal.label!r} is a source, not a terminal")
    return Branch(terminal, order)


def plan_branches(plan: Plan, definition: JobDefinition) -> list[Branch]:
    """The branches the job runs, each checked end to end (JobProblem otherwise)."""
    action = definition.action
    if action in (Action.TRAINING, Action.AUTO_REFRESH):
        raise JobProblem(
            f"{action.value} on an SPSS Modeler stream (.str) is not supported: PMDesk scores "
            "and evaluates the nuggets a .str holds but does not retrain them; run "
            f"{action.value} in Modeler, or use an open-format stream (.pmstream)"
        )
    if action is Action.RUN_STREAM:
        raise JobProblem("RUN_STREAM on an SPSS Modeler stream (.str) is not supported: use "
                         "BATCH_SCORE or EVALUATION")
    branches: list[Branch] = []
    if action is Action.BATCH_SCORE:
        scoring = plan.info.scoring_terminal
        for export in definition.setting.exports:
            within = plan.upstream(scoring) if scoring else None
            terminal = _pick(plan, export.node, TERMINALS, "terminal", within)
            branch = branch_to(plan, terminal)
            branch.export = export.node
            branches.append(branch)
    else:  # EVALUATION: every output node reachable from the job's inputs
        reachable: list[str] = []
        for item in definition.setting.inputs:
            source = _pick(plan, item.node, SOURCE, "source")
            reachable += [n for n in plan.downstream(source.id) if n not in reachable]
        outputs = [plan.steps[n] for n in reachable
                   if n in plan.steps and plan.steps[n].kind in OUTPUTS]
        refused = [plan.refused[n] for n in reachable if n in plan.refused]
        if refused:
            raise JobProblem(refused[0].message())
        if not outputs:
            raise JobProblem(f"no output node (Table, Analysis, Matrix) of stream "
                             f"{plan.name!r} is reachable from the job's inputs")
        branches = [branch_to(plan, s) for s in outputs]
    used = [s.id for b in branches for s in b.sources]
    for item in definition.setting.inputs:
        _pick(plan, item.node, SOURCE, "source", used)
    for branch in branches:
        for source in branch.sources:
            if not any(i.node in (source.id, source.label) for i in definition.setting.inputs):
                raise JobProblem(
                    f"source node {source.label!r} (id {source.id}) feeds "
                    f"{branch.terminal.label!r} but the job has no input for it; add one to "
                    "setting.inputs"
                )
    return branches


def input_for(definition: JobDefinition, source: Step) -> tuple[str, str]:
    """(dbRef, table) of the job input naming this source by id or label."""
    for item in definition.setting.inputs:
        if item.node in (source.id, source.label):
            return item.odbc.dbRef, item.odbc.table
    raise JobProblem(f"the job has no input for source node {source.label!r}")  # checked


def submit_problems(path: Path, definition: JobDefinition) -> list[str]:
    """Why the job cannot run this stream, checked before it is stored (empty: it can).

    Only Modeler streams are checked here; an unreadable or open-format file is left to
    the checks that already describe those.
    """
    from pmdesk.streams.describe import is_open_format
    from pmdesk.streams.errors import StreamReadError
    from pmdesk.streams.modeler.plan import read_plan

    if not path.is_file() or is_open_format(path):
        return []
    try:
        plan = read_plan(path)
    except StreamReadError:
        return []
    try:
        branches = plan_branches(plan, definition)
        check_models(plan, branches)
    except JobProblem as exc:
        return [str(exc)]
    return []


def check_models(plan: Plan, branches: list[Branch]) -> None:
    """Every nugget and Auto Data Prep document in the branches loads (JobProblem if not)."""
    from pmdesk.engine.pmml import ModelError, load_model, load_transformations

    done: set[str] = set()
    for branch in branches:
        for step in branch.steps:
            if step.id in done or step.kind not in ("nugget", "adp"):
                continue
            done.add(step.id)
            try:
                if step.kind == "nugget":
                    model = load_model(step.props["pmml"])
                    if step.props.get("raw_propensity"):  # $SRP-Churn: the nugget asks
                        model.add_raw_propensity(**step.props["raw_propensity"])
                    for extra in step.props.get("probabilities", []):  # $SP-Yes, $SP-No
                        model.add_probability(**extra)
                else:
                    load_transformations(step.props["pmml"])
            except ModelError as exc:
                what = "model nugget" if step.kind == "nugget" else "Auto Data Prep node"
                raise JobProblem(f"{what} {step.label!r} ({step.type}, id {step.id}) cannot "
                                 f"run: its PMML is not supported ({exc})") from None


def position_dependent(branch: Branch) -> list[Step]:
    """The steps of a branch whose rows depend on where each record sits in the job's whole
    input: a Sample (first N, one in N), a Partition keyed by record position and a
    Balance. Scoring row ranges separately would restart their count in every range."""
    return [s for s in branch.steps if s.kind in ("sample", "balance")
            or (s.kind == "partition" and not s.props.get("unique_field"))]


def whole_job_reason(definition: JobDefinition, stream_path: Path) -> str | None:
    """Why a BATCH_SCORE job on this stream must not be split into row ranges (None: it
    may be). Every Modeler stream runs whole for now, since the split path
    (engine/partitioned.py) runs open-format branches only; should it learn Modeler
    branches, those with a `position_dependent` step must still run whole, in one pass."""
    from pmdesk.engine.run import _modeler_plan

    try:
        plan = _modeler_plan(Path(stream_path))
    except Exception:  # an unreadable stream: the whole run reports it
        return "the stream cannot be read"
    if plan is None:
        return None  # the open format has no position-dependent nodes
    try:
        branches = plan_branches(plan, definition)
    except JobProblem:
        return "the job does not fit the stream (the whole run says why)"
    for branch in branches:
        for step in position_dependent(branch):
            return (f"node {step.label!r} ({step.type}) picks records by their position in "
                    "the whole input")
    return "the split path runs open-format streams only"
