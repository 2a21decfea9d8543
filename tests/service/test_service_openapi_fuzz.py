"""Requests generated from /openapi.json never reach a 500 or an undocumented status.

Schemathesis builds requests (valid and, in its negative mode, invalid) for every
operation of the service's own OpenAPI document and sends them to a real `pmdesk serve`
(issue 11: "0 server errors and 0 undocumented status codes"). Half of them carry the
valid access key, so the calls get past the 401; the rest show that the key check itself
answers as documented. Bounded: a few dozen examples per operation, well under a minute.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers.server import LiveServer

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EXAMPLES = 40


def test_no_generated_request_reaches_a_500_or_an_undocumented_code(
        shared_server: LiveServer) -> None:
    schema = schemathesis.openapi.from_url(f"{shared_server.url}/openapi.json")
    checks = [schemathesis.checks.not_a_server_error,
              schemathesis.checks.status_code_conformance]
    problems: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operations += 1
        _fuzz(result.ok(), shared_server, checks, problems)
    assert operations >= 14
    assert problems == []


def _fuzz(operation: Any, server: LiveServer, checks: list[Any], problems: list[str]
      ) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=st.one_of(operation.as_strategy(schemathesis.GenerationMode.POSITIVE),
                          operation.as_strategy(schemathesis.GenerationMode.NEGATIVE)),
           with_key=st.booleans())
    def run(case: Any, with_key: bool) -> None:
        if with_key:
            case.query = {**(case.query or {}), "accesskey": server.key}
        try:
            case.call_and_validate(base_url=server.url, checks=checks,
                                   timeout=30)
        except AssertionError as exc:  # schemathesis' failure: collect, go on
            problems.append(f"{operation.label}: {str(exc)[:600]}")
            raise

    try:
        run()
    except AssertionError:
        pass
