"""Nothing lost (issue #12, point 7): adding a fifth language the way a maintainer does — LANGUAGES extended in the
settings, ``makemigrations`` writing the new columns, ``migrate`` adding them — on a database that holds the shipped
content in every language keeps every translation, every provenance and fingerprint record and every revision, and
each page still reads the same in Spanish, French and Arabic.

The test process's models are fixed at start-up, so the change runs in a copy of the project: its packages (their
migrations are written there), a settings module that adds German, and a copy of this test's database (a SQLite
file, or a PostgreSQL database restored from ``pg_dump``)."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests import snapshots

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["core", "framework", "resources", "pathways", "opportunities", "embeds", "hub"]
# Read only, so linked rather than copied.
LINKED = ["templates", "locale", "build"]
NEW = "de"
KEPT = ("es", "fr", "ar")

FIFTH_SETTINGS = f'''"""The test settings with a fifth language, as a maintainer would add it to base.py."""

from .test import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("{NEW}", "German")]  # noqa: F405
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
WAGTAILFRONTENDCACHE_LANGUAGES = LANGUAGE_CODES
'''

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shipped(shipped_site):
    """The shipped content: the framework, roles, guides and opportunities, translated in every language."""


@pytest.fixture
def project_copy(tmp_path):
    """The project's packages copied (without compiled files), the read-only folders linked, the fifth language's
    settings module beside the others."""
    tree = tmp_path / "tree"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    for name in LINKED:
        (tree / name).symlink_to((ROOT / name).resolve())
    shutil.copy(ROOT / "manage.py", tree / "manage.py")
    shutil.copy(Path(__file__).with_name("language_probe.py"), tree / "language_probe.py")
    (tree / "hub" / "settings" / "fifth.py").write_text(FIFTH_SETTINGS, encoding="utf-8")
    return tree


def _sqlite_copy(tmp_path):
    """The shipped content's snapshot (tests/snapshots.py: this test's database as the module found it) written
    to a file; the test's own connection is inside the test's transaction, which holds SQLite's write lock."""
    path = tmp_path / "hub.sqlite3"
    target = sqlite3.connect(path)
    snapshots.STATE.current._copy.backup(target)
    target.close()
    return {"SQLITE_PATH": str(path), "SQLITE_CACHE_PATH": str(tmp_path / "hub.cache.sqlite3"), "DATABASE_URL": ""}


def _postgresql_copy(tmp_path):
    """This test's PostgreSQL database restored into a database of its own (dropped by the caller)."""
    settings = connection.settings_dict
    name = f"{settings['NAME']}_fifth"[:63]
    base = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    run = {"env": env, "check": True, "capture_output": True, "timeout": 120}
    subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={base}/postgres", name], **run)  # noqa: S603, S607
    subprocess.run(["createdb", f"--maintenance-db={base}/postgres", name], **run)  # noqa: S603, S607
    dump = subprocess.run(["pg_dump", "-Fc", "-d", f"{base}/{settings['NAME']}"], **run)  # noqa: S603, S607
    subprocess.run(["pg_restore", "--no-owner", "-d", f"{base}/{name}"], input=dump.stdout, **run)  # noqa: S603, S607
    return {"DATABASE_URL": f"{base}/{name}"}, lambda: subprocess.run(
        ["dropdb", "--if-exists", f"--maintenance-db={base}/postgres", name],  # noqa: S607
        **run,
    )


@pytest.fixture
def database_copy(tmp_path):
    """The environment that points a process at a copy of this test's database, with the shipped content."""
    if connection.vendor == "sqlite":
        yield _sqlite_copy(tmp_path)
        return
    env, drop = _postgresql_copy(tmp_path)
    yield env
    drop()


def manage(tree, database, settings, *args):
    """Run ``manage.py`` (or, with ``probe``, the probe script) in the copy; its standard output."""
    env = {
        **os.environ,
        **database,
        "DJANGO_SETTINGS_MODULE": f"hub.settings.{settings}",
        "PYTHONPATH": str(tree),
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    script = "language_probe.py" if args == ("probe",) else "manage.py"
    command = [sys.executable, script, *(() if script == "language_probe.py" else args)]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def new_migrations(tree):
    """The migration files the copy has that the project has not: what makemigrations wrote."""
    return sorted(
        path.relative_to(tree)
        for path in tree.glob("*/migrations/*.py")
        if not (ROOT / path.relative_to(tree)).exists()
    )


def test_adding_a_fifth_language_keeps_every_translation_and_every_page(project_copy, database_copy):
    tree = project_copy
    before = json.loads(manage(tree, database_copy, "test", "probe"))
    assert before["languages"] == ["en", *KEPT]
    # The shipped content is translated: there is something to lose.
    resources = before["columns"]["resources.ResourcePage"]
    assert resources and all(row["summary_ar"] and row["title_ar"] for row in resources)

    manage(tree, database_copy, "fifth", "makemigrations", "--noinput")
    written = new_migrations(tree)
    assert written, "makemigrations wrote no migration for the new language"
    operations = "\n".join((tree / path).read_text(encoding="utf-8") for path in written)
    assert f"_{NEW}'" in operations or f'_{NEW}"' in operations
    # Adding a language only adds columns: nothing removed, renamed or rewritten.
    for destructive in ("RemoveField", "DeleteModel", "RenameField", "RunSQL", "RunPython"):
        assert destructive not in operations, f"{destructive} in {written}"
    manage(tree, database_copy, "fifth", "migrate", "--noinput")
    manage(tree, database_copy, "fifth", "makemigrations", "--check", "--dry-run")

    after = json.loads(manage(tree, database_copy, "fifth", "probe"))
    assert after["languages"] == ["en", *KEPT, NEW]
    # Every translated column of every row, every provenance and fingerprint record, every revision: as before.
    assert after["columns"] == before["columns"]
    assert after["revisions"] == before["revisions"]
    # Readers see every page exactly as before in every language, Arabic right to left.
    for code in ("en", *KEPT):
        assert after["pages"][code] == before["pages"][code], code
    arabic = after["pages"]["ar"]
    assert arabic and all(page["status"] == 200 and page["dir"] == "rtl" for page in arabic.values())
    for row in resources:
        assert any(row["title_ar"] in page["text"] for page in arabic.values()), row["title_ar"]
    # The new language is there: its pages in English until translated, its fields in the admin's edit form.
    german = after["pages"][NEW]
    assert all(page["status"] == 200 and page["lang"] == NEW for page in german.values())
    assert all(page["url"].startswith(f"/{NEW}/") for page in german.values())
    for row in resources:
        assert any(row["title_en"] in page["text"] for page in german.values()), row["title_en"]
    assert after["admin"]["status"] == 200
    assert {f"title_{NEW}", f"summary_{NEW}", f"body_{NEW}"} <= set(after["admin"]["fields"])
