"""2. Upload: a large stream through PMClient.upload_file against curl to the same endpoint.

Both send the same file as multipart field model_file to PUT /pm/v1/file/{id} of one
`pmdesk serve`, alternately. Throughput is bytes over the transfer time (curl's own
time_total; the client's upload_file call). The client runs in its own process so its
peak RSS (wait4) is its own, at two file sizes: flat memory means a ratio near 1.
"""

from __future__ import annotations

import json
import subprocess

from benchmarks.common import (
    MIB,
    PYTHON,
    Context,
    Figure,
    NotAvailable,
    Target,
    check,
    child_env,
    make_file,
    pmdesk_server,
    require_module,
    require_tool,
    run_child,
    server_key,
)

TITLE = "Upload: PMClient.upload_file against curl -F, same file, same endpoint"


def curl_upload(url: str, key: str, file_id: str, path: str) -> float:
    out = subprocess.run(
        ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "-X", "PUT",
         "-F", f"model_file=@{path}", f"{url}/pm/v1/file/{file_id}?accesskey={key}"],
        capture_output=True, text=True, timeout=900, check=True).stdout.split()
    if out[0] != "200":
        raise RuntimeError(f"curl upload answered HTTP {out[0]}")
    return float(out[1])


def run(ctx: Context) -> None:
    require_tool("curl", "apt-get install curl; .ci/setup installs it")
    require_module("pmdesk.api.client", "the client")
    server = pmdesk_server(ctx.work / "data")
    try:
        server.start()
    except RuntimeError as exc:
        raise NotAvailable(f"the service does not start: {exc}") from None
    ctx.on_close(server.stop)
    key = server_key(server)
    env = child_env()
    small, large = ctx.mode.upload_sizes_mib
    rss: dict[int, list[float]] = {small: [], large: []}
    speed: dict[int, tuple[list[float], list[float]]] = {}
    for size in (small, large):
        path = make_file(ctx.work / f"stream-{size}.bin", size)
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(ctx.mode.repeats):
            run_ = check(run_child([PYTHON, "-m", "benchmarks.upload_child", server.url, key,
                                    "bench-upload.pmstream", str(path)], env=env, timeout=900),
                         "PMClient upload")
            seconds = float(json.loads(run_.stdout.strip().splitlines()[-1])["seconds"])
            ours.append(size * MIB / seconds / 1e6)
            rss[size].append(run_.peak_rss_mb)
            theirs.append(size * MIB / curl_upload(server.url, key, "bench-curl.pmstream",
                                                   str(path)) / 1e6)
        speed[size] = (ours, theirs)
        path.unlink()
    for size in (small, large):
        ours, theirs = speed[size]
        ctx.add(Figure(f"upload {size} MiB throughput", "MB/s", ours, "curl -F", theirs,
                       Target("ratio", ">=", 0.8) if size == large else None))
    ctx.add(Figure(f"client peak RSS, {large} MiB upload", "MB", rss[large],
                   f"same client, {small} MiB", rss[small], Target("ratio", "<=", 1.2)))
