"""--seed-samples: the engine's sample streams in every instance of a fresh data dir.

Runs once per data dir (a marker file), so a user who deleted the samples does not get
them back at the next start.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmdesk.service.state import Service

log = logging.getLogger("pmdesk.service.seed")

MARKER = "samples-seeded"
STREAM_SUFFIXES = (".str", ".pmstream")


def seed_samples(service: Service) -> int:
    data_dir = service.config.data_dir
    marker = data_dir / MARKER
    if marker.exists():
        return 0
    from pmdesk.engine.samples import write_samples

    sample_dir = data_dir / "samples"
    paths = [Path(p) for p in write_samples(sample_dir)]
    streams = [p for p in paths if p.is_file() and p.name.lower().endswith(STREAM_SUFFIXES)]
    count = 0
    for inst in service.instances.all():
        for path in streams:
            fd, temp = service.files.temp_file(inst)
            os.close(fd)
            shutil.copyfile(path, temp)
            service.files.commit(inst, temp, path.name)
            count += 1
    marker.write_text("the sample streams were stored once; delete this file to seed again\n")
    log.info("seeded %d sample stream(s) into %d instance(s)", len(streams),
             len(service.instances.all()))
    return count
