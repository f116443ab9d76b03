"""Shared fixtures: the site's own content in the test database, and Debian's Chromium for Playwright."""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils import translation

# Fixtures of the data-file tests, shared by the framework and pathways import tests.
from tests import snapshots
from tests.data_files import DATA_FILE, document, shipped  # noqa: F401

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
    """Create the site's pages once per test database, as `make setup` does, and keep a snapshot of the whole
    database as it then is (tests/snapshots.py). Only a test that uses the database asks for this fixture, so a
    run of plain tests creates no database at all.

    Transactional tests (the browser ones) flush every table after themselves: the site's pages, and also what
    migrations wrote (Wagtail's Moderators and Editors groups, the moderation workflow, the Curators group, the
    site settings). Django then sends post_migrate, which recreates content types and permissions only. At that
    moment the current snapshot is loaded back (what Django's ``serialized_rollback`` does, but at once and
    without the ORM), so the tests that run later find the database exactly as it was before the test: the base,
    or the shipped content inside a module that uses ``shipped_site``. The receiver is connected only now: during
    the test database's own migrations the pages' language columns do not exist."""
    with django_db_blocker.unblock():
        call_command("setup_site", verbosity=0)
        snapshots.STATE.base = snapshots.STATE.current = snapshots.Snapshot()

    # Django sends post_migrate only for apps with a models module (emit_post_migrate_signal skips the others),
    # so the last such app, not the last installed one, marks the end of the signal's round.
    last_app = [config.name for config in apps.get_app_configs() if config.models_module is not None][-1]

    def restore(sender, **kwargs):
        if sender.name == last_app:
            snapshots.STATE.current.load()

    post_migrate.connect(restore, dispatch_uid="tests-restore-site")
    yield
    post_migrate.disconnect(dispatch_uid="tests-restore-site")


@pytest.fixture(scope="session")
def shipped_snapshot(django_db_setup, django_db_blocker):
    """The database with the shipped content loaded as `make content` loads it (the framework data file, the demo
    guides, the step links and the opportunities), built once per test process on first use; the database is
    back at the base when this returns."""
    with django_db_blocker.unblock():
        for command in SHIPPED_CONTENT:
            call_command(*command, verbosity=0)
        shipped = snapshots.Snapshot()
        snapshots.STATE.base.load()
    return shipped


@pytest.fixture(scope="module")
def shipped_site(shipped_snapshot, django_db_blocker):
    """For every test of the module, a database that holds the shipped content, loaded once for the module
    (each test still runs in a transaction of its own, rolled back after it)."""
    with django_db_blocker.unblock():
        shipped_snapshot.load()
        snapshots.STATE.current = shipped_snapshot
    yield
    with django_db_blocker.unblock():
        snapshots.STATE.current = snapshots.STATE.base
        snapshots.STATE.base.load()


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
    """A live server whose database holds the site's pages. Live-server tests are transactional and flush every
    table after themselves; the base snapshot is then loaded back (django_db_setup), so each starts from it."""
    return live_server


# What `make content` runs after `setup_site`, in its order.
SHIPPED_CONTENT = [
    ("import_framework", str(DATA_FILE)),
    ("load_demo_resources", "--if-empty"),
    ("link_pathway_resources", "--skip-missing"),
    ("load_opportunities", "--if-empty"),
]


@pytest.fixture
def live_resources(live_site, shipped_snapshot):
    """A live server whose database holds the shipped content (the framework, demo guides, step links and
    opportunities, as `make setup` loads them); the test's flush puts the base back after it."""
    shipped_snapshot.load()
    return live_site


@pytest.fixture
def live_framework(live_resources):
    """The framework's browser tests: the shipped content as a whole (the framework never ships alone)."""
    return live_resources
