"""Shared fixtures: the site's own content in the test database, and Debian's Chromium for Playwright."""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
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
    """Create the site's pages once per test database, as `make setup` does, and keep a copy of the whole
    database as it then is. Only a test that uses the database asks for this fixture, so a run of plain tests
    creates no database at all.

    Transactional tests (the browser ones) flush every table after themselves: the site's pages, and also what
    migrations wrote (Wagtail's Moderators and Editors groups, the moderation workflow, the Curators group, the
    site settings). Django then sends post_migrate, which recreates content types and permissions only. At that
    moment the database is emptied again and the copy loaded back (what Django's ``serialized_rollback`` does,
    but at once, so the tests that run later find the database exactly as the session set it up). The receiver
    is connected only now: during the test database's own migrations the pages' language columns do not exist."""
    with django_db_blocker.unblock():
        call_command("setup_site", verbosity=0)
        snapshot = connection.creation.serialize_db_to_string()

    # Django sends post_migrate only for apps with a models module (emit_post_migrate_signal skips the others),
    # so the last such app, not the last installed one, marks the end of the signal's round.
    last_app = [config.name for config in apps.get_app_configs() if config.models_module is not None][-1]

    def restore(sender, **kwargs):
        if sender.name == last_app:
            load_snapshot(snapshot)

    post_migrate.connect(restore, dispatch_uid="tests-restore-site")
    yield
    post_migrate.disconnect(dispatch_uid="tests-restore-site")


def load_snapshot(snapshot):
    """Empty the database and load ``snapshot`` (rows with their original keys), then move every sequence past
    the keys loaded, as loaddata does, so the next row a test creates does not collide with one of them."""
    from django.contrib.contenttypes.models import ContentType

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    ContentType.objects.clear_cache()


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
