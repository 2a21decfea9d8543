"""One entry point for "what does this stream file contain", whatever its format."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.info import StreamInfo
from pmdesk.streams.modeler.reader import MAX_MEMBERS, entry_count, read_str

OPEN_FORMAT_MEMBER = "stream.json"


def is_open_format(path: Path) -> bool:
    """PMDesk's open format is a zip with a `stream.json`; a Modeler .str never has one."""
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, 2)
            count = entry_count(fh, size) if size else None
        if count is None or count > MAX_MEMBERS:
            return False  # not a zip, or one read_str refuses with the reason
        with zipfile.ZipFile(path) as zf:
            return OPEN_FORMAT_MEMBER in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def describe(path: Path) -> StreamInfo:
    """The StreamInfo of a Modeler `.str` or an open-format stream (StreamReadError if not)."""
    path = Path(path)
    if is_open_format(path):
        from pmdesk.streams.openformat import describe_open  # lazy: only for open-format files

        try:
            return describe_open(path)
        except StreamReadError:
            raise
        except Exception as exc:  # a user's file must never end in a traceback
            raise StreamReadError(
                f"not a valid PMDesk stream ({type(exc).__name__}: {exc})"
            ) from None
    return read_str(path)
