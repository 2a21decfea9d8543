"""Broken files end in a StreamReadError that says what is wrong, and the CLI in one line
on stderr with exit code 2, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers.fibuild import element_index, element_literal, encode
from helpers.streams import fixture_path, made_up_stream, write_str

from pmdesk.streams.describe import describe
from pmdesk.streams.errors import StreamReadError
from pmdesk.streams.modeler import scf
from pmdesk.streams.modeler.reader import read_str

CLI = ("from pmdesk.streams.cli import stream_info_main; import sys; "
       "sys.exit(stream_info_main(sys.argv[1:]))")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True,
                          timeout=120, check=False)


def good_member() -> bytes:
    return encode(made_up_stream())


def broken_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase its message must contain)."""
    cases: dict[str, tuple[bytes, str]] = {}
    cases["empty"] = (b"", "the file is empty")
    cases["text"] = (b"hello, I am not a stream\n", "not a zip archive")
    cases["bare-fi"] = (good_member(), "bare Fast Infoset document")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("stream.xml", good_member())
        zf.writestr("data/0001.dat", b"x" * 5000)
    whole = buf.getvalue()
    cases["truncated-zip"] = (whole[: len(whole) // 2], "damaged or truncated zip")
    cases["no-xml"] = (_zip({"data/0001.dat": b"abc", "readme.txt": b"hi"}),
                       "no stream XML member")
    cases["empty-xml"] = (_zip({"s.xml": b""}), "member is empty")
    fi = bytearray(good_member())
    fi[40] ^= 0xFF
    fi[41] ^= 0x5A
    cases["corrupt-fi"] = (_zip({"s.xml": bytes(fi)}), "corrupt Fast Infoset at byte")
    cases["truncated-fi"] = (_zip({"s.xml": good_member()[:200]}), "corrupt Fast Infoset at byte")
    cases["not-fi-not-xml"] = (_zip({"s.xml": b"\x00\x01binary"}), "neither Fast Infoset nor XML")
    cases["bad-xml"] = (_zip({"s.xml": b"<clementineStream><stream>"}), "not well-formed XML")
    cases["xml-bomb"] = (
        _zip({"s.xml": b'<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;&x;</a>'}),
        "not well-formed XML",
    )
    cases["other-root"] = (_zip({"s.xml": b"<html/>"}), "not a Modeler stream")
    cases["no-stream"] = (_zip({"s.xml": b"<clementineStream version='18'/>"}),
                          "without its <stream> element")
    cases["zip-bomb"] = (_zip({"s.xml": b"\x00" * 20_000_000}), "zip bomb")
    deep = b"\xe0\x00\x00\x01\x00" + element_literal("d") + element_index(1) * 100_000
    stored = _zip({"s.xml": deep + b"\xf0" * 100_002}, zipfile.ZIP_STORED)
    cases["deep-nesting"] = (stored, "nested deeper")
    out: dict[str, tuple[Path, str]] = {}
    for name, (data, phrase) in cases.items():
        path = tmp / f"{name}.str"
        path.write_bytes(data)
        out[name] = (path, phrase)
    out["missing"] = (tmp / "does-not-exist.str", "cannot read the file")
    out["directory"] = (tmp, "cannot read the file")
    return out


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


CASES = ["empty", "text", "bare-fi", "truncated-zip", "no-xml", "empty-xml", "corrupt-fi",
         "truncated-fi", "not-fi-not-xml", "bad-xml", "xml-bomb", "other-root", "no-stream",
         "zip-bomb", "deep-nesting", "missing", "directory"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return broken_files(tmp_path_factory.mktemp("broken"))


@pytest.mark.parametrize("case", CASES)
def test_broken_file_is_a_clear_error(broken: dict[str, tuple[Path, str]], case: str) -> None:
    path, phrase = broken[case]
    with pytest.raises(StreamReadError) as info:
        describe(path)
    assert phrase in str(info.value)


@pytest.mark.parametrize("case", ["empty", "truncated-zip", "corrupt-fi", "zip-bomb",
                                  "deep-nesting", "missing"])
def test_cli_refuses_broken_file(broken: dict[str, tuple[Path, str]], case: str) -> None:
    path, phrase = broken[case]
    result = run_cli(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"pmdesk stream-info: {path}: ")
    assert phrase in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_json_on_made_up_stream(tmp_path: Path) -> None:
    path = write_str(tmp_path / "m.str", good_member())
    result = run_cli(str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["name"] == "churn scoring"
    assert data["scoringTerminalNode"] == "4"
    assert data["script"]["language"] == "python"
    assert {"from": "0", "to": "1"} in data["links"]
    assert data["parameters"][0]["name"] == "cutoff" and data["parameters"][0]["default"] == 0.5


def test_cli_human_summary(tmp_path: Path) -> None:
    path = write_str(tmp_path / "m.str", good_member())
    result = run_cli(str(path))
    assert result.returncode == 0, result.stderr
    assert "Stream: churn scoring" in result.stdout
    assert "Source nodes: customers" in result.stdout
    assert "[scoring terminal]" in result.stdout
    assert "Script: python, 1 line" in result.stdout


@pytest.mark.fixtures
def test_cli_json_on_real_stream() -> None:
    path = fixture_path("Drug1n.str")
    result = run_cli(str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["modelerVersion"] == "18.1"
    assert data["scoringTerminalNode"] == "4"
    assert [n["class"].rsplit(".", 1)[-1] for n in data["nodes"]][:2] == [
        "DelimitedFileImportNode", "CFBuildModelNode"]


def test_cli_usage_error_is_not_a_traceback() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "usage: pmdesk stream-info" in result.stderr


def test_damaged_nugget_member_does_not_hide_the_stream(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    root = made_up_stream()
    nugget = root.find("stream/diagram/nodes/node[@id='3']")
    assert nugget is not None
    ET.SubElement(nugget, "model", {"pmml": "data/0001.dat"})
    scf_bad = b"SCF\x01" + b"\x00" * 8 + b"\x00\x00\x00\x10\x00\x00\x00\x20" + b"garbage!" * 2
    path = write_str(tmp_path / "n.str", encode(root), extra={"data/0001.dat": scf_bad})
    info = read_str(path)
    assert info.pmml == {} and len(info.nodes) == 6


def test_scf_errors_and_cap() -> None:
    import zlib

    with pytest.raises(StreamReadError, match="not an SCF"):
        scf.read_scf(b"SC")
    body = zlib.compress(b"\x00\x00\x00\x00\x03\x00\x10mimeType=a/b\ntypeId=x" + b"<PMML/>")
    chunk = len(body).to_bytes(4, "big") + (40).to_bytes(4, "big") + body
    with pytest.raises(StreamReadError, match="inflates to the wrong size"):
        scf.read_scf(b"SCF\x01" + b"\x00" * 8 + chunk)
    truncated = b"SCF\x01" + b"\x00" * 8 + (999).to_bytes(4, "big") + (5).to_bytes(4, "big")
    with pytest.raises(StreamReadError, match="truncated"):
        scf.read_scf(truncated)
    bomb = zlib.compress(b"\x00" * 2_000_000)
    chunk = len(bomb).to_bytes(4, "big") + (2_000_000).to_bytes(4, "big") + bomb
    with pytest.raises(StreamReadError, match="too large"):
        scf.read_scf(b"SCF\x01" + b"\x00" * 8 + chunk, cap=1_000_000)


def test_scf_entry_with_header() -> None:
    import zlib

    header = b"mimeType=application/vnd.spss.pmml+xml\ntypeId=MEpmml.xml"
    payload = b"\x00\x00\x00\x00\x03" + len(header).to_bytes(2, "big") + header + b"<PMML/>"
    body = zlib.compressobj()
    data = body.compress(payload) + body.flush(zlib.Z_SYNC_FLUSH)  # no final block, as Modeler
    chunk = len(data).to_bytes(4, "big") + len(payload).to_bytes(4, "big") + data
    entries = scf.read_scf(b"SCF\x01" + b"\x00" * 8 + chunk)
    assert entries == [scf.Entry("application/vnd.spss.pmml+xml", "MEpmml.xml", b"<PMML/>")]
    assert scf.pmml_of(b"SCF\x01" + b"\x00" * 8 + chunk) == "<PMML/>"


def test_zip_with_extra_fields_zipfile_rejects_is_still_read(tmp_path: Path) -> None:
    # Java's ZipOutputStream has been seen writing extra fields Python's zipfile refuses
    # ("Corrupt extra field"); such a complete archive is read header by header instead.
    path = tmp_path / "java-extra.str"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("stream.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        info.extra = b"\x00\x00\x00\x01" + b"pad!"  # declares 256 octets, holds 4
        zf.writestr(info, good_member())
    with pytest.raises(zipfile.BadZipFile, match="extra field"):
        zipfile.ZipFile(path)
    assert read_str(path).name == "churn scoring"


def test_central_directory_claiming_too_many_members(tmp_path: Path) -> None:
    data = bytearray(_zip({"s.xml": good_member()}))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8:end + 12] = (30000).to_bytes(2, "little") * 2
    path = tmp_path / "many.str"
    path.write_bytes(bytes(data))
    with pytest.raises(StreamReadError, match="more than 20000 members"):
        read_str(path)


def test_broken_open_format_stream_is_a_stream_read_error(tmp_path: Path) -> None:
    path = tmp_path / "open.zip"
    path.write_bytes(_zip({"stream.json": b"{ not json"}))
    with pytest.raises(StreamReadError):
        describe(path)
    result = run_cli(str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr


class _Unseekable(io.RawIOBase):
    """Makes zipfile write data descriptors (sizes after the data), as Java's streams do."""

    def __init__(self) -> None:
        self.buf = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.buf += b
        return len(b)


def test_nugget_zip_with_data_descriptors_and_length_prefix() -> None:
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(".meta", b"\x00\x00\x00\x02namePMML\x00mime-typeapplication/vnd.pmml+xml")
        with zf.open("0.xml", "w") as fh:
            fh.write(b'<?xml version="1.0" ?><PMML version="4.2">' + b"<X/>" * 5000 + b"</PMML>")
        with zf.open("other.json", "w") as fh:
            fh.write(b"{}")
    data = bytes(sink.buf)
    assert data[6] & 0x08  # the first member really has a data descriptor
    wrapped = len(data).to_bytes(4, "big") + data
    names = [e.type_id for e in scf.entries(wrapped)]
    assert names == ["0.xml", "other.json"]
    pmml = scf.pmml_of(wrapped)
    assert pmml is not None and pmml.endswith("</PMML>") and pmml.count("<X/>") == 5000
    with pytest.raises(StreamReadError, match=r"truncated|corrupt"):
        scf.entries(wrapped[:200])
