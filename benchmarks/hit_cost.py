"""CPU per page-cache hit, page by page, against the minimal Django view: no load generator, no sockets.

    DATABASE_URL=sqlite:////tmp/hub.sqlite3 CACHE_URL=redis://127.0.0.1:6379/9 .venv/bin/python benchmarks/hit_cost.py
    ... benchmarks/hit_cost.py --hits 5000 --only "home,level"
    ... benchmarks/hit_cost.py --profile home            # cProfile's top functions of one page's hits

The production settings with the page cache on, against a database that already holds the content (``make
content``, or a benchmark's: ``load.py`` keeps none, ``render_times.py``'s database does). Each page is requested
through ``hub.wsgi.application`` (the page cache's WSGI wrapper, as gunicorn calls it) with
``Accept-Encoding: br, gzip``: once to render and store it, once to read the entry into this process, then
``--hits`` times, timed with ``time.process_time()`` in batches (the median batch is given: a process's CPU time is
what other processes on a shared machine disturb least). Every timed request must be a hit: the script counts
X-Page-Cache, the SQL queries and the calls to the compressors, and prints them per page.

The minimal view (``benchmarks/minimal_app.py``, gunicorn's yardstick in ``load.py``) is called the same way in a
process of its own (it configures Django by itself). ``ratio`` is the minimal view's CPU per request divided by the
page's: what the page's requests per second would be, relative to the minimal view's, if the app were the only
cost. Under gunicorn, accepting the connection, parsing the request and writing the answer cost the same for both,
so the ratio wrk measures is higher than this one for the same app code (issue #15's target: cached ≥ 0.8×).
"""

import argparse
import cProfile
import gzip
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pages import PAGES  # noqa: E402

BATCH = 250


def environ_for(path):
    """The WSGI environ of an anonymous GET of ``path``, as gunicorn builds it for a browser."""
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "br, gzip",
        "HTTP_USER_AGENT": "hit-cost",
        "HTTP_ACCEPT": "text/html",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def call(application, path):
    """One request; returns its headers (a dict) and the body's length, the body read as a server would."""
    answer = {}
    body = application(environ_for(path), lambda status, headers, exc_info=None: answer.update(headers))
    try:
        size = sum(len(chunk) for chunk in body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return answer, size


def timed(application, path, hits):
    """Median CPU microseconds per request over batches of ``hits`` requests, and each X-Page-Cache's count."""
    states, per_request = {}, []
    done = 0
    while done < hits:
        batch = min(BATCH, hits - done)
        began = time.process_time()
        for _ in range(batch):
            headers, _size = call(application, path)
            state = headers.get("X-Page-Cache", "none")
            states[state] = states.get(state, 0) + 1
        per_request.append((time.process_time() - began) / batch * 1e6)
        done += batch
    return statistics.median(per_request), states


def minimal_cost(hits):
    """CPU microseconds per request of the minimal view, measured in a process of its own."""
    code = (
        "import json, sys; sys.path[:0] = [{root!r}, {benchmarks!r}]; import hit_cost, minimal_app;"
        "print(json.dumps(hit_cost.timed(minimal_app.application, '/', {hits})))"
    ).format(root=str(ROOT), benchmarks=str(ROOT / "benchmarks"), hits=hits)
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    cost, _states = json.loads(result.stdout.strip().splitlines()[-1])
    return cost


def configure():
    """The production settings on loopback with the page cache on; the caller's DATABASE_URL and CACHE_URL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.production"
    os.environ.setdefault("SECRET_KEY", "hit-cost-only-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["PAGE_CACHE"] = "1"
    os.environ.setdefault("LOG_LEVEL", "CRITICAL")
    os.environ.setdefault("HUB_WARMUP", "0")
    os.environ.setdefault("STATIC_ROOT", str(Path("/tmp") / "hub-render-times-static"))  # noqa: S108 (a benchmark's)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not any(Path(settings.STATIC_MANIFEST_ROOT).glob("*.json")):
        call_command("collectstatic", interactive=False, verbosity=0)


class Counter:
    """Counts calls of a function it replaces (the compressors: a hit compresses nothing)."""

    def __init__(self, module, name):
        self.module, self.name, self.original, self.calls = module, name, getattr(module, name), 0
        setattr(module, name, self)

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.original(*args, **kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hits", type=int, default=3000, help="timed hits per page (default 3000)")
    parser.add_argument("--only", default="", help="comma-separated page names (default: every cached page type)")
    parser.add_argument("--profile", default="", help="profile this page's hits (cProfile, top 30 by own time)")
    options = parser.parse_args()
    configure()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from render_times import resource_path

    from hub.wsgi import application

    only = {name.strip() for name in options.only.split(",") if name.strip()} | {options.profile} - {""}
    # The API is outside the page cache (no language prefix): it has no hits to measure.
    pages = [(name, path or resource_path()) for name, path in PAGES if not (path or "").startswith("/api/")]
    pages = [(name, path) for name, path in pages if not only or name in only]
    minimal = minimal_cost(options.hits)
    caches = f"{settings.CACHES['default']['BACKEND'].rpartition('.')[2]} + {settings.CACHES['pages']['BACKEND']}"
    print(f"caches: {caches}; {options.hits} hits per page, CPU µs per request (median of batches of {BATCH})")
    print(f"minimal Django view: {minimal:.1f} µs")
    print(f"{'page':20} {'path':42} {'hit µs':>7} {'ratio':>6} {'bytes':>6} {'queries':>7} {'compress':>8}  states")
    compressors = [Counter(brotli, "compress"), Counter(gzip, "compress")]
    for name, path in pages:
        call(application, path)  # rendered and stored
        call(application, path)  # the entry read into this process
        before = sum(counter.calls for counter in compressors)
        profiler = cProfile.Profile() if options.profile == name else None
        with CaptureQueriesContext(connection) as queries:
            if profiler:
                profiler.enable()
            cost, states = timed(application, path, options.hits)
            if profiler:
                profiler.disable()
        compressed = sum(counter.calls for counter in compressors) - before
        headers, size = call(application, path)
        print(
            f"{name:20} {path[:42]:42} {cost:>7.1f} {minimal / cost:>6.2f} {size:>6} {len(queries):>7} {compressed:>8}"
            f"  {' '.join(f'{state} {count}' for state, count in sorted(states.items()))}"
        )
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
            print(out.getvalue())


if __name__ == "__main__":
    main()
