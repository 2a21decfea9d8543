"""`pmdesk serve`: parse the options, then run the service on uvicorn."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pmdesk.service.config import DEFAULT_MAX_UPLOAD_MB, ServiceConfig
from pmdesk.service.httpguard import (
    BODY_TIMEOUT,
    HEADER_TIMEOUT,
    MAX_HEADER_BYTES,
    guarded_protocol,
)
from pmdesk.service.sqlite_access import ROOTS_BY_KEY_ENV, default_roots, roots_by_key_from_env

KEYS_ENV = "PMDESK_ACCESS_KEYS"
NAMED_KEYS_ENV = "PMDESK_INSTANCE_KEYS"  # name=key,...: the instance follows the name
TEST_DELAY_ENV = "PMDESK_TEST_JOB_DELAY"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pmdesk serve",
        description="Run the /pm/v1 batch job service (see docs/api.md).",
        epilog=f"Access keys may also come from the environment variable {KEYS_ENV} "
               "(comma-separated), which keeps them out of the process list.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on (8080)")
    p.add_argument("--data-dir", type=Path, required=True,
                   help="folder of the stream files, jobs database and results")
    p.add_argument("--access-key", action="append", default=[], metavar="KEY",
                   help="an access key; each key is its own instance (repeatable)")
    p.add_argument("--workers", type=int, default=2,
                   help="job worker processes running at once (2)")
    p.add_argument("--max-upload-mb", type=int, default=DEFAULT_MAX_UPLOAD_MB,
                   help=f"largest stream file accepted, in MB; larger answers 413 "
                        f"({DEFAULT_MAX_UPLOAD_MB})")
    p.add_argument("--seed-samples", action="store_true",
                   help="store the sample streams in every instance of a fresh data dir")
    p.add_argument("--desktop-session", type=Path, metavar="PIDFILE",
                   help="run for a desktop app: once the process whose id PIDFILE holds has "
                        "ended, stop as soon as no job is pending or running")
    p.add_argument("--sqlite-root", action="append", default=[], type=Path, metavar="DIR",
                   help="folder where jobs may open SQLite databases (repeatable); by default "
                        "any path on loopback, only DATA_DIR/databases on other addresses; "
                        f"per access key: env {ROOTS_BY_KEY_ENV} (see docs/api.md). The "
                        "service's own files are never opened")
    p.add_argument("--header-timeout", type=float, default=HEADER_TIMEOUT, metavar="SECONDS",
                   help="a request's line and headers must arrive within this time, or 408 "
                        f"({HEADER_TIMEOUT:g}); headers over {MAX_HEADER_BYTES // 1024} KB "
                        "answer 431")
    p.add_argument("--body-timeout", type=float, default=BODY_TIMEOUT, metavar="SECONDS",
                   help="a request body that stops arriving for this long answers 408 "
                        f"({BODY_TIMEOUT:g})")
    add_executor_options(p)
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"])
    return p


def add_executor_options(p: argparse.ArgumentParser) -> None:
    """Where jobs run (see docs/cluster.md): warm local processes, or a Dask cluster."""
    g = p.add_argument_group("executors")
    g.add_argument("--cluster", metavar="ADDRESS",
                   help="run every job on this Dask scheduler's workers (tcp://HOST:8786 or "
                        "tls://HOST:8786); workers need `pip install pmdesk[cluster]`")
    g.add_argument("--cluster-tls-ca-file", type=Path, metavar="PEM",
                   help="CA certificate the scheduler's and workers' certificates are signed by")
    g.add_argument("--cluster-tls-cert", type=Path, metavar="PEM",
                   help="this service's client certificate for a tls:// cluster")
    g.add_argument("--cluster-tls-key", type=Path, metavar="PEM",
                   help="the private key of --cluster-tls-cert (if not inside it)")
    g.add_argument("--cluster-partition-rows", type=int, default=1_000_000, metavar="N",
                   help="a BATCH_SCORE of at least N rows is split across the cluster's "
                        "workers (1000000; 0: never)")
    g.add_argument("--recycle-after-jobs", type=int, default=200, metavar="N",
                   help="a warm worker process is replaced after N jobs (200)")
    g.add_argument("--recycle-after-mb", type=float, default=1024, metavar="MB",
                   help="... or once its memory grew by MB since it started (1024)")


def executor_options(args: argparse.Namespace) -> dict[str, str]:
    """The executor's options, as the strings ServiceConfig.extra holds."""
    if args.recycle_after_jobs < 1:
        raise SystemExit("pmdesk serve: --recycle-after-jobs must be at least 1")
    if args.cluster_partition_rows < 0:
        raise SystemExit("pmdesk serve: --cluster-partition-rows must be 0 or more")
    out = {"recycle_jobs": str(args.recycle_after_jobs),
           "recycle_mb": str(args.recycle_after_mb),
           "partition_rows": str(args.cluster_partition_rows)}
    address = (args.cluster or "").strip()
    tls = [args.cluster_tls_ca_file, args.cluster_tls_cert, args.cluster_tls_key]
    if address:
        if not address.startswith(("tcp://", "tls://")):
            raise SystemExit("pmdesk serve: --cluster takes tcp://HOST:PORT or tls://HOST:PORT")
        if address.startswith("tls://") and not (args.cluster_tls_ca_file
                                                 and args.cluster_tls_cert):
            raise SystemExit("pmdesk serve: a tls:// cluster needs --cluster-tls-ca-file and "
                             "--cluster-tls-cert")
        out["cluster"] = address
    elif any(tls):
        raise SystemExit("pmdesk serve: the --cluster-tls-* options need --cluster")
    for name, path in zip(("tls_ca_file", "tls_cert", "tls_key"), tls, strict=True):
        if path is not None:
            resolved = path.expanduser().resolve()
            if not resolved.is_file():
                raise SystemExit(f"pmdesk serve: {resolved} does not exist")
            out[name] = str(resolved)
    return out


