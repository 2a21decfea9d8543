"""Fallback load generator when `wrk` is missing: asyncio + httpx in its own process.

`python -m benchmarks.loadgen URL SECONDS CONNECTIONS [HEADER=VALUE]` prints one JSON line
{"requests", "rps", "p50_ms", "p99_ms", "errors"}. The same generator measures PMDesk and
the baseline, so even where it is the bottleneck the ratio is fair (wrk is better: it is not).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import httpx


async def _worker(client: httpx.AsyncClient, url: str, headers: dict[str, str], stop: float,
                  latencies: list[float], errors: list[int]) -> None:
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        try:
            r = await client.get(url, headers=headers)
            if r.status_code >= 400:
                errors.append(r.status_code)
        except httpx.HTTPError:
            errors.append(0)
        latencies.append(time.perf_counter() - t0)


async def _main(url: str, seconds: float, connections: int, headers: dict[str, str]) -> None:
    latencies: list[float] = []
    errors: list[int] = []
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        t0 = time.perf_counter()
        stop = t0 + seconds
        await asyncio.gather(*(_worker(client, url, headers, stop, latencies, errors)
                               for _ in range(connections)))
        elapsed = time.perf_counter() - t0
    latencies.sort()
    n = len(latencies)
    print(json.dumps({"requests": n, "rps": n / elapsed, "errors": len(errors),
                      "p50_ms": 1000 * latencies[n // 2] if n else 0.0,
                      "p99_ms": 1000 * latencies[min(n - 1, int(n * 0.99))] if n else 0.0}))


if __name__ == "__main__":
    hdrs = dict(h.split("=", 1) for h in sys.argv[4:])
    asyncio.run(_main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), hdrs))
