"""The page cache on more than one app server: two real gunicorn processes on one database, sharing the default
cache, either the database cache (each process keeping its pages in its own memory) or a real Redis (which keeps
the pages too). A change written by a third process shows at once through both (issue #15 point 1: "within one
second, on every app server")."""

import urllib.request

import pytest

from tests.servers import Server, manage, prepare_site, site_environment

PAGES = ["/en/framework/fundamental/", "/es/framework/fundamental/", "/ar/framework/fundamental/"]


# Redis listens on this machine (STACK-NOTES): a database number of its own; the keys name each server's random port.
CACHES = {"database cache": "", "redis": "redis://127.0.0.1:6379/7"}


@pytest.fixture(scope="module", params=list(CACHES.values()), ids=list(CACHES))
def two_servers(request, tmp_path_factory):
    env = site_environment(tmp_path_factory.mktemp("page-cache") / "hub.sqlite3", PAGE_CACHE="1")
    env["CACHE_URL"] = request.param
    prepare_site(env)
    shell(env, "EngagementLevel.objects.create(slug='fundamental', order=1, name_en='Fundamental')")
    servers = [Server(env), Server(env)]
    yield env, servers
    for server in servers:
        server.stop()


def shell(env, statement):
    """Run ``statement`` in a process of its own, as an editor's save in the admin of a third server would."""
    manage(env, "shell", "-c", f"from framework.models import EngagementLevel; {statement}")


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


def test_a_change_shows_at_once_through_every_app_server(two_servers):
    env, servers = two_servers
    for server in servers:
        for path in PAGES:
            get(server.url + path)
            status, body = get(server.url + path)
            assert status == "hit"
            assert "Fundamental" in body

    shell(env, "level = EngagementLevel.objects.get(slug='fundamental'); level.name_en = 'Foundations'; level.save()")

    for server in servers:
        for path in PAGES:
            status, body = get(server.url + path)
            assert status == "miss", (server.url, path)
            assert "Foundations" in body
            assert get(server.url + path)[0] == "hit"
