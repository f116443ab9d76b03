"""Shared fixtures: the site's own content in the test database, and Debian's Chromium for Playwright."""

import os
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate
from django.utils import translation

# Fixtures of the data-file tests, shared by the framework and pathways import tests.
from tests.data_files import document, shipped  # noqa: F401

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def english_by_default():
    """Start every test in English: a request leaves its language active in the thread, and
    modeltranslation writes plain field assignments (``title=``) into the active language's column."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_caches():
    """Start every test with every cache empty (issue #18): what a test sees, and what it counts, must not
    depend on which tests ran before it in the same process."""
    from tests.queries import clear_caches

    clear_caches()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the site's pages once per test database, as `make setup` does. Only a test that uses the
    database asks for this fixture, so a run of plain tests creates no database at all.

    Transactional tests (the browser ones) flush every table, Wagtail's root page included; Django then sends
    post_migrate. The site's pages are rebuilt at that moment, so tests that run later (pytest-django orders some
    of them after the browser tests) find the database as the session set it up. The receiver is connected only
    now: during the test database's own migrations the pages' language columns do not exist yet."""
    with django_db_blocker.unblock():
        call_command("setup_site", verbosity=0)

    # Django sends post_migrate only for apps with a models module (emit_post_migrate_signal skips the others),
    # so the last such app, not the last installed one, marks the end of the signal's round.
    last_app = [config.name for config in apps.get_app_configs() if config.models_module is not None][-1]

    def restore(sender, **kwargs):
        # After the last app's post_migrate, when Django has recreated every permission: the site's pages, and
        # the Curators group that a data migration made (a flush empties it like any table).
        if sender.name == last_app:
            call_command("setup_site", verbosity=0)
            restore_curators()

    post_migrate.connect(restore, dispatch_uid="tests-restore-site")
    yield
    post_migrate.disconnect(dispatch_uid="tests-restore-site")


def restore_curators():
    """Run the Curators data migration again on the live app registry. Its permission step only prepares a fresh
    migration state; after a flush Django has already recreated the permissions, so it is skipped."""
    migration = import_module("resources.migrations.0003_curators_group")
    prepare = migration.ensure_permissions
    migration.ensure_permissions = lambda _apps, _using: None
    try:
        migration.create_curators(apps, SimpleNamespace(connection=connection))
    finally:
        migration.ensure_permissions = prepare


@pytest.fixture
def home_page(db):
    """The Hub's home page (created by the set-up command)."""
    from hub.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium; a missing browser fails the test run, it never skips."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium not found at /usr/bin/chromium: run `make chromium` (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def live_site(live_server):
    """A live server whose database holds the site's content. Live-server tests are transactional
    and flush every table after themselves, Wagtail's root page included, so the content is rebuilt
    here for each test (the set-up command is idempotent)."""
    call_command("setup_site", verbosity=0)
    return live_server


SHIPPED_FRAMEWORK = Path(__file__).resolve().parent.parent / "framework" / "data" / "framework.yaml"


@pytest.fixture
def live_framework(live_site):
    """A live server with the site's pages and the shipped framework data file imported."""
    call_command("import_framework", str(SHIPPED_FRAMEWORK), verbosity=0)
    return live_site


@pytest.fixture
def live_resources(live_framework):
    """A live server with the framework and the demo resources loaded (as `make setup` does)."""
    call_command("load_demo_resources", verbosity=0)
    return live_framework
