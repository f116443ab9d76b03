"""What the Hub tells a cache in front of it (core/pagecache/frontend.py), checked against a small real HTTP server
that records the PURGE and BAN requests it gets: after the commit and never before, every language's URL of a
published page and the listings above it, one BAN per transaction, and saves that succeed when the cache is down.
Varnish itself, in front of real app servers, is in test_varnish_scaleout.py."""

import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test import override_settings

from core.pagecache import frontend
from framework.factories import EngagementLevelFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.servers import free_port

LANGUAGES = ["en", "es", "fr", "ar"]


class Recorder(ThreadingHTTPServer):
    """Answers 200 to every PURGE and BAN and keeps (method, Host, path) of each."""

    def __init__(self):
        self.seen = []
        super().__init__(("127.0.0.1", 0), RecordingHandler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class RecordingHandler(BaseHTTPRequestHandler):
    def _record(self):
        self.server.seen.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_BAN = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def cache_in_front():
    recorder = Recorder()
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    backend = {"BACKEND": "core.pagecache.frontend.VarnishBackend", "LOCATION": recorder.url}
    with override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}):
        yield recorder
    recorder.shutdown()
    recorder.server_close()


@pytest.fixture
def guide(home_page):
    index = ResourceIndexPageFactory(parent=home_page, slug="resources")
    return ResourcePageFactory(parent=index, slug="purged-guide", title="Purged guide")


def test_publishing_purges_every_languages_url_and_the_listings_above_after_the_commit(
    cache_in_front, guide, django_capture_on_commit_callbacks
):
    # The fixture's writes wait for the test's own transaction, which never commits; on a site they committed
    # long ago. Forget them, or the ban they registered would stand for this publish's (one per transaction).
    connection.run_on_commit.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guide.title_es = "Guía purgada"
        guide.save_revision().publish()
        assert cache_in_front.seen == []

    purged = {path for method, host, path in cache_in_front.seen if method == "PURGE" and host == "localhost"}
    for code in LANGUAGES:
        assert {f"/{code}/", f"/{code}/resources/", f"/{code}/resources/purged-guide/"} <= purged
    bans = [(host, path) for method, host, path in cache_in_front.seen if method == "BAN"]
    assert bans == [("localhost", "/")]


def test_a_snippet_change_bans_the_host_once_per_transaction_after_the_commit(
    cache_in_front, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        level = EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
        level.name_es = "Fundamental ES"
        level.save()
        assert cache_in_front.seen == []
    assert cache_in_front.seen == [("BAN", "localhost", "/")]


def test_a_save_succeeds_and_is_logged_when_the_cache_is_down(db, django_capture_on_commit_callbacks, caplog):
    backend = {"BACKEND": "core.pagecache.frontend.VarnishBackend", "LOCATION": f"http://127.0.0.1:{free_port()}"}
    with (
        override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}),
        caplog.at_level(logging.ERROR, logger="core.pagecache.frontend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    assert "Could not ban localhost from the frontend cache" in caplog.text


def test_a_publish_does_not_hang_when_the_cache_never_answers(guide, django_capture_on_commit_callbacks, caplog):
    """A cache that takes connections and never answers (a wedged Varnish): the publish waits REQUEST_TIMEOUT for
    the first purge, gives up the rest of the batch, and once more for the ban — not for ever, nor once per URL."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)  # the kernel completes the connections; nobody ever reads or answers
    backend = {
        "BACKEND": "core.pagecache.frontend.VarnishBackend",
        "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
    }
    connection.run_on_commit.clear()
    started = time.monotonic()
    try:
        with (
            override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}),
            caplog.at_level(logging.ERROR, logger="core.pagecache.frontend"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            guide.save_revision().publish()
    finally:
        silent.close()
    took = time.monotonic() - started
    assert took < 3 * frontend.REQUEST_TIMEOUT, f"the publish waited {took:.1f} s"
    assert "Could not reach the frontend cache to purge" in caplog.text
    assert "Could not ban localhost from the frontend cache" in caplog.text


def test_nothing_is_sent_when_no_cache_is_configured(guide, django_capture_on_commit_callbacks):
    recorder = Recorder()
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            guide.save_revision().publish()
    finally:
        recorder.shutdown()
        recorder.server_close()
    assert recorder.seen == []
