"""The suggestion form's rate limit holds for the whole site, not per process: two real app servers share the
count through the default cache (the database cache when no Redis is configured; issue #16)."""

import pytest

from tests.servers import Browser, Server, prepare_site, site_environment

SUGGEST = "/en/resources/suggest/"


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    env = site_environment(tmp_path_factory.mktemp("two-servers") / "hub.sqlite3")
    prepare_site(env)
    servers = [Server(env), Server(env)]
    yield servers
    for server in servers:
        server.stop()


def suggestion(number):
    return {
        "title": f"A guide {number}",
        "url": f"https://meta.wikimedia.org/wiki/Guide_{number}",
        "description": "Useful for newcomers.",
        "language": "en",
        "level": "",
        "contact": "",
        "website": "",
    }


def test_the_limit_is_counted_across_two_app_servers(two_servers):
    first, second = two_servers
    browser = Browser()
    statuses = [
        browser.post_form(f"{server.url}{SUGGEST}", suggestion(number))
        for number, server in enumerate([first, second, first, second, first, second, first])
    ]
    # Five accepted in the hour, wherever they landed; with a per-process counter each server would take five.
    assert statuses == [302, 302, 302, 302, 302, 429, 429]
