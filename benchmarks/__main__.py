"""`python -m benchmarks [--quick] [--only NAME ...]`: every figure beside its same-run baseline."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType

from benchmarks import (
    engine,
    executors,
    modeler,
    pmml,
    polling,
    responsiveness,
    service,
    startup,
    upload,
)
from benchmarks.common import MODES, Context, Figure, NotAvailable, machine_line, workdir
from benchmarks.report import markdown_table

# Each module holds one benchmark with a TITLE and a run(ctx) that adds figures to the
# context; parts of PMDesk are imported inside run(), so a part that has not landed yet makes
# its benchmark say "not available yet" instead of breaking the others.
BENCHMARKS: list[tuple[str, ModuleType]] = [
    ("responsiveness", responsiveness),
    ("upload", upload),
    ("polling", polling),
    ("service", service),
    ("engine", engine),
    ("modeler", modeler),
    ("startup", startup),
    ("pmml", pmml),
    ("executors", executors),
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="PMDesk benchmarks: each figure with a baseline measured in the same run "
                    "and their ratio (median of repeats, ± half the range).")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    size.add_argument("--smoke", action="store_true",
                      help="tiny sizes, one pass: checks that the harness works (for tests)")
    p.add_argument("--only", nargs="+", choices=[name for name, _ in BENCHMARKS], metavar="NAME",
                   help=f"run only these: {', '.join(name for name, _ in BENCHMARKS)}")
    p.add_argument("--repeats", type=int, help="override the number of repeats")
    p.add_argument("--markdown", type=Path, help="also write the results table to this file")
    p.add_argument("--keep", action="store_true", help="keep the work folder (for debugging)")
    p.add_argument("--traceback", action="store_true", help="show tracebacks of failures")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    mode = MODES["quick" if args.quick else "smoke" if args.smoke else "full"]
    if args.repeats:
        mode = mode.with_repeats(args.repeats)
    started = dt.datetime.now(dt.UTC)
    print(f"PMDesk benchmarks, mode {mode.name}, {started:%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine_line()}")
    print("each line: figure median ±half-range (n repeats) | same-run baseline | ratio "
          "= figure / baseline | target", flush=True)
    results: list[tuple[str, str, list[Figure], str]] = []
    failed = 0
    t_all = time.perf_counter()
    with workdir(keep=args.keep) as root:
        for name, module in BENCHMARKS:
            if args.only and name not in args.only:
                continue
            title = getattr(module, "TITLE", name)
            print(f"\n[{name}] {title}", flush=True)
            t0 = time.perf_counter()
            folder = root / name
            folder.mkdir()
            ctx = Context(mode=mode, work=folder)
            try:
                module.run(ctx)
            except NotAvailable as exc:
                print(f"  not available yet: {exc}", flush=True)
                results.append((name, title, ctx.figures, f"not available yet: {exc}"))
                continue
            except Exception as exc:
                failed += 1
                if args.traceback:
                    traceback.print_exc()
                print(f"  FAILED: {type(exc).__name__}: {exc}", flush=True)
                results.append((name, title, ctx.figures, f"failed: {exc}"))
                continue
            finally:
                ctx.close()
            print(f"  ({time.perf_counter() - t0:.0f} s)", flush=True)
            results.append((name, title, ctx.figures, "; ".join(ctx.notes)))
        if args.keep:
            print(f"\nwork folder kept: {root}")
    misses = [f for _, _, figs, _ in results for f in figs if f.verdict == "MISS"]
    print(f"\ndone in {time.perf_counter() - t_all:.0f} s: "
          f"{sum(len(r[2]) for r in results)} figures, {len(misses)} targets missed, "
          f"{failed} benchmarks failed")
    if args.markdown:
        args.markdown.write_text(markdown_table(results, mode.name, started, machine_line()))
        print(f"table written to {args.markdown}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
