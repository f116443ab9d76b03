"""On SQLite the database cache lives in a file of its own (core/routers.py): a page that fills the cache must not
wait for a writer that holds the site's database, such as a curator's import (issue #16, point 8)."""

import sqlite3
import time

import pytest

from tests.servers import Browser, Server, prepare_site, site_environment


@pytest.fixture
def site(tmp_path):
    env = site_environment(tmp_path / "hub.sqlite3")
    prepare_site(env)
    server = Server(env)
    yield server, tmp_path
    server.stop()


def tables(path):
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_pages_are_served_while_a_writer_holds_the_sites_database(site):
    server, directory = site
    assert "hub_cache" in tables(directory / "hub.cache.sqlite3")
    assert "hub_cache" not in tables(directory / "hub.sqlite3")

    # What an import does for its whole length: a write transaction on the site's database.
    writer = sqlite3.connect(directory / "hub.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        # Wagtail caches the site root paths and the pages their figures: each page writes to the cache.
        statuses = [Browser().get(f"{server.url}{path}")[0] for path in ("/en/", "/es/pathways/", "/ar/framework/")]
        elapsed = time.monotonic() - started
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert statuses == [200, 200, 200]
    # In the site's file each cache write would wait for the busy timeout (20 s) before giving up.
    assert elapsed < 10

    with sqlite3.connect(directory / "hub.cache.sqlite3") as cache:
        assert cache.execute("SELECT COUNT(*) FROM hub_cache").fetchone()[0] > 0
