"""Settings per environment: production refuses to start without its secrets and passes
`check --deploy`; SQLite lets a second writer wait instead of failing."""

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction

from hub.settings.base import SQLITE_OPTIONS

STRONG_KEY = "k9$Vq2!mT7#xR4@pL8&wZ1^cN6*bH3%jF5(dS0)gY2-uE7+aQ4"


def run_manage(*args, **env_overrides):
    """Run manage.py in a fresh process with only the environment we give it (plus PATH)."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "hub.settings.production"}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="hub.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_check_deploy_with_no_findings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="hub.example.org"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_switches_to_postgresql_with_health_checks():
    probe = (
        "from django.conf import settings as s; d = s.DATABASES['default']; print(d['ENGINE'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "DATABASE_URL": "postgres://hub@db.internal:5432/hub",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {probe}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "True"], result.stderr


def test_the_wsgi_app_takes_what_it_loaded_out_of_full_garbage_collections():
    probe = (
        "import gc; before = gc.get_freeze_count(); import hub.wsgi; from wagtail.models import Page; "
        "print(before, gc.get_freeze_count(), gc.is_tracked(Page) and Page in gc.get_objects(generation=2))"
    )
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "hub.settings.dev"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    before, frozen, page_still_scanned = result.stdout.split()
    assert before == "0", result.stderr
    assert int(frozen) > 100_000
    assert page_still_scanned == "False"


@pytest.fixture
def sqlite_file_alias(tmp_path, django_db_blocker):
    """A second database alias: a SQLite file opened with the settings' SQLite options."""
    alias = "concurrency"
    wanted = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "hub.sqlite3"), "OPTIONS": SQLITE_OPTIONS}
    # configure_settings fills in Django's defaults; it insists on seeing a "default" alias too.
    configured = connections.configure_settings({"default": dict(connections.settings["default"]), alias: wanted})
    connections.settings[alias] = configured[alias]
    with django_db_blocker.unblock():
        yield alias, tmp_path / "hub.sqlite3"
        connections[alias].close()
    del connections.settings[alias]


