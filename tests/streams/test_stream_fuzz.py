"""Fuzzing with mutated real inputs: whatever the bytes, the only outcome besides success is
StreamReadError, and the decoder's caps on items, text and position hold."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from helpers.fibuild import encode
from helpers.streams import FIXTURES, REAL_STREAMS, made_up_stream
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmdesk.streams.describe import describe
from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.modeler.fastinfoset import FastInfosetError, Limits, _Decoder


def _seeds() -> list[tuple[bytes, bytes]]:
    """(stream XML member, whole .str) pairs: the real streams when present."""
    seeds: list[tuple[bytes, bytes]] = []
    for name in REAL_STREAMS:
        path = FIXTURES / name
        if path.is_file():
            whole = path.read_bytes()
            with zipfile.ZipFile(io.BytesIO(whole)) as zf:
                name_ = next(n for n in zf.namelist() if n.endswith(".xml") and "/" not in n)
                seeds.append((zf.read(name_), whole))
    if not seeds:  # no ../shared checkout: fuzz a made-up stream instead
        member = encode(made_up_stream())
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("s.xml", member)
        seeds.append((member, buf.getvalue()))
    return seeds


SEEDS = _seeds()
LIMITS = Limits(max_depth=64, max_items=100_000, max_chars=1_000_000)

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("set"), st.integers(0, 10**6), st.sampled_from([0x00, 0x7F, 0x80, 0xF0, 0xFF,
                                                                      0x3C, 0x78, 0xE1, 0xC4])),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 64)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("repeat"), st.integers(0, 10**6), st.integers(1, 200)),
)


def mutate(data: bytes, ops: list[tuple[str, int, object]]) -> bytes:
    out = bytearray(data)
    for op, where, arg in ops:
        if not out:
            break
        i = where % len(out)
        n = arg if isinstance(arg, int) else 0
        if op == "flip":
            out[i] ^= n
        elif op == "set":
            out[i] = n
        elif op == "delete":
            del out[i:i + n]
        elif op == "insert" and isinstance(arg, bytes):
            out[i:i] = arg
        elif op == "truncate":
            del out[i:]
        elif op == "repeat":
            out[i:i] = out[i:i + n]
    return bytes(out)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, len(SEEDS) - 1), ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_fast_infoset(seed: int, ops: list[tuple[str, int, object]]) -> None:
    data = mutate(SEEDS[seed][0], ops)
    decoder = _Decoder(data, LIMITS)
    try:
        decoder.document()
    except FastInfosetError as exc:
        assert "Fast Infoset" in str(exc)
    assert decoder.pos <= len(data)
    assert decoder.items <= LIMITS.max_items + 1
    assert decoder.chars <= LIMITS.max_chars + len(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, len(SEEDS) - 1), ops=st.lists(mutation, min_size=1, max_size=3))
def test_mutated_str_file(seed: int, ops: list[tuple[str, int, object]]) -> None:
    data = mutate(SEEDS[seed][1], ops)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.str"
        path.write_bytes(data)
        try:
            info = describe(path)
        except StreamReadError as exc:
            assert str(exc)
            return
    ids = {n.id for n in info.nodes}
    assert all(a in ids and b in ids for a, b in info.links)
    assert info.scoring_terminal is None or info.scoring_terminal in ids


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, len(SEEDS) - 1), ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_member_inside_a_valid_zip(seed: int, ops: list[tuple[str, int, object]]) -> None:
    member = mutate(SEEDS[seed][0], ops)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.str"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("stream.xml", member)
        try:
            describe(path)
        except StreamReadError as exc:
            assert str(exc)


@pytest.mark.fixtures
def test_fuzz_uses_real_streams() -> None:
    if not (FIXTURES / REAL_STREAMS[0]).is_file():
        pytest.skip(f"real Modeler streams not found in {FIXTURES}")
    assert len(SEEDS) == 3 and all(member[:4] == b"\xe0\x00\x00\x01" for member, _ in SEEDS)
