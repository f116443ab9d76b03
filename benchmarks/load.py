"""Page by page under load, against a minimal Django view in the same run (issue #15 point 5).

    .venv/bin/python benchmarks/load.py                                   # SQLite, 50 and 5,000 resources
    .venv/bin/python benchmarks/load.py --database-url postgres://postgres@127.0.0.1:5432/hub_bench
    .venv/bin/python benchmarks/load.py --sizes 50 --duration 3 --rounds 1   # a quick look
    .venv/bin/python benchmarks/load.py --sizes 50 --cold-start-only        # the first request after a restart

For each size it builds a throwaway database with the shipped framework and demo content (the demo has 50
guides; more are generated up to the size), collects the static files and starts three gunicorn servers with the
production settings, two sync workers each: the Hub with its page cache, the Hub without it (``PAGE_CACHE=0``:
every request rendered; the facet counts and Wagtail's site paths stay cached as in production), and a minimal
Django view (``benchmarks/minimal_app.py``). Then, in interleaved rounds (the machine's speed drifts; every page is
measured beside the minimal view in each round), wrk loads each page for ``--duration`` seconds at
``--connections`` connections. It prints per page: requests per second, p50/p95/p99 latency, the SQL queries of
one request with every cache empty, the bytes sent (with ``Accept-Encoding: br, gzip``), and the ratio of its
requests per second to the minimal view's, uncached and cached.

Cold start: for each page type, a gunicorn of one worker is started afresh (production settings) and, once the
worker says it has loaded the app (``benchmarks/gunicorn_ready.py``: hub/wsgi.py's warm-up is part of that), the
first request to that page is timed, then a second one; the target is under 300 ms for the first (issue #15).
The first-visit bytes are the home page and the listing as sent with ``Accept-Encoding: br``, plus each
stylesheet and script they load, once, as WhiteNoise sends them (the ``.br`` collectstatic wrote).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_run import (  # noqa: E402
    GUNICORN,
    PYTHON,
    ROOT,
    ensure_postgres_database,
    ensure_wrk,
    prepare,
    production_environment,
    run,
    status,
)
from pages import PAGES  # noqa: E402

# Every request says what a browser says, "Accept-Encoding: br, gzip", so the Hub's pages are measured as sent to
# visitors (Brotli), not as their uncompressed bytes, which no browser asks for; the minimal view ignores it. wrk
# prints the percentiles we ask for in its done() hook, as one JSON line. With ``--count-hits`` every response's
# X-Page-Cache is counted as well (in every run, the minimal view's included, so that wrk's extra work per response
# is the same for all): a cached page that is not a hit every time is a cache problem, not a speed one.
WRK_SCRIPT = """
wrk.headers["Accept-Encoding"] = "br, gzip"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hit = 0; miss = 0; pass = 0; none = 0 end
%(response)s
done = function(summary, latency, requests)
  local counts = {hit = 0, miss = 0, pass = 0, none = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(counts) do counts[name] = counts[name] + (thread:get(name) or 0) end
  end
  io.write(string.format('{"requests": %%d, "seconds": %%f, "errors": %%d, "p50": %%f, "p95": %%f, "p99": %%f,'
    .. ' "hit": %%d, "miss": %%d, "pass": %%d, "none": %%d}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    counts.hit, counts.miss, counts.pass, counts.none))
end
"""
STATES = ("hit", "miss", "pass", "none")
COUNT_RESPONSES = """
function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then hit = hit + 1 elseif state == "miss" then miss = miss + 1
  elseif state == "pass" then pass = pass + 1 else none = none + 1 end
end
"""

GROW = """
import sys
sys.path.insert(0, {benchmarks!r})
import django
django.setup()
from resources.models import ResourceIndexPage, ResourcePage
from resources_listing import build_resources
missing = {size} - ResourcePage.objects.count()
if missing > 0:
    build_resources(missing, index=ResourceIndexPage.objects.get(), prefix="load")
"""

MEASURE = """
import json
import django
django.setup()
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from resources.models import ResourcePage
paths = json.loads({paths!r})
guide = ResourcePage.objects.live().order_by("pk").first()
client = Client(HTTP_HOST="127.0.0.1")
counts = {{}}
for name, path in paths:
    path = path or guide.get_url()
    for cache in caches.all():
        cache.clear()
    client.get(path)  # the process's first request pays its own start-up; measure the next one, caches emptied
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    counts[name] = [path, response.status_code, len(queries)]
print(json.dumps(counts))
"""


def start(command, env, port):
    """A gunicorn process; returned once ``/healthz`` (or ``/``) answers."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if status(f"http://127.0.0.1:{port}/healthz") in (200, 404):
            return process
        time.sleep(0.3)
    process.kill()
    sys.exit(f"gunicorn on port {port} did not answer within 60 s")


def cpu_ticks(process):
    """CPU time (clock ticks) used so far by a gunicorn master ``process`` and its workers, from /proc."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rpartition(")")[2].split()
        except OSError:
            continue  # a process that ended meanwhile
        # After the command: state, ppid, ..., utime (14th field of the line) and stime (15th).
        if stat.parent.name == str(process.pid) or fields[1] == str(process.pid):
            total += int(fields[11]) + int(fields[12])
    return total


def settle(process, timeout=30.0):
    """Wait until ``process``'s workers are idle: wrk stops with up to ``--connections`` requests still queued or
    running in the server it loaded, and a slow page's (the uncached level page's: 16 requests at 50-80 ms of CPU
    each) would otherwise be rendered on the shared cores during the next measurement. Returns the seconds waited."""
    started = time.monotonic()
    before = cpu_ticks(process)
    while time.monotonic() - started < timeout:
        time.sleep(0.1)
        now = cpu_ticks(process)
        if now - before <= 1:  # at most one tick (10 ms) in 100 ms: nothing queued any more
            break
        before = now
    return time.monotonic() - started


def hub_server(env, port, page_cache):
    command = [GUNICORN, "hub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    return start(command, {**env, "PAGE_CACHE": "1" if page_cache else "0"}, port)


def minimal_server(env, port):
    command = [GUNICORN, "minimal_app:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    return start(command, {**env, "PYTHONPATH": str(ROOT / "benchmarks")}, port)


def wrk_run(wrk, url, duration, connections, script):
    """One wrk run on ``url``: requests/s, latency percentiles (ms) and errors."""
    command = [wrk, "-t", "2", "-c", str(connections), "-d", f"{duration}s", "-s", str(script), url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=False)
    line = next((line for line in result.stdout.splitlines() if line.startswith('{"requests"')), None)
    if line is None:
        sys.exit(f"wrk failed on {url}:\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def cold_start(env, path, port, warmup=True):
    """Milliseconds of the first and the second request to ``path`` on a freshly started, ready gunicorn."""
    ready = Path(tempfile.mkstemp(suffix=".ready")[1])
    ready.write_text("", encoding="ascii")
    command = [
        GUNICORN, "hub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
        "--config", str(ROOT / "benchmarks" / "gunicorn_ready.py"),
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**env, "HUB_READY_FILE": str(ready)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.read_text(encoding="ascii").strip():
            if time.monotonic() > deadline or process.poll() is not None:
                sys.exit(f"gunicorn on port {port} did not start")
            time.sleep(0.05)
        time.sleep(0.2)  # the worker's accept loop starts just after post_worker_init
        timings = []
        for _attempt in range(2):
            started = time.perf_counter()
            code = status(f"http://127.0.0.1:{port}{path}")
            timings.append((time.perf_counter() - started) * 1000)
            if code != 200:
                sys.exit(f"{path} answered {code} after a restart")
        return timings
    finally:
        process.terminate()
        process.wait(timeout=30)
        ready.unlink()


def first_visit(base):
    """Bytes of a first visit to the home page, then the listing, with ``Accept-Encoding: br``: both pages and
    each stylesheet and script they load, once; ``{url: (bytes, encoding)}``."""
    import brotli

    sizes, assets = {}, []
    for path in ("/en/", "/en/resources/"):
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            body = response.read()
            encoding = response.headers.get("Content-Encoding") or "identity"
        sizes[path] = (len(body), encoding)
        html = brotli.decompress(body).decode() if encoding == "br" else body.decode()
        for url in re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html):
            if url not in assets:
                assets.append(url)
    for url in assets:
        sizes[url] = transferred(base + url if url.startswith("/") else url, accept="br")
    return sizes


def print_cold_start(env, paths):
    """Print the first and second request after a restart for each page, and the first visit's bytes."""
    port = 19600 + os.getpid() % 300
    print("\n== Cold start: the first request to each page after gunicorn (1 worker, production settings) is ready")
    print(f"{'page':20} {'no warm-up: 1st ms':>18} {'2nd ms':>7} | {'warm-up: 1st ms':>15} {'2nd ms':>7}")
    worst = 0
    for name, path in paths:
        cold_first, cold_second = cold_start(env, path, port, warmup=False)
        first, second = cold_start(env, path, port)
        worst = max(worst, first)
        print(f"{name:20} {cold_first:>18.0f} {cold_second:>7.0f} | {first:>15.0f} {second:>7.0f}")
    print(f"slowest first request with the warm-up: {worst:.0f} ms (target < 300 ms)")
    server = hub_server(env, port, page_cache=True)
    try:
        sizes = first_visit(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("\n== First visit (home, then the listing), Accept-Encoding: br")
    for url, (sent, encoding) in sizes.items():
        print(f"{sent:>8} {encoding:>8}  {url}")
    total = sum(sent for sent, _encoding in sizes.values())
    print(f"{total:>8} bytes in all ({total / 1024:.1f} KB; target < 100 KB)")


def transferred(url, accept="br, gzip"):
    """Bytes of the body as sent to a browser that accepts Brotli and gzip."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return len(response.read()), response.headers.get("Content-Encoding") or "identity"


def measure_size(options, wrk, database_url, size, work):
    """Build the database of ``size`` resources, start the servers, load every page; returns the rows."""
    env = production_environment(
        work,
        database_url,
        sqlite_name=f"hub-{size}.sqlite3",
        CONN_MAX_AGE="60",
        PYTHONPATH=str(ROOT),
        CACHE_URL=options.cache_url,
    )
    print(f"Building the database with {size} resources ...", flush=True)
    prepare(env)
    run([PYTHON, "-c", GROW.format(benchmarks=str(ROOT / "benchmarks"), size=size)], env)
    counts = json.loads(run([PYTHON, "-c", MEASURE.format(paths=json.dumps(PAGES))], env).strip().splitlines()[-1])
    broken = {name: (path, code) for name, (path, code, _queries) in counts.items() if code != 200}
    if broken:
        sys.exit(f"Pages that do not answer 200: {broken}")
    if options.cold_start or options.cold_start_only:
        print_cold_start(env, [(name, counts[name][0]) for name, _path in PAGES])
    if options.cold_start_only:
        return None

    base_port = 19000 + os.getpid() % 500
    ports = {"uncached": base_port, "cached": base_port + 1, "minimal": base_port + 2}
    servers = [
        hub_server(env, ports["uncached"], page_cache=False),
        hub_server(env, ports["cached"], page_cache=True),
        minimal_server(env, ports["minimal"]),
    ]
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT % {"response": COUNT_RESPONSES if options.count_hits else ""}, encoding="utf-8")
    results = {name: {"uncached": [], "cached": [], "minimal": []} for name, _path in PAGES}
    kinds = ["uncached", "cached", "minimal"]  # the order of ``servers``
    waited = dict.fromkeys(kinds, 0.0)
    try:
        for number in range(options.rounds):
            print(f"  round {number + 1} of {options.rounds}", flush=True)
            for name, _path in PAGES:
                path = counts[name][0]
                for kind in ("minimal", "uncached", "cached"):
                    url = f"http://127.0.0.1:{ports[kind]}{path if kind != 'minimal' else '/'}"
                    if kind == "cached":
                        status(url)  # fill the page cache
                    results[name][kind].append(wrk_run(wrk, url, options.duration, options.connections, script))
                    waited[kind] = max(waited[kind], settle(servers[kinds.index(kind)]))
        sizes = {name: transferred(f"http://127.0.0.1:{ports['cached']}{counts[name][0]}") for name, _path in PAGES}
        print(
            "  longest wait for a server to finish its queued requests after wrk: "
            + ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in waited.items())
        )
    finally:
        script.unlink()
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    rows = []
    for name, _path in PAGES:
        path, code, queries = counts[name]
        row = {"page": name, "path": path, "status": code, "queries": queries, "bytes": sizes[name]}
        minimal = statistics.median(run_["rps"] for run_ in results[name]["minimal"])
        row["minimal_rps"] = minimal
        for kind in ("uncached", "cached"):
            runs = results[name][kind]
            rps = statistics.median(run_["rps"] for run_ in runs)
            row[kind] = {
                "rps": rps,
                "ratio": rps / minimal if minimal else 0,
                "p50": statistics.median(run_["p50"] for run_ in runs),
                "p95": statistics.median(run_["p95"] for run_ in runs),
                "p99": statistics.median(run_["p99"] for run_ in runs),
                "errors": sum(run_["errors"] for run_ in runs),
                "states": {state: sum(run_.get(state, 0) for run_ in runs) for state in STATES},
            }
        rows.append(row)
    return rows


def print_table(database, size, rows, options):
    print(
        f"\n== {database}, {size} resources: {options.connections} connections, {options.rounds} round(s) of"
        f" {options.duration} s per page and server; ratio = requests/s ÷ the minimal view's in the same round"
    )
    minimal = statistics.median(row["minimal_rps"] for row in rows)
    print(f"minimal Django view: {minimal:.0f} requests/s")
    header = (
        f"{'page':20} {'queries':>7} {'bytes':>13} | {'uncached r/s':>12} {'ratio':>6} {'p50':>6} {'p95':>6} {'p99':>6}"
        f" | {'cached r/s':>10} {'ratio':>6} {'p50':>6} {'p95':>6} {'p99':>6} | errors"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        sent, encoding = row["bytes"]
        u, c = row["uncached"], row["cached"]
        print(
            f"{row['page']:20} {row['queries']:>7} {sent:>7} {encoding:>5} | {u['rps']:>12.0f} {u['ratio']:>6.3f}"
            f" {u['p50']:>6.1f} {u['p95']:>6.1f} {u['p99']:>6.1f} | {c['rps']:>10.0f} {c['ratio']:>6.3f}"
            f" {c['p50']:>6.1f} {c['p95']:>6.1f} {c['p99']:>6.1f} | {u['errors'] + c['errors']}"
        )
    print("(latencies in ms; bytes of the HTML as sent, with its Content-Encoding)")
    if options.count_hits:
        print("X-Page-Cache of the cached server's responses, every run of a page added up:")
        for row in rows:
            print(f"  {row['page']:20} " + " ".join(f"{state} {n}" for state, n in row["cached"]["states"].items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="", help="a PostgreSQL database (default: temporary SQLite files)")
    parser.add_argument(
        "--cache-url",
        default="",
        help="the shared cache, e.g. redis://127.0.0.1:6379/9 (default: Django's database cache, as with no Redis)",
    )
    parser.add_argument("--sizes", default="50,5000", help="numbers of resources, comma-separated (default 50,5000)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page, server and round (default 5)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument(
        "--count-hits", action="store_true", help="count each response's X-Page-Cache (hit, miss, pass) per page"
    )
    parser.add_argument("--cold-start", action="store_true", help="also time the first request after a restart")
    parser.add_argument("--cold-start-only", action="store_true", help="only the cold start and first-visit bytes")
    options = parser.parse_args()
    sizes = [int(size) for size in re.split(r"[,\s]+", options.sizes.strip()) if size]
    wrk = None if options.cold_start_only else ensure_wrk()
    database = ("PostgreSQL" if options.database_url else "SQLite") + (" + Redis" if options.cache_url else "")
    failed = False
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix="hub-bench-"))
        url = ""
        if options.database_url:
            url = f"{options.database_url}_{size}"
            ensure_postgres_database(url)
        rows = measure_size(options, wrk, url, size, work)
        if rows is None:
            continue
        print_table(database, size, rows, options)
        failed |= any(row["status"] != 200 or row["uncached"]["errors"] or row["cached"]["errors"] for row in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
