"""One entry point for "what does this stream file contain", whatever its format."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.info import StreamInfo
from pmdesk.streams.modeler.reader import read_str

OPEN_FORMAT_MEMBER = "stream.json"


def is_open_format(path: Path) -> bool:
    """PMDesk's open format is a zip with a `stream.json`; a Modeler .str never has one."""
    try:
        with zipfile.ZipFile(path) as zf:
            return OPEN_FORMAT_MEMBER in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def describe(path: Path) -> StreamInfo:
    """The StreamInfo of a Modeler `.str` or an open-format stream (StreamReadError if not)."""
    path = Path(path)
    if is_open_format(path):
        from pmdesk.streams.openformat import describe_open  # written in parallel; lazy

        try:
            return describe_open(path)
        except StreamReadError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StreamReadError(f"not a valid PMDesk stream ({exc})") from None
    return read_str(path)
