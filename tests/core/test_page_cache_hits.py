"""What a page-cache hit costs and still guarantees (issue #15: "cached ≥ 0.8× the minimal view"): answered before
Django's request handling with every header a rendered page has and a nonce of its own; with Redis, no round trip
at all while the content version stays the same, yet a change written by any other client is a miss on the very
next request; Varnish's requests always read the version; a Redis cut off stops hits within the bound
(core/pagecache/tracking.py)."""

import io
import pickle
import re
import signal
import sys
import time
from unittest import mock

import brotli
import pytest
import redis
from bs4 import BeautifulSoup
from django.http import HttpResponse
from django.test import Client

from core.pagecache import entries, tracking
from core.pagecache.middleware import LOOKED_UP
from core.pagecache.wsgi import PageCacheApplication
from framework.factories import EngagementLevelFactory
from pathways.factories import RoleFactory
from tests.core.test_cache_outage import private_redis, redis_settings  # noqa: F401 (fixtures)

NONCE = re.compile(r"'nonce-([\w+/=-]+)'")
OFFLINE = "/en/pathways/mentor/offline/"
LEVEL = "/en/framework/fundamental/"
# The headers the security, CSP and permissions middleware add, which a hit no longer runs.
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


class Unreached:
    """The Django application behind the page cache's WSGI wrapper: records whether anything reached it."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append(environ)
        start_response("599 Reached", [("Content-Type", "text/plain")])
        return [b"reached Django"]


def wsgi_get(application, path, **headers):
    """``(status, headers, body)`` of a GET through the WSGI ``application``, as gunicorn would call it."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=dict(response_headers))

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def offline_pathway(db):
    """A page whose inline stylesheet carries the request's nonce."""
    return RoleFactory(slug="mentor")


def test_a_hit_is_answered_before_django_with_every_header_of_the_rendered_page(db):
    EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    rendered = Client().get(LEVEL)
    assert rendered["X-Page-Cache"] == "miss"
    django = Unreached()
    status, headers, body = wsgi_get(PageCacheApplication(django), LEVEL)
    assert django.calls == []
    assert (status, headers["X-Page-Cache"]) == ("200 OK", "hit")
    for name in SECURITY_HEADERS:
        assert headers[name] == rendered[name], name
    assert body == rendered.content
    assert headers["Content-Length"] == str(len(body))


def test_every_hit_gets_a_nonce_of_its_own_in_the_policy_and_the_page(offline_pathway):
    rendered = Client().get(OFFLINE)
    assert rendered["X-Page-Cache"] == "miss"
    nonces = [NONCE.search(rendered["Content-Security-Policy"]).group(1)]
    application = PageCacheApplication(Unreached())
    for _visitor in range(2):
        _status, headers, body = wsgi_get(application, OFFLINE)
        assert headers["X-Page-Cache"] == "hit"
        nonce = NONCE.search(headers["Content-Security-Policy"]).group(1)
        assert BeautifulSoup(body, "html.parser").select_one("style")["nonce"] == nonce
        assert "page-cache-nonce" not in body.decode() + headers["Content-Security-Policy"]
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_a_miss_goes_on_to_django_looked_up_once(db):
    EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    django = Unreached()
    status, _headers, _body = wsgi_get(PageCacheApplication(django), LEVEL)
    assert status == "599 Reached"
    # What the lookup found travels with the request, so the middleware does not look up again.
    kind, key, version = django.calls[0][LOOKED_UP]
    assert (kind, key is not None, version is not None) == ("cacheable", True, True)


def test_a_304_from_a_hit_keeps_the_security_headers(db):
    EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    etag = Client().get(LEVEL)["ETag"]
    status, headers, body = wsgi_get(PageCacheApplication(Unreached()), LEVEL, if_none_match=etag)
    assert (status, body) == ("304 Not Modified", b"")
    for name in SECURITY_HEADERS:
        assert name in headers, name


@pytest.mark.parametrize("accept", ["br, gzip", "gzip", "", "br;q=0, gzip;q=0", "deflate, *;q=0.5"])
def test_a_hit_through_wsgi_is_the_response_the_cache_builds_for_that_encoding(db, accept):
    EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    Client().get(LEVEL)
    # The test client does not go through WSGI: the middleware builds its hit with Entry.response.
    built = Client().get(LEVEL, headers={"accept-encoding": accept})
    assert built["X-Page-Cache"] == "hit"
    application = PageCacheApplication(Unreached())
    for _visitor in range(2):
        status, headers, body = wsgi_get(application, LEVEL, accept_encoding=accept)
        assert status == "200 OK"
        assert headers == dict(built.items())
        assert body == built.content


def test_a_conditional_request_through_wsgi_is_answered_for_itself(db):
    EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    etag = Client().get(LEVEL, headers={"accept-encoding": "br"})["ETag"]
    application = PageCacheApplication(Unreached())
    assert wsgi_get(application, LEVEL, accept_encoding="br")[0] == "200 OK"
    assert wsgi_get(application, LEVEL, accept_encoding="br", if_match='"another"')[0] == "412 Precondition Failed"
    assert wsgi_get(application, LEVEL, accept_encoding="br", if_none_match=etag)[0] == "304 Not Modified"
    unmodified = "Mon, 01 Jan 1990 00:00:00 GMT"
    assert wsgi_get(application, LEVEL, if_unmodified_since=unmodified)[0] == "412 Precondition Failed"


@pytest.fixture
def level(transactional_db):
    return EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")


def commands(server):
    """Commands the private Redis has executed so far."""
    return redis.Redis(host="127.0.0.1", port=server.port).info("stats")["total_commands_processed"]


