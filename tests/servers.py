"""Real app servers for the tests that need more than one process: gunicorn on loopback ports, on a database of
their own, with the project's default cache (shared by every process). Shared by the tests, not a test module."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(sqlite_path, **extra):
    """The environment of a server (or a command) on the SQLite database at ``sqlite_path``, with the development
    settings (plain static files) and the base settings' cache: the database cache in that same database.
    ``extra`` overrides any of it (``DATABASE_URL`` for a PostgreSQL database instead)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.dev",
        SQLITE_PATH=str(sqlite_path),
        DATABASE_URL="",
        CACHE_URL="",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env, *args):
    """Run ``manage.py`` with ``args`` in ``env``; fails the test with its output when it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def prepare_site(env):
    """Migrate the database, create the cache table and the site's pages."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "setup_site", "-v", "0")


class Server:
    """One gunicorn process with one sync worker, serving the Hub at ``self.url``. It is ready when /healthz
    answers 200, or any status with ``healthy=False`` (a server started on a broken database on purpose)."""

    def __init__(self, env, *, healthy=True):
        self.healthy = healthy
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "hub.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "60"],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": env["DJANGO_SETTINGS_MODULE"]},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait()

    def _wait(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5):
                    return
            except urllib.error.HTTPError:
                if not self.healthy:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"gunicorn on port {self.port} did not answer within {seconds} s")

    def stop(self):
        """Stop the server and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)


class Browser:
    """A minimal browser for form posts across servers: keeps cookies per server, reads the CSRF token."""

    TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, url):
        """``(status, body)`` of a GET."""
        return self._open(urllib.request.Request(url))

    def post_form(self, page_url, fields):
        """GET ``page_url``, then POST ``fields`` with its CSRF token back to it; returns the POST's status."""
        _status, body = self.get(page_url)
        token = self.TOKEN.search(body).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(page_url, data=data, headers={"Referer": page_url})
        return self._open(request)[0]

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect as its own status instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


# --- The real servers of the scale-out tests (make test-scaleout) ---------------------------------------------


def postgres_server():
    """The PostgreSQL server of DATABASE_URL (make test-scaleout sets it), without a database name."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.fail("The scale-out tests need DATABASE_URL naming a PostgreSQL server (make test-scaleout sets it)")
    return url.rsplit("/", 1)[0]


def redis_url():
    """CACHE_URL (a Redis database of the tests' own), checked to answer."""
    import redis  # noqa: PLC0415 (only the scale-out tests need it)

    url = os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/8"
    try:
        client = redis.Redis.from_url(url, socket_timeout=5)
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"The scale-out tests need Redis at {url}: {error}")
    client.flushdb()
    return url


def admin_sql(server, statement):
    import psycopg2  # noqa: PLC0415

    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


def production_environment(work, **extra):
    """The environment of an app server (or a command) with the production settings on loopback, its static files
    collected under ``work``; ``extra`` adds or overrides (DATABASE_URL, CACHE_URL…)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="scale-out-tests-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(work / "static"),
        CONN_MAX_AGE="0",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env
