"""The containers Modeler stores model nuggets in, and the PMML inside them.

A `.str` keeps each nugget's documents in `data/NNNN.dat` members, in one of several
wrappings seen across Modeler versions: an `SCF` container (zlib chunks, each starting with a
`mimeType=.../typeId=...` header), a zip (optionally behind a 4-byte big-endian length) whose
`.meta` names the MIME type, or the document as plain XML (optionally behind a 4-byte
big-endian length, as the SVM nugget of IBM's customer-satisfaction sample has it).
Everything here is bounded: each inflation is capped, and a wrapping that does not add up
is a `StreamReadError`.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from pmdesk.streams.errors import StreamReadError

SCF_MAGIC = b"SCF"
MAX_PAYLOAD = 64 * 1024 * 1024  # one inflated document
MAX_ENTRIES = 4096
_ZIP_LOCAL = b"PK\x03\x04"
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


@dataclass(frozen=True)
class Entry:
    """One document in a nugget container."""

    mime_type: str | None
    type_id: str | None
    content: bytes


def inflate(data: bytes, cap: int = MAX_PAYLOAD, raw: bool = False) -> tuple[bytes, bytes]:
    """Inflates one zlib (or raw deflate) stream; returns (payload, bytes after the stream).

    Accepts a stream that was only sync-flushed (no final block), which is how SCF chunks end.
    """
    d = zlib.decompressobj(-15 if raw else 15)
    try:
        out = d.decompress(data, cap + 1)
    except zlib.error as exc:
        raise StreamReadError(f"corrupt compressed data ({exc})") from None
    if len(out) > cap or d.unconsumed_tail:
        raise StreamReadError(
            f"compressed data expands beyond {cap // (1024 * 1024)} MB (a zip bomb?)"
        )
    return out, d.unused_data


def _inflate_until_end(data: bytes, start: int, cap: int) -> tuple[bytes, int]:
    """Raw deflate of unknown length (a member followed by a data descriptor), fed in slices
    so that finding its end never copies the rest of the container."""
    d = zlib.decompressobj(-15)
    out = bytearray()
    pos = start
    view = memoryview(data)
    step = 65536
    try:
        while not d.eof:
            if pos >= len(data):
                raise StreamReadError("zip container inside the stream is truncated")
            piece = view[pos:pos + step]
            out += d.decompress(piece, cap + 1 - len(out))
            if len(out) > cap or d.unconsumed_tail:
                raise StreamReadError(
                    f"compressed data expands beyond {cap // (1024 * 1024)} MB (a zip bomb?)"
                )
            pos += len(piece) - len(d.unused_data)
    except zlib.error as exc:
        raise StreamReadError(f"corrupt compressed data ({exc})") from None
    return bytes(out), pos


def read_scf(data: bytes, cap: int = MAX_PAYLOAD) -> list[Entry]:
    """SCF: `SCF`, a version octet, 8 octets of header, then (compressed length, inflated
    length, zlib data) chunks with big-endian 32-bit lengths."""
    if not data.startswith(SCF_MAGIC) or len(data) < 12:
        raise StreamReadError("not an SCF container (too short or no SCF signature)")
    entries: list[Entry] = []
    pos = 12
    total = 0
    while pos + 8 <= len(data):
        clen, ulen = struct.unpack(">II", data[pos:pos + 8])
        pos += 8
        if clen == 0 or clen > len(data) - pos:
            raise StreamReadError(f"SCF chunk at byte {pos - 8} runs past the end (truncated)")
        if ulen > cap or total + ulen > cap * 4:
            raise StreamReadError(f"SCF chunk at byte {pos - 8} is too large ({ulen} bytes)")
        payload, _ = inflate(data[pos:pos + clen], cap=ulen)
        if len(payload) != ulen:
            raise StreamReadError(f"SCF chunk at byte {pos - 8} inflates to the wrong size")
        total += ulen
        pos += clen
        entry = _with_header(payload)
        if entry is not None:
            entries.append(entry)
        if len(entries) > MAX_ENTRIES:
            raise StreamReadError("SCF container with too many entries")
    return entries


def _with_header(payload: bytes) -> Entry | None:
    """Splits `...mimeType=X\\ntypeId=Y` + content; index chunks (header only) give None."""
    at = payload.find(b"mimeType=", 0, 512)
    if at < 0:
        return Entry(None, None, payload)
    declared = int.from_bytes(payload[at - 2:at], "big") if at >= 2 else 0
    end = at + declared
    header = payload[at:end] if 0 < declared <= 400 and end <= len(payload) else b""
    if not header.count(b"\n") == 1 or not header.split(b"\n")[1].startswith(b"typeId="):
        nl = payload.find(b"\n", at)
        stop = payload.find(b"<", nl) if nl >= 0 else -1
        end = stop if stop >= 0 else len(payload)
        header = payload[at:end]
    fields = dict(
        line.split("=", 1) for line in header.decode("utf-8", "replace").splitlines()
        if "=" in line
    )
    if at > 4 and payload[:4] != b"\x00\x00\x00\x00":  # an index chunk listing the entries
        return None
    return Entry(fields.get("mimeType"), fields.get("typeId"), payload[end:])


def zip_members(data: bytes, cap: int = MAX_PAYLOAD) -> Iterator[tuple[str, bytes]]:
    """Walks local file headers, which also copes with the odd extra fields Java writes."""
    pos = data.find(_ZIP_LOCAL)
    count = 0
    total = 0
    while 0 <= pos and pos + 30 <= len(data):
        (_, _, flags, method, _, _, _, csize, usize, nlen, elen) = struct.unpack(
            "<IHHHHHIIIHH", data[pos:pos + 30]
        )
        start = pos + 30 + nlen + elen
        if start > len(data):
            raise StreamReadError("zip container inside the stream is truncated")
        name = data[pos + 30:pos + 30 + nlen].decode("utf-8", "replace")
        if method == 8 and not flags & 0x08 and csize:
            if start + csize > len(data):
                raise StreamReadError("zip container inside the stream is truncated")
            content, _ = inflate(data[start:start + csize], cap=cap, raw=True)
            nxt = start + csize
        elif method == 8:
            content, nxt = _inflate_until_end(data, start, cap)
        elif method == 0 and not flags & 0x08:
            if start + csize > len(data):
                raise StreamReadError("zip container inside the stream is truncated")
            content, nxt = data[start:start + csize], start + csize
        else:
            raise StreamReadError(f"zip member {name!r} uses an unsupported compression")
        total += len(content)
        count += 1
        if count > MAX_ENTRIES or total > cap * 4:
            raise StreamReadError("zip container inside the stream is too large (a zip bomb?)")
        del usize  # sizes in the local header are zero when a data descriptor follows
        yield name, content
        pos = data.find(_ZIP_LOCAL, nxt)


def entries(data: bytes, cap: int = MAX_PAYLOAD) -> list[Entry]:
    """The documents of any nugget member wrapping, best effort."""
    if data.startswith(SCF_MAGIC):
        return read_scf(data, cap)
    zip_at = 4 if data[4:8] == _ZIP_LOCAL else 0 if data[:4] == _ZIP_LOCAL else -1
    if zip_at >= 0:
        found: list[Entry] = []
        meta_mime: str | None = None
        for name, content in zip_members(data[zip_at:], cap):
            if name == ".meta":
                m = re.search(rb"mime-type(application/[\w.+\-]+)", content)
                meta_mime = m.group(1).decode() if m else None
                continue
            mime = "application/vnd.pmml+xml" if root_tag(content) == "PMML" else None
            found.append(Entry(mime or (meta_mime if name.endswith(".xml") else None),
                               name, content))
        return found
    if len(data) > 4 and int.from_bytes(data[:4], "big") == len(data) - 4 and root_tag(data[4:]):
        return [Entry("application/xml", None, data[4:])]  # plain XML behind its length
    return [Entry("application/xml" if root_tag(data) else None, None, data)]


def root_tag(content: bytes) -> str | None:
    """The local name of an XML document's root element, without parsing the document."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    pos = 0
    while True:
        lt = head.find(b"<", pos)
        if lt < 0:
            return None
        if head.startswith((b"<?", b"<!"), lt):
            gt = head.find(b">", lt)
            if gt < 0:
                return None
            pos = gt + 1
            continue
        m = _ROOT_TAG.match(head, lt)
        return m.group(2).decode("ascii", "replace") if m else None


def pmml_of(data: bytes, cap: int = MAX_PAYLOAD) -> str | None:
    """The PMML document in a nugget member, if it holds one."""
    for entry in entries(data, cap):
        if root_tag(entry.content) == "PMML":
            return entry.content.decode("utf-8", "replace")
    return None
