"""Issue 14 item 7: zh-TW wording (已完成 for the filter, 工作 for "job" everywhere in the
shell) and local times instead of raw ISO timestamps in failure messages. A job's
failure message with a timestamp comes from a real `pmdesk serve` stopped mid-job."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pmdesk.api.models import JobDefinition, JobState

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def test_zh_tw_catalogue_says_job_one_way() -> None:
    tree = ET.parse(ROOT / "resources" / "translations" / "pmdesk_zh_TW.ts")
    translations = [m.findtext("translation") or "" for m in tree.getroot().iter("message")]
    assert not [t for t in translations if "作業" in t]
    assert sum("工作" in t for t in translations) > 20


def test_zh_tw_window_and_local_times(qtbot: Any, window_on: Any, server_factory: Any,
                                      tmp_path: Path) -> None:
    from pmdesk.desktop.i18n import install_translators
    from pmdesk.desktop.jobs_model import COLUMNS
    from pmdesk.engine.samples import drug_stream, train_sample, write_samples
    from pmdesk.streams import openformat as of

    server = server_factory(extra_args=["--workers", "1"])
    samples = tmp_path / "s"
    write_samples(samples)
    slow = of.save_stream(train_sample(drug_stream(sleep=60)), tmp_path / "slow.pmstream")
    client = server.client()
    client.upload_file("slow.pmstream", Path(slow))
    data = json.loads((samples / "RUN_STREAM.json").read_text(encoding="utf-8"))
    data["model"]["id"] = "slow.pmstream"
    client.submit_job("cut-1", JobDefinition.parse(data))
    install_translators("zh_TW")
    try:
        window = window_on(server)
        panel = window.jobs
        assert panel.filter_combo.findText("已完成") > 0
        assert panel.model.headerData(COLUMNS.index("finished"),
                                      Qt.Orientation.Horizontal) == "完成時間"
        assert window.tabs.tabText(0) == "工作"

        def state() -> JobState | None:
            row = panel.model.row_of("cut-1")
            job = panel.model.job(row) if row is not None else None
            return job.status.jobStatus if job and job.status else None

        qtbot.waitUntil(lambda: state() == JobState.RUNNING, timeout=60_000)
        server.restart()  # the job is cut: FAILED, with the time the service stopped
        qtbot.waitUntil(lambda: state() == JobState.FAILED, timeout=60_000)
        message = client.job_status("cut-1").message or ""
        assert ISO.search(message), message  # the server speaks ISO 8601 (UTC)
        row = panel.model.row_of("cut-1")
        shown = panel.model.data(panel.model.index(row, COLUMNS.index("message")))
        assert shown and not ISO.search(shown)
        tip = panel.model.data(panel.model.index(row, COLUMNS.index("status")),
                               Qt.ItemDataRole.ToolTipRole)
        assert tip and not ISO.search(tip)
        window.close()
    finally:
        install_translators("en")
        client.close()
