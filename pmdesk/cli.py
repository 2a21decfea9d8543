"""The `pmdesk` command: the desktop app by default, plus the service and tools.

Each subcommand imports its part lazily so `pmdesk serve` never loads Qt and the window
never loads the engine.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

from pmdesk import __version__

USAGE = """usage: pmdesk [--version | --self-test | COMMAND ...]

With no command, starts the desktop app (on the embedded local service unless a
remote server is configured). Qt's own options (-platform, -style, ...) pass to Qt.

commands:
  serve        run the batch job service (pmdesk serve --help)
  samples DIR  write the sample streams, database and job definitions into DIR
  stream-info  describe a stream file (pmdesk stream-info FILE [--json])
  score        score a PMML model on a CSV (pmdesk score MODEL.pmml --input IN.csv
               --output OUT.csv)
  gui          start the desktop app (the default)
  jobs         list, submit, wait for, cancel jobs ... for scripts (pmdesk jobs --help)
  files        list, upload, download, delete stream files (pmdesk files --help)
  schedules    list, create, delete schedules (pmdesk schedules --help)
"""


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # worker processes of a frozen (PyInstaller) build
    try:
        return _dispatch(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:  # `pmdesk stream-info --json x | head`: the reader left early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


def _dispatch(args: list[str]) -> int:
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE)
        return 0
    if args[:1] == ["--version"]:
        print(f"pmdesk {__version__}")
        return 0
    unknown = [a for a in args if a.startswith("--") and a != "--self-test"]
    if args and args[0].startswith("-") and unknown:
        print(f"pmdesk: unknown option {unknown[0]!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    command = args[0] if args and not args[0].startswith("-") else "gui"
    rest = args[1:] if args and args[0] == command else args
    if command == "serve":
        from pmdesk.service.cli import serve_main

        return serve_main(rest)
    if command == "samples":
        from pmdesk.engine.samples import samples_main

        return samples_main(rest)
    if command == "stream-info":
        from pmdesk.streams.cli import stream_info_main

        return stream_info_main(rest)
    if command == "score":
        from pmdesk.engine.pmml.score_cli import score_main

        return score_main(rest)
    if command in ("jobs", "files", "schedules"):
        from pmdesk.scripting.cli import main as scripting_main

        return scripting_main(command, rest)
    if command == "gui":
        from pmdesk.desktop.app import main as gui_main

        return gui_main(rest)
    print(f"pmdesk: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
