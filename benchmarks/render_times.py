"""Milliseconds per uncached rendering of each page type, in one process, with no load generator.

    DATABASE_URL=sqlite:////tmp/hub.sqlite3 .venv/bin/python benchmarks/render_times.py
    DATABASE_URL=... .venv/bin/python benchmarks/render_times.py --renders 50 --profile "resources listing"

The production settings with the page cache off (``PAGE_CACHE=0``), as ``benchmarks/load.py``'s uncached server
runs them, against a database that already holds the content (``make content``, or a benchmark's). Each page is
requested through the whole WSGI application (every middleware, the views, the templates) as an anonymous visitor;
a few requests warm it, then ``--renders`` are timed: the median wall time, its spread, and the median CPU time of
the process (what other processes on a shared machine disturb least). Far less noisy than the load benchmark, and
it shows where the time goes: ``--profile NAME`` prints cProfile's top functions for one page."""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pages import PAGES  # noqa: E402


def configure():
    """The production settings on loopback with the page cache off; the caller's DATABASE_URL and CACHE_URL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.production"
    os.environ.setdefault("SECRET_KEY", "render-times-only-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["PAGE_CACHE"] = "0"
    os.environ.setdefault("LOG_LEVEL", "CRITICAL")
    os.environ.setdefault("HUB_WARMUP", "0")
    os.environ.setdefault("STATIC_ROOT", str(Path(tempfile.gettempdir()) / "hub-render-times-static"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not any(Path(settings.STATIC_MANIFEST_ROOT).glob("*.json")):
        call_command("collectstatic", interactive=False, verbosity=0)


def request(application, path):
    """One anonymous GET of ``path`` through the WSGI application; returns the status and the body's length."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "br, gzip",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        size = sum(len(chunk) for chunk in body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return statuses[0], size


def resource_path():
    """The first demo guide's address, as the load benchmark picks it."""
    from resources.models import ResourcePage

    page = ResourcePage.objects.live().order_by("path").first()
    return page.url if page else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=50, help="timed renderings per page (default 50)")
    parser.add_argument("--warm", type=int, default=3, help="untimed renderings first (default 3)")
    parser.add_argument("--only", default="", help="comma-separated page names to time (default: all)")
    parser.add_argument("--profile", default="", help="profile this page (cProfile, top 40 by cumulative time)")
    options = parser.parse_args()
    configure()
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    only = {name.strip() for name in options.only.split(",") if name.strip()}
    pages = [(name, path or resource_path()) for name, path in PAGES if not only or name in only]
    if options.profile:
        pages = [(name, path) for name, path in pages if name == options.profile]
        if not pages:
            sys.exit(f"No page called {options.profile!r}.")
    print(f"{'page':<20} {'path':<45} {'status':<8} {'bytes':>7} {'median ms':>10} {'min–max ms':>14} {'CPU ms':>8}")
    for name, path in pages:
        for _ in range(options.warm):
            request(application, path)
        if options.profile:
            profiler = cProfile.Profile()
            profiler.enable()
        times, cpu = [], []
        for _ in range(options.renders):
            began, began_cpu = time.perf_counter(), time.process_time()
            status, size = request(application, path)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        if options.profile:
            profiler.disable()
        spread = f"{min(times):.1f}–{max(times):.1f}"
        print(
            f"{name:<20} {path:<45} {status[:3]:<8} {size:>7} {statistics.median(times):>10.2f} {spread:>14}"
            f" {statistics.median(cpu):>8.2f}"
        )
        if options.profile:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(40)
            stats.sort_stats("tottime").print_stats(25)
            print(out.getvalue())


if __name__ == "__main__":
    main()
