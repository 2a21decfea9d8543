"""Fast checks of the packaging scripts themselves (the slow end-to-end one is
test_packaging_deb.py): they parse, and the icon and job helpers do what installers need."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    # by path: the folder is called "packaging", like the PyPI library pip itself needs
    spec = importlib.util.spec_from_file_location(f"pmdesk_packaging_{name}", PKG / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spec_is_python_and_freezes_the_cli_entry() -> None:
    tree = ast.parse((PKG / "pmdesk.spec").read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert {"Analysis", "EXE", "COLLECT", "BUNDLE"} <= names
    entry = (PKG / "pmdesk_entry.py").read_text(encoding="utf-8")
    assert "from pmdesk.cli import main" in entry


@pytest.mark.parametrize("script", ["build-linux.sh", "check-deb.sh", "macos/build-macos.sh"])
def test_shell_scripts_parse(script: str) -> None:
    proc = subprocess.run(["bash", "-n", str(PKG / script)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_placeholder_icons_when_resources_has_none(tmp_path: Path) -> None:
    make_icons = _load("make_icons")
    (tmp_path / "root" / "resources").mkdir(parents=True)
    origin = make_icons.make_icons(tmp_path / "root", tmp_path / "out")
    assert "PLACEHOLDER" in origin
    for n in make_icons.SIZES:
        with Image.open(tmp_path / "out" / "hicolor" / f"{n}x{n}" / "apps" / "pmdesk.png") as im:
            assert im.size == (n, n)
    with Image.open(tmp_path / "out" / "pmdesk.ico") as ico:
        assert (256, 256) in ico.info["sizes"]
    with Image.open(tmp_path / "out" / "pmdesk.icns") as icns:
        assert icns.format == "ICNS"


@pytest.mark.gui
def test_svg_icon_from_resources_is_rendered_and_kept_scalable(tmp_path: Path) -> None:
    icons = tmp_path / "root" / "resources" / "icons"
    icons.mkdir(parents=True)
    (icons / "pmdesk.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
        '<rect width="64" height="64" fill="#00ff00"/></svg>', encoding="utf-8")
    # in a child process: the renderer creates a QGuiApplication, which must not leak into
    # other tests' QApplication
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from make_icons import make_icons;"
            "from pathlib import Path; print(make_icons(Path(sys.argv[2]), Path(sys.argv[3])))")
    proc = subprocess.run([sys.executable, "-c", code, str(PKG), str(tmp_path / "root"),
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=60,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "resources/icons/pmdesk.svg" in proc.stdout
    assert (tmp_path / "out" / "hicolor" / "scalable" / "apps" / "pmdesk.svg").is_file()
    with Image.open(tmp_path / "out" / "hicolor" / "48x48" / "apps" / "pmdesk.png") as im:
        assert im.convert("RGBA").getpixel((24, 24)) == (0, 255, 0, 255)


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ({"status": "SUCCESS"}, "SUCCESS"),
        ({"jobId": "a", "jobStatus": "running"}, "RUNNING"),
        ({"job": {"state": "Failed", "message": "x"}}, "FAILED"),
        ({"status": "CANCELLED"}, "CANCELLED"),
        ({"message": "no state here"}, None),
    ],
)
def test_job_state_is_found_in_any_status_shape(status: object, state: str | None) -> None:
    assert _load("run_sample_job").find_state(status) == state
