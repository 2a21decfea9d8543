"""The one redaction rule: keys in query strings and given secrets become the one mask."""

from __future__ import annotations

from pmdesk.api.models import MASK
from pmdesk.api.redact import redact


def test_keys_and_secrets_are_masked_with_the_api_mask() -> None:
    text = "GET /pm/v1/file?accesskey=k3y&x=1 failed: password 'hunter2' refused (hunter2x)"
    out = redact(text, ["hunter2", None, ""])
    assert "k3y" not in out and "hunter2" not in out
    assert f"accesskey={MASK}&x=1" in out
    assert out.count(MASK) == 3


def test_a_longer_secret_is_masked_whole() -> None:
    assert redact("abcdef", ["abc", "abcdef"]) == MASK