def config_from_args(args: argparse.Namespace) -> ServiceConfig:
    keys = [k.strip() for k in args.access_key if k.strip()]
    keys += [k.strip() for k in os.environ.get(KEYS_ENV, "").split(",") if k.strip()]
    named: list[tuple[str, str]] = []
    for item in os.environ.get(NAMED_KEYS_ENV, "").split(","):
        name, sep, key = item.strip().partition("=")
        if item.strip() and (not sep or not name.strip() or not key.strip()):
            raise SystemExit(f"pmdesk serve: {NAMED_KEYS_ENV} holds name=key pairs")
        if sep:
            named.append((name.strip(), key.strip()))
    if not keys and not named:
        raise SystemExit(f"pmdesk serve: no access key given; pass --access-key KEY or set "
                         f"{KEYS_ENV}=KEY1,KEY2")
    if args.workers < 1:
        raise SystemExit("pmdesk serve: --workers must be at least 1")
    if args.max_upload_mb < 1:
        raise SystemExit("pmdesk serve: --max-upload-mb must be at least 1")
    delay = 0.0
    if os.environ.get(TEST_DELAY_ENV):
        try:
            delay = float(os.environ[TEST_DELAY_ENV])
        except ValueError:
            raise SystemExit(f"pmdesk serve: {TEST_DELAY_ENV} must be a number of seconds"
                             ) from None
    data_dir = args.data_dir.expanduser().resolve()
    return ServiceConfig(
        data_dir=data_dir,
        access_keys=tuple(dict.fromkeys(keys)),
        named_keys=tuple(named),
        workers=args.workers,
        max_upload_bytes=args.max_upload_mb * 1024 * 1024,
        seed_samples=args.seed_samples,
        test_job_delay=delay,
        sqlite_roots=default_roots(args.host, args.sqlite_root, data_dir),
        sqlite_roots_by_key=roots_by_key_from_env(),
        extra=executor_options(args),
    )


def serve_main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    config = config_from_args(args)
    from pmdesk.service.sqlite_access import export_to_engine

    export_to_engine(config)  # read by the engine in every job process (inherited env)
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"pmdesk serve: cannot use the data dir {config.data_dir}: {exc}",
              file=sys.stderr)
        return 2

    from pmdesk.service.datalock import DataDirBusyError, lock_data_dir

    try:
        lock = lock_data_dir(config.data_dir)
    except DataDirBusyError as exc:
        print(f"pmdesk serve: {exc}", file=sys.stderr)
        return 2

    import uvicorn

    from pmdesk.service.app import create_app
    from pmdesk.service.logs import log_config

    try:
        import uvloop  # noqa: F401

        loop = "uvloop"
    except ImportError:
        loop = "asyncio"
    if args.header_timeout <= 0 or args.body_timeout <= 0:
        print("pmdesk serve: --header-timeout and --body-timeout must be positive",
              file=sys.stderr)
        return 2
    # httptools (uvicorn[standard]) behind the size and time bounds of httpguard.py
    http = guarded_protocol(args.header_timeout, args.body_timeout)
    uv_config = uvicorn.Config(
        create_app(config), host=args.host, port=args.port, loop=loop, http=http,
        log_config=log_config(),
        log_level=args.log_level,
        access_log=True, server_header=False, timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(uv_config)
    stopper = None
    if args.desktop_session is not None:
        from pmdesk.service.lifetime import IdleStopper
        from pmdesk.service.state import DB_FILE

        stopper = IdleStopper(args.desktop_session.expanduser().resolve(),
                              config.data_dir / DB_FILE,
                              lambda: setattr(server, "should_exit", True))
        stopper.start()
    try:
        server.run()
    finally:
        if stopper is not None:
            stopper.halt()
        lock.close()
    return 0 if server.started else 1