def test_with_redis_a_hit_makes_no_round_trip_while_nothing_changes(redis_settings, level):  # noqa: F811
    client = Client()
    assert client.get(LEVEL)["X-Page-Cache"] == "miss"
    assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    before = commands(redis_settings)
    for _visitor in range(20):
        assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    # The INFO call itself counts one; the held version may be read again once (every RECHECK seconds).
    assert commands(redis_settings) - before <= 1 + 1


def test_a_change_written_by_another_server_is_a_miss_on_the_next_request(redis_settings, level):  # noqa: F811
    client = Client()
    client.get(LEVEL)
    assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    # Another app server replaces the version (its commit): this process holds the old one.
    other = redis.Redis(host="127.0.0.1", port=redis_settings.port)
    other.set(":1:pagecache:version", pickle.dumps(f"another-server:{time.time():.3f}"))
    assert client.get(LEVEL)["X-Page-Cache"] == "miss"
    assert client.get(LEVEL)["X-Page-Cache"] == "hit"


def test_varnish_requests_always_read_the_version(redis_settings, level):  # noqa: F811
    client = Client(headers={"x-varnish": "32770"})
    client.get(LEVEL)
    before = commands(redis_settings)
    for _request in range(5):
        assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    assert commands(redis_settings) - before >= 5


def test_with_redis_repeated_hits_through_wsgi_build_no_response(redis_settings, level, monkeypatch):  # noqa: F811
    # With Redis the process holds the entry (store.py), and with it the answers prepared for each encoding.
    Client().get(LEVEL)
    application = PageCacheApplication(Unreached())
    wsgi_get(application, LEVEL, accept_encoding="br, gzip")
    built = []

    class Counted(HttpResponse):
        def __init__(self, *args, **kwargs):
            built.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(entries, "HttpResponse", Counted)
    for _visitor in range(5):
        _status, headers, body = wsgi_get(application, LEVEL, accept_encoding="br, gzip")
        assert (headers["X-Page-Cache"], headers["Content-Encoding"]) == ("hit", "br")
        assert b"Fundamental" in brotli.decompress(body)
    assert built == []
    # Another encoding is worked out once, then sent as it is too.
    for _visitor in range(3):
        assert wsgi_get(application, LEVEL, accept_encoding="gzip")[1]["Content-Encoding"] == "gzip"
    assert len(built) == 1


def test_a_redis_cut_off_stops_hits_within_the_bound(redis_settings, level):  # noqa: F811
    client = Client()
    client.get(LEVEL)
    assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    redis_settings.process.send_signal(signal.SIGSTOP)
    try:
        time.sleep(tracking.RECHECK)
        started = time.monotonic()
        response = client.get(LEVEL)
        # Redis answers nothing: the held version is not trusted past RECHECK, and the page is rendered.
        assert response["X-Page-Cache"] == "pass"
        assert time.monotonic() - started < 5
    finally:
        redis_settings.process.send_signal(signal.SIGCONT)


# --- Without Redis: the database cache (the default when no CACHE_URL is set) ---------------------------------


@pytest.fixture
def database_cache(settings):
    """The default cache as a deployment without Redis has it: Django's database cache, in the ``cache`` database
    beside a SQLite site (core/routers.py), in the site's own database on PostgreSQL."""
    from django.core.management import call_command

    from tests.queries import clear_caches

    alias = "cache" if "cache" in settings.DATABASES else "default"
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hub_test_cache"},
    }
    call_command("createcachetable", database=alias, verbosity=0)
    clear_caches()
    yield alias
    clear_caches()


class EverySQL:
    """Every SQL statement run on any database while the block runs."""

    def __enter__(self):
        from django.db import connections
        from django.test.utils import CaptureQueriesContext

        self.contexts = [CaptureQueriesContext(connections[alias]) for alias in connections]
        for context in self.contexts:
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self.contexts:
            context.__exit__(*exc)

    @property
    def statements(self):
        return [query["sql"] for context in self.contexts for query in context.captured_queries]


@pytest.mark.django_db(databases="__all__")
def test_with_the_database_cache_a_hit_within_the_hold_runs_no_sql_and_a_change_still_shows(database_cache, settings):
    from django.core.cache import caches

    from core.pagecache import versions

    level = EngagementLevelFactory(slug="fundamental", name="Fundamental")
    settings.PAGE_CACHE_VERSION_HOLD = 60
    client = Client()
    assert client.get(LEVEL)["X-Page-Cache"] == "miss"
    with EverySQL() as first:
        assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    # The version read once from the cache table, then held: the next hits neither query nor read the pages
    # cache (the entry and its prepared answer are this process's objects).
    assert len(first.statements) == 1 and "hub_test_cache" in first.statements[0]
    with EverySQL() as held, mock.patch.object(caches["pages"], "get", side_effect=AssertionError("read")):
        for _ in range(3):
            assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    assert held.statements == []

    # A change made in this process shows on the very next request.
    level.name = "Foundations"
    level.save()
    response = client.get(LEVEL)
    assert response["X-Page-Cache"] == "miss" and b"Foundations" in response.content

    # Another app server's change (its new version in the shared table) shows once the hold is over.
    settings.PAGE_CACHE_VERSION_HOLD = 0.05
    versions.forget_held()
    assert client.get(LEVEL)["X-Page-Cache"] == "hit"
    caches["default"].set(versions.VERSION_KEY, "written-by-another-server:0", timeout=None)
    time.sleep(0.1)
    assert client.get(LEVEL)["X-Page-Cache"] == "miss"

    # Holding off: every hit reads the version.
    settings.PAGE_CACHE_VERSION_HOLD = 0
    for _ in range(2):
        with EverySQL() as each:
            assert client.get(LEVEL)["X-Page-Cache"] == "hit"
        assert len(each.statements) == 1