def test_sqlite_uses_write_ahead_log(sqlite_file_alias):
    alias, _path = sqlite_file_alias
    with connections[alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_sqlite_second_writer_waits_instead_of_failing(sqlite_file_alias):
    """Two transactions that each read then write: with SQLite's default deferred transactions the
    second fails at once with "database is locked" (or loses the first one's update); ours waits
    for the first to commit."""
    alias, path = sqlite_file_alias
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE counter (n INTEGER)")
    setup.execute("INSERT INTO counter VALUES (0)")
    setup.commit()
    setup.close()

    errors = []
    first_holds_lock = threading.Event()

    def increment(hold_seconds, signal=None):
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                n = cursor.fetchone()[0]
                if signal:
                    signal.set()
                time.sleep(hold_seconds)
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as error:  # noqa: BLE001 - any failure is what this test looks for
            errors.append(error)
        finally:
            connections[alias].close()

    first = threading.Thread(target=increment, args=(0.5, first_holds_lock))
    first.start()
    assert first_holds_lock.wait(5)
    second = threading.Thread(target=increment, args=(0,))
    second.start()
    first.join()
    second.join()

    assert errors == []
    check = sqlite3.connect(path)
    assert check.execute("SELECT n FROM counter").fetchone()[0] == 2
    check.close()


def test_production_collectstatic_writes_hashed_compressed_files(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="hub.example.org",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    assert result.returncode == 0, result.stderr
    tmp_path = tmp_path / "static"
    # The manifest is written beside the served folder, not in it (WhiteNoise serves everything in STATIC_ROOT).
    assert not (tmp_path / "staticfiles.json").exists()
    manifest = json.loads((tmp_path.with_name("static-manifest") / "staticfiles.json").read_text())["paths"]
    hashed = manifest["hub/css/hub.css"]
    assert re.fullmatch(r"hub/css/hub\.[0-9a-f]{12}\.css", hashed)
    assert (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists()
    # Codex comes from npm through `make assets`, in both directions.
    assert "vendor/codex/codex.style-rtl.css" in manifest


def test_production_serves_hashed_static_files_but_not_their_manifest(tmp_path):
    static_root = tmp_path / "static"
    env = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "testserver", "STATIC_ROOT": str(static_root)}
    assert run_manage("collectstatic", "--noinput", **env).returncode == 0
    hashed = json.loads((tmp_path / "static-manifest" / "staticfiles.json").read_text())["paths"]["hub/css/hub.css"]
    # WhiteNoise as production configures it, in front of a view that answers 404 for whatever it lets through.
    answer = probe(
        "import json; from django.http import HttpResponse;"
        "from django.test import RequestFactory; from whitenoise.middleware import WhiteNoiseMiddleware;"
        "static = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404)); get = RequestFactory().get;"
        f"print(json.dumps([static(get(p)).status_code for p in ('/static/staticfiles.json', '/static/{hashed}')]))",
        **env,
    )
    assert json.loads(answer) == [404, 200]


# --- More than one machine: static files on a CDN, media on shared storage -------------------------------------


def probe(code, **env):
    """Run ``code`` after django.setup() with the production settings and ``env``; returns its last output line."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "hub.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_static_files_can_come_from_a_cdn_that_pulls_from_the_app_servers(tmp_path):
    env = {
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "testserver",
        "STATIC_ROOT": str(tmp_path / "static"),
        "STATIC_URL": "https://cdn.example.org/static/",
    }
    assert run_manage("collectstatic", "--noinput", **env).returncode == 0
    answer = json.loads(
        probe(
            "import json; from django.http import HttpResponse; from django.templatetags.static import static;"
            "from django.test import RequestFactory; from whitenoise.middleware import WhiteNoiseMiddleware;"
            "from core.middleware import ContentSecurityPolicyMiddleware;"
            "get = RequestFactory().get; url = static('hub/css/hub.css');"
            "pulled = WhiteNoiseMiddleware(lambda r: HttpResponse(status=404))(get(url.removeprefix('https://cdn.example.org')));"
            "page = ContentSecurityPolicyMiddleware(lambda r: HttpResponse('<p>'))(get('/en/'));"
            "print(json.dumps([url, pulled.status_code, page['Content-Security-Policy']]))",
            **env,
        )
    )
    url, pulled, policy = answer
    # Pages link the hashed file on the CDN; the CDN fetches it from an app server at the same path.
    assert re.fullmatch(r"https://cdn\.example\.org/static/hub/css/hub\.[0-9a-f]{12}\.css", url)
    assert pulled == 200
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip())
    for name in ("script-src", "style-src", "font-src"):
        assert "https://cdn.example.org" in directives[name].split(), name
    assert "https://cdn.example.org" not in directives["default-src"]


def test_static_url_without_a_trailing_slash_is_refused_with_a_message():
    result = run_manage("check", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="hub.example.org", STATIC_URL="https://cdn")
    assert result.returncode != 0
    assert "STATIC_URL must end with a slash" in result.stderr


def test_media_goes_to_the_storage_the_environment_names(tmp_path):
    shared = tmp_path / "shared-media"
    options = json.dumps({"location": str(shared), "base_url": "https://media.example.org/hub/"})
    saved = probe(
        "from django.core.files.base import ContentFile; from django.core.files.storage import default_storage;"
        "name = default_storage.save('images/logo.txt', ContentFile(b'hub')); print(name, default_storage.url(name))",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="hub.example.org",
        MEDIA_STORAGE_BACKEND="django.core.files.storage.FileSystemStorage",
        MEDIA_STORAGE_OPTIONS=options,
    )
    assert saved == "images/logo.txt https://media.example.org/hub/images/logo.txt"
    assert (shared / "images" / "logo.txt").read_bytes() == b"hub"


@pytest.mark.parametrize(
    ("options", "message"),
    [("{location:", "MEDIA_STORAGE_OPTIONS is not valid JSON"), ('["a"]', "must be a JSON object")],
)
def test_bad_media_storage_options_are_refused_with_a_message(options, message):
    result = run_manage("check", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="hub.example.org", MEDIA_STORAGE_OPTIONS=options)
    assert result.returncode != 0
    assert message in result.stderr


def test_every_environment_variable_the_settings_read_is_in_the_readme():
    """An operator learns the settings from the README's Configuration table: a variable the settings read but
    the table does not name is a setting nobody can find."""
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"""(?:os\.environ\.get|os\.environ\[|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")
    read = set()
    for module in (root / "hub" / "settings").glob("*.py"):
        read |= set(pattern.findall(module.read_text(encoding="utf-8")))
    assert len(read) > 30  # the pattern finds the settings' variables at all
    readme = (root / "README.md").read_text(encoding="utf-8")
    missing = sorted(name for name in read if f"`{name}`" not in readme)
    assert not missing, f"not in the README's Configuration table: {missing}"
