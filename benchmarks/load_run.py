"""A bounded load run against real app servers, and optionally a database fault in the middle of it.

    .venv/bin/python benchmarks/load_run.py                      # 60 s at 32 connections, SQLite
    .venv/bin/python benchmarks/load_run.py --duration 10 --database-url postgres://postgres@127.0.0.1:5432/hub_load
    .venv/bin/python benchmarks/load_run.py --duration 20 --database-url postgres://... --fault
    .venv/bin/python benchmarks/load_run.py --duration 20 --imports             # SQLite: imports beside the load
    .venv/bin/python benchmarks/load_run.py --duration 10 --varnish             # through Varnish (default.vcl)

It builds a database with the real framework and demo content (a throwaway SQLite file, or the PostgreSQL database
named, created if missing), collects the static files, starts gunicorn with the production settings (two sync
workers on a loopback port) and loads the main pages with wrk (Debian's package, installed when missing, as root),
printing requests per second, latency percentiles and errors. Every request goes to 127.0.0.1 and the run stops by
itself after ``--duration`` seconds.

``--fault`` (PostgreSQL only) stops the local PostgreSQL cluster a third of the way in and starts it again a few
seconds later, while probing /healthz and a page four times a second: /healthz must answer 503 while the database
is down, and pages must answer again after it is back, without restarting the app. The script exits non-zero when
any of that does not hold, or when the plain load run sees errors.

``--varnish`` puts Debian's Varnish (installed when missing, as root) with deploy/varnish/default.vcl in front of
the server, on another loopback port, and loads the pages through it: the same report, for a deployment with a
shared cache in front.

``--imports`` runs, all through the load, two framework imports at a time in their own processes (the shipped file
and a copy with another data-set version, so each import writes), as a curator's import beside a spike of
readers would: every import must succeed (SQLite's writers wait for each other instead of failing) and the readers
must see no error.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PAGES = [
    "/en/",
    "/es/framework/",
    "/ar/framework/emerging/",
    "/en/resources/",
    "/es/resources/?type=guide&level=emerging",
    "/fr/pathways/",
    "/en/pathways/mentor/",
    "/en/search/?q=wiki",
    "/api/v1/levels/",
    "/healthz",
]
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def production_environment(work, database_url, sqlite_name="hub.sqlite3", **extra):
    """The environment of the benchmark's servers and commands: the production settings on loopback, the
    database of ``database_url`` (empty: a SQLite file in ``work``), the database cache, static files in
    ``work``; ``extra`` adds or overrides."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="load-benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(work / "static"),
        SQLITE_PATH=str(work / sqlite_name),
        DATABASE_URL=database_url,
        CACHE_URL="",
        LOG_LEVEL="CRITICAL",
    )
    env.update(extra)
    return env


