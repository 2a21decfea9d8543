"""The pipe between a cluster worker and its job process carries pickles of our own making;
`child.loads` rebuilds plain values and WorkerTask only, never another class or function."""

from __future__ import annotations

import os
import pickle

import pytest

from pmdesk.service.executors.child import loads
from pmdesk.service.worker import WorkerTask


def test_messages_hold_plain_values_and_tasks_only() -> None:
    task = WorkerTask("j1", {"action": "BATCH_SCORE"}, {}, "data", "s.str", "run")
    assert loads(pickle.dumps(task)) == task
    outcome = ("done", b"PK\x03\x04", None, 0.5, [1, 2], {"rows": 3})
    assert loads(pickle.dumps(outcome)) == outcome
    # a crafted message (what a corrupted pipe could hold) names a function: refused
    with pytest.raises(pickle.UnpicklingError, match="may not hold"):
        loads(pickle.dumps((os.system, ("true",))))
