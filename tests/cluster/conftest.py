"""The cluster tests' fixtures: a real loopback Dask cluster (tests/helpers/cluster.py) and
the live servers of tests/helpers/server.py."""

from __future__ import annotations

import pytest
from helpers.server import *  # noqa: F403  (server_factory, engine_samples fixtures)

pytest.importorskip("distributed", reason="the cluster extra is not installed")

from helpers.cluster import cluster_factory  # noqa: F401  (a fixture)
