"""The service's modules import downward only: routes never import the app (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

import pmdesk.service

SERVICE = Path(pmdesk.service.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_no_module_but_the_cli_imports_the_app() -> None:
    offenders = [p.name for p in SERVICE.glob("*.py")
                 if p.name not in ("app.py", "cli.py")
                 and "pmdesk.service.app" in _imports(p)]
    assert offenders == []


def test_the_app_lists_every_router_once_with_the_fallback_last() -> None:
    from pmdesk.service import app, routes_fallback

    assert app.ROUTERS[-1] is routes_fallback.router
    assert len(set(map(id, app.ROUTERS))) == len(app.ROUTERS)
    for p in SERVICE.glob("routes_*.py"):
        module = __import__(f"pmdesk.service.{p.stem}", fromlist=["router"])
        assert module.router in app.ROUTERS, p.name
