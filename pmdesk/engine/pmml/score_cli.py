"""`pmdesk score MODEL.pmml --input IN.csv --output OUT.csv`: score any PMML file on a CSV.

The CSV is read and written in chunks, so memory stays flat whatever its length. Cells are
read as text and each model input is converted as its DataDictionary says (numbers for
continuous fields, category strings otherwise), so ``007`` stays a category and never
becomes 7. Output columns are named by the document's Output element; without one,
``predicted_<target>`` and ``probability_<category>`` (``--names modeler`` gives SPSS
Modeler's ``$N-DRUG``/``$NC-DRUG`` instead).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from .errors import ModelError
from .scoring import ScoringModel, load_model

MAX_MODEL_BYTES = 512 * 1024 * 1024


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pmdesk score",
        description="Score a PMML model on a CSV file and write the predictions as CSV.")
    parser.add_argument("model", type=Path, help="the PMML file (any PMML 3.x/4.x producer)")
    parser.add_argument("--input", "-i", required=True,
                        help="CSV with a header row naming the model's input fields ('-' = stdin)")
    parser.add_argument("--output", "-o", required=True, help="CSV to write ('-' = stdout)")
    parser.add_argument("--sep", default=",", help="field separator of the input (default ,)")
    parser.add_argument("--output-sep", default=None,
                        help="field separator of the output (default: the input's)")
    parser.add_argument("--encoding", default="utf-8-sig",
                        help="input text encoding (default utf-8, a BOM is skipped)")
    parser.add_argument("--names", choices=("plain", "modeler"), default="plain",
                        help="output names when the PMML has no Output element")
    parser.add_argument("--with-inputs", action="store_true",
                        help="write the input columns before the predictions")
    parser.add_argument("--chunk-rows", type=int, default=100_000,
                        help="rows scored at a time (memory stays flat; default 100000)")
    return parser


def _fail(message: str) -> int:
    print(f"pmdesk score: {message}", file=sys.stderr)
    return 2


def score_main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.chunk_rows < 1:
        return _fail("--chunk-rows must be at least 1")
    try:
        size = args.model.stat().st_size
    except OSError as exc:
        return _fail(f"cannot read the model {str(args.model)!r}: {exc.strerror or exc}")
    if size > MAX_MODEL_BYTES:
        return _fail(f"the model file is larger than {MAX_MODEL_BYTES // 2**20} MB")
    try:
        model = load_model(args.model.read_bytes(), names=args.names)
    except ModelError as exc:
        return _fail(f"{args.model}: {exc}")
    except OSError as exc:
        return _fail(f"cannot read the model {str(args.model)!r}: {exc.strerror or exc}")
    try:
        source = sys.stdin.buffer if args.input == "-" else args.input
        reader = pd.read_csv(source, sep=args.sep, dtype=str, chunksize=args.chunk_rows,
                             encoding=args.encoding, keep_default_na=True)
    except OSError as exc:
        return _fail(f"cannot read {args.input!r}: {exc.strerror or exc}")
    except (ValueError, UnicodeDecodeError) as exc:
        return _fail(f"{args.input!r} is not a readable CSV ({exc})")
    with reader:  # closes the input file on every path, failures included
        out_sep = args.output_sep or args.sep
        if args.output == "-":
            return _run(model, reader, sys.stdout, out_sep, args.with_inputs, args.input)
        target = Path(args.output)
        partial = target.with_name(target.name + ".partial")
        try:  # written aside and renamed at the end: a failed run leaves any old output intact
            with open(partial, "w", encoding="utf-8", newline="") as sink:
                status = _run(model, reader, sink, out_sep, args.with_inputs, args.input)
            if status == 0:
                os.replace(partial, target)
            return status
        except OSError as exc:
            return _fail(f"cannot write {args.output!r}: {exc.strerror or exc}")
        finally:
            partial.unlink(missing_ok=True)


def _run(model: ScoringModel, reader: pd.io.parsers.TextFileReader, sink: TextIO, sep: str,
         with_inputs: bool, name: str) -> int:
    header = True
    rows = 0
    try:
        for chunk in reader:
            try:
                scored = model.score(chunk)
            except ModelError as exc:
                return _fail(f"{name}, rows {rows + 1}-{rows + len(chunk)}: {exc}")
            if with_inputs:
                scored = pd.concat([chunk, scored], axis=1)
            scored.to_csv(sink, sep=sep, index=False, header=header, lineterminator="\n")
            header = False
            rows += len(chunk)
    except (ValueError, UnicodeDecodeError) as exc:  # a malformed line far into the file
        return _fail(f"{name!r} is not a readable CSV after row {rows} ({exc})")
    if header:  # no data rows: still a header, so the output is a valid empty table
        sink.write(sep.join(model.output_fields) + "\n")
    print(f"pmdesk score: {rows} row(s) scored", file=sys.stderr)
    return 0