def run(command, env, **kwargs):
    """Run a command in the project, failing loudly with its output."""
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def ensure_wrk():
    """wrk from Debian, installed when missing (root only)."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() != 0:
        sys.exit("wrk is missing: apt-get install wrk")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    )
    return shutil.which("wrk")


def ensure_postgres_database(url):
    """Create the PostgreSQL database named in ``url`` when it does not exist."""
    import psycopg2

    name = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def prepare(env):
    """Migrate, create the cache table, the pages and the shipped content; collect the static files."""
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v", "0"], env)
    run([*manage, "createcachetable"], env)
    run([*manage, "setup_site", "-v", "0"], env)
    run([*manage, "import_framework", "framework/data/framework.yaml", "-v", "0"], env)
    run([*manage, "load_demo_resources", "--if-empty", "-v", "0"], env)
    run([*manage, "link_pathway_resources", "--skip-missing", "-v", "0"], env)
    run([*manage, "load_opportunities", "--if-empty", "-v", "0"], env)
    run([*manage, "collectstatic", "--noinput", "-v", "0"], env)


def start_server(env, port):
    """gunicorn with two sync workers; returns the process once /healthz answers."""
    process = subprocess.Popen(
        [GUNICORN, "hub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if status(f"http://127.0.0.1:{port}/healthz") == 200:
            return process
        time.sleep(0.3)
    process.kill()
    sys.exit("gunicorn did not answer /healthz within 60 s")


def status(url):
    """The HTTP status of a GET (0 when the connection fails)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def load(wrk, base, duration, connections):
    """Run wrk over the pages; returns its report as text."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT % ", ".join(f'"{page}"' for page in PAGES), encoding="utf-8")
    command = [wrk, "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--latency", "-s", str(script), base]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=False)
    script.unlink()
    return result.stdout + result.stderr


def errors_in(report):
    """Non-2xx/3xx answers and socket errors wrk counted."""
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
    return (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0)


def postgres_cluster(action):
    """Stop or start the machine's PostgreSQL cluster (Debian's pg_ctlcluster)."""
    version = sorted(os.listdir("/etc/postgresql"), key=float)[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=False)


def fault(base, duration, timeline):
    """Stop PostgreSQL a third of the way in, start it again five seconds later, probing all along."""
    start = time.monotonic()
    stop_at, restart_at = duration / 3, duration / 3 + 5
    stopped = restarted = False
    while time.monotonic() - start < duration:
        now = time.monotonic() - start
        if not stopped and now >= stop_at:
            postgres_cluster("stop")
            stopped = True
            timeline.append((round(now, 2), "postgres stopped", None, None))
        elif stopped and not restarted and now >= restart_at:
            postgres_cluster("start")
            restarted = True
            timeline.append((round(now, 2), "postgres started", None, None))
        timeline.append((round(now, 2), "probe", status(f"{base}/healthz"), status(f"{base}/en/framework/")))
        time.sleep(0.25)
    if not restarted:
        postgres_cluster("start")


def imports_beside(env, duration, results):
    """Two concurrent framework imports at a time, alternating two files, until ``duration`` seconds have passed."""
    shipped = ROOT / "framework" / "data" / "framework.yaml"
    text = shipped.read_text(encoding="utf-8")
    # A hand-edited copy: without the manifest (which would refuse the edit), with another version number.
    variant_text = re.sub(r"\nmanifest:\n(?:  .*\n)+", "\n", text).replace(
        "dataset_version: '0.1'", "dataset_version: '0.1-load'"
    )
    variant = Path(tempfile.mkstemp(suffix=".yaml")[1])
    variant.write_text(variant_text, encoding="utf-8")
    command = [PYTHON, "manage.py", "import_framework", "-v", "0"]
    start = time.monotonic()
    try:
        while time.monotonic() - start < duration:
            pair = [
                subprocess.Popen(
                    [*command, str(path)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
                )
                for path in (variant, shipped)
            ]
            for process in pair:
                _out, error = process.communicate(timeout=300)
                results.append((process.returncode, error.decode()[-500:]))
    finally:
        variant.unlink()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--database-url", default="", help="a PostgreSQL database (default: a temporary SQLite file)")
    parser.add_argument("--fault", action="store_true", help="stop and start PostgreSQL during the run")
    parser.add_argument("--imports", action="store_true", help="run framework imports beside the load")
    parser.add_argument("--varnish", action="store_true", help="load through Varnish in front of the server")
    options = parser.parse_args()
    if options.fault and not options.database_url:
        sys.exit("--fault needs --database-url (a PostgreSQL database on this machine)")

    work = Path(tempfile.mkdtemp(prefix="hub-load-"))
    env = production_environment(work, options.database_url, CONN_MAX_AGE="0")
    if options.database_url:
        ensure_postgres_database(options.database_url)
    wrk = ensure_wrk()
    print(f"Preparing the database and static files in {work} ...", flush=True)
    prepare(env)
    port = 18000 + os.getpid() % 1000
    server = start_server(env, port)
    base = f"http://127.0.0.1:{port}"
    varnish = None
    if options.varnish:
        subprocess.run(["bash", "scripts/ensure-varnish"], cwd=ROOT, check=True)
        sys.path.insert(0, str(ROOT))
        from tests.varnish import Varnish

        varnish = Varnish(work / "varnish", [port])
        base = varnish.url
    timeline = []
    imports = []
    try:
        prober = importer = None
        if options.fault:
            prober = threading.Thread(target=fault, args=(base, options.duration, timeline))
            prober.start()
        if options.imports:
            importer = threading.Thread(target=imports_beside, args=(env, options.duration, imports))
            importer.start()
        report = load(wrk, base, options.duration, options.connections)
        if importer:
            importer.join()
        if prober:
            prober.join()
            # After the load: the app must serve pages again, without a restart.
            time.sleep(1)
            timeline.append(("after", "probe", status(f"{base}/healthz"), status(f"{base}/en/framework/")))
    finally:
        if varnish is not None:
            varnish.stop()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    backend = "PostgreSQL" if options.database_url else "SQLite"
    if options.varnish:
        backend += ", through Varnish"
    print(f"\n== Load: {options.duration} s, {options.connections} connections, {len(PAGES)} pages, {backend}")
    print(report.strip())
    if not options.fault:
        errors = errors_in(report)
        print(f"\nErrors (non-2xx/3xx and socket errors): {errors}")
        failed = [error for code, error in imports if code != 0]
        if options.imports:
            print(f"Framework imports beside the load: {len(imports)}, failed: {len(failed)}")
            for error in failed[:3]:
                print(f"  {error}")
        return 1 if errors or failed or (options.imports and not imports) else 0

    print("\n== Fault: PostgreSQL stopped and started under load (time, event, /healthz, a page)")
    down = [entry for entry in timeline if entry[1] == "probe" and entry[2] == 503]
    for entry in timeline:
        if entry[1] != "probe" or entry in down[:1] or entry is timeline[-1]:
            print(f"  {entry}")
    stopped_at = next(entry[0] for entry in timeline if entry[1] == "postgres stopped")
    started_at = next(entry[0] for entry in timeline if entry[1] == "postgres started")
    recovered = [e for e in timeline if e[1] == "probe" and e[0] != "after" and e[0] > started_at and e[3] == 200]
    final = timeline[-1]
    print(f"  /healthz answered 503 {len(down)} times while the database was down ({stopped_at}–{started_at} s)")
    print(f"  first page served after the restart at {recovered[0][0] if recovered else 'never'} s")
    print(f"  after the run: /healthz {final[2]}, page {final[3]}")
    ok = bool(down) and bool(recovered) and final[2:] == (200, 200)
    print("Fault run: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
