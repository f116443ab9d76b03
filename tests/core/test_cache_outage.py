"""The site while its Redis is unreachable (issue #15): pages still answer, edits still save, and when Redis comes
back with its old entries, none of them is served stale.

A Redis server of the test's own on a free port, so that it can be cut off without touching anyone else's: a
stopped process (SIGSTOP) is what a network partition looks like to a client (calls hang until the socket
timeout), a killed one is an outage, and one restarted from its snapshot comes back with the entries and the
content version it had. The settings are the production ones for ``CACHE_URL=redis://…``
(``hub.settings.base.redis_cache``)."""

import logging
import signal
import subprocess
import time

import pytest
import redis
from bs4 import BeautifulSoup
from django.test import Client, override_settings

from framework.factories import EngagementLevelFactory
from hub.settings.base import redis_cache
from tests.servers import free_port


class PrivateRedis:
    """A throwaway redis-server on a loopback port, its snapshot file in ``directory``."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None
        self.start()

    def start(self):
        """Start it (again), loading the snapshot when there is one, and wait until it answers."""
        self.process = subprocess.Popen(  # noqa: S603
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),  # noqa: S607
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def crash_after_snapshot(self):
        """Write a snapshot of everything it holds, then die as a crashed server does (SIGKILL)."""
        redis.Redis(host="127.0.0.1", port=self.port).save()
        self.stop()

    def stop(self):
        self.process.send_signal(signal.SIGCONT)
        self.process.kill()
        self.process.wait()


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def redis_settings(private_redis):
    """The site's caches on the private Redis, as production configures them from CACHE_URL (with a short timeout)."""
    location = f"redis://127.0.0.1:{private_redis.port}/0"
    caches = {
        "default": redis_cache(location),
        "pages": redis_cache(location, KEY_PREFIX="pages"),
    }
    for cache in caches.values():
        cache["OPTIONS"].update(SOCKET_TIMEOUT=0.3, SOCKET_CONNECT_TIMEOUT=0.3)
    with override_settings(CACHES=caches):
        yield private_redis


@pytest.fixture
def level(transactional_db):
    # Real commits: the version is replaced (and checked) when the writing transaction commits.
    return EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental", name_es="Fundamental")


def shown(response):
    """The level page's heading and where the page came from."""
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True), response["X-Page-Cache"]


URL = "/en/framework/fundamental/"


def test_pages_answer_from_the_database_while_redis_is_down(redis_settings, level, caplog):
    client = Client()
    assert shown(client.get(URL)) == ("Fundamental", "miss")
    redis_settings.stop()
    with caplog.at_level(logging.WARNING):
        for url in (URL, "/es/framework/", "/en/"):
            response = client.get(url)
            assert response.status_code == 200, url
            # Nothing could be stored, and the page says it did not come from the cache.
            assert response["X-Page-Cache"] == "pass"
    assert any(record.name == "django_redis.cache" for record in caplog.records)


def test_an_edit_saves_while_redis_is_cut_off(redis_settings, level, caplog):
    client = Client()
    client.get(URL)
    redis_settings.process.send_signal(signal.SIGSTOP)
    with caplog.at_level(logging.ERROR):
        level.name_en = "Renamed while cut off"
        level.save()
    assert "could not be replaced" in caplog.text
    # While cut off, visitors get the new content from the database.
    assert shown(client.get(URL)) == ("Renamed while cut off", "pass")


def test_redis_restarted_from_a_snapshot_serves_no_entry_from_before_a_change(redis_settings, level):
    client = Client()
    client.get(URL)
    assert shown(client.get(URL)) == ("Fundamental", "hit")
    # Redis crashes and comes back from its last snapshot, with the old entry and the old version: the change
    # made while it was down could not reach it.
    redis_settings.crash_after_snapshot()
    level.name_en = "Renamed while Redis was down"
    level.save()
    redis_settings.start()
    # The process that made the change replaces the version before it serves anything, so the next visitor gets
    # the new name, not the entry from before the crash.
    assert shown(client.get(URL)) == ("Renamed while Redis was down", "miss")
    assert shown(client.get(URL)) == ("Renamed while Redis was down", "hit")
