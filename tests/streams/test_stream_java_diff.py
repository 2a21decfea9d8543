"""Differential tests against the Java reference implementation of Fast Infoset (Debian's
libfastinfoset-java, run with a headless JRE): both directions, compared as canonical XML.
Skipped when java or the jar is absent; PMDesk itself never needs Java."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from helpers.streams import fixture_path

from pmdesk.streams.modeler.fastinfoset import decode

JAR = Path("/usr/share/java/FastInfoset.jar")
JAVA = shutil.which("java")
TOOLS = "com.sun.xml.fastinfoset.tools."

pytestmark = pytest.mark.skipif(
    JAVA is None or not JAR.is_file(),
    reason="needs java and /usr/share/java/FastInfoset.jar "
           "(apt-get install default-jre-headless libfastinfoset-java)",
)


def java_tool(tool: str, src: Path, dst: Path) -> None:
    assert JAVA is not None
    subprocess.run([JAVA, "-cp", str(JAR), TOOLS + tool, str(src), str(dst)], check=True,
                   capture_output=True, timeout=120)


def canonical_root(root: ET.Element) -> str:
    return ET.canonicalize(ET.tostring(root, encoding="unicode"), with_comments=True)


def parse_keeping_comments(xml: bytes) -> ET.Element:
    # test-authored XML only; the stdlib parser keeps comments and PIs inside the root here
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
    parser.feed(xml)
    return parser.close()


@pytest.mark.fixtures
@pytest.mark.parametrize("name", ["Drug1n.str", "german_credit_risk_tutorial.str",
                                  "financial-performance-prediction.str"])
def test_real_stream_decodes_like_java(tmp_path: Path, name: str) -> None:
    with zipfile.ZipFile(fixture_path(name)) as zf:
        member = next(n for n in zf.namelist() if n.endswith(".xml") and "/" not in n)
        fi = zf.read(member)
    (tmp_path / "in.fi").write_bytes(fi)
    java_tool("FI_SAX_XML", tmp_path / "in.fi", tmp_path / "out.xml")
    java_root = parse_keeping_comments((tmp_path / "out.xml").read_bytes())
    assert canonical_root(decode(fi)) == canonical_root(java_root)


def _big_document() -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<big xmlns:q="urn:q">']
    for i in range(2500):  # past the small and medium index ranges of every table
        parts.append(f'<e{i} a{i % 300}="v{i}" q:k="{i % 7}">t{i}</e{i}>')
    for i in range(0, 2500, 3):
        parts.append(f'<e{i} a{i % 300}="v{i}">t{i}</e{i}>')
    parts.append("<long>" + "Lorem ipsum dolor sit amet. " * 4000 + "</long></big>")
    return "".join(parts).encode()


DOCUMENTS = {
    "namespaces": b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- top --><?top-pi data?>
<r:root xmlns:r="urn:r" xmlns="urn:default" xmlns:x="urn:x" x:attr="v1" plain="" xml:lang="de">
  <child a="1" b="2">text &amp; more &#8212; \xc3\xbcn\xc3\xafcode \xf0\x9d\x84\x9e</child>
  <!-- inner comment --><?inner-pi data?>
  <x:child a="1" b="3"/><empty/>
  <child a="1" b="2">text &amp; more</child>
  <nested xmlns="urn:other"><deeper><deepest attr="&lt;&gt;&quot;">x</deepest></deeper></nested>
</r:root>""",
    "mixed": b"""<doc>a<b>b</b>c<i>d<b>e</b>f</i>g<![CDATA[ <raw> & ]]>h</doc>""",
    "big": _big_document(),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_java_encoded_documents_decode_to_the_original(tmp_path: Path, name: str) -> None:
    xml = DOCUMENTS[name]
    (tmp_path / "in.xml").write_bytes(xml)
    java_tool("XML_SAX_FI", tmp_path / "in.xml", tmp_path / "out.fi")
    fi = (tmp_path / "out.fi").read_bytes()
    assert fi[:4] == b"\xe0\x00\x00\x01"
    assert canonical_root(decode(fi)) == canonical_root(parse_keeping_comments(xml))
