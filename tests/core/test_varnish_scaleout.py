"""Scale-out with every piece real (issue #15 point 3): Debian's Varnish running deploy/varnish/default.vcl in front
of two gunicorn processes with the production settings, on one PostgreSQL database and one Redis. Content is
changed by a third process of the app (as a save in an editor's admin session would), which PURGEs and BANs
through FRONTEND_CACHE_URL; visitors see the change through Varnish at once, and through each app server.

Run by `make test-scaleout` (the CI's scale-out step), deselected from `make test`. Nothing here skips: without
varnishd, Redis or a PostgreSQL server the tests fail and say what is missing.
"""

import gzip
import http.client
import re
import subprocess
import urllib.request
import uuid
from urllib.parse import urlsplit

import pytest

from tests.servers import (
    PYTHON,
    ROOT,
    Server,
    admin_sql,
    free_port,
    manage,
    postgres_server,
    production_environment,
    redis_url,
)
from tests.varnish import Varnish, varnishd

pytestmark = pytest.mark.scaleout

LANGUAGES = ["en", "es", "fr", "ar"]
LEVEL_NAMES = {"en": "Fundamental", "es": "Fundamental ES", "fr": "Fondamental", "ar": "أساسي"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """Varnish → two gunicorns → one throwaway PostgreSQL database and Redis; yields (env, varnish, servers)."""
    varnishd()  # fail now, not after a minute of migrations, when Varnish is missing
    server = postgres_server()
    cache = redis_url()
    name = f"hub_scaleout_{uuid.uuid4().hex[:8]}"
    admin_sql(server, f'CREATE DATABASE "{name}"')
    work = tmp_path_factory.mktemp("scaleout")
    varnish_port = free_port()
    env = production_environment(
        work,
        DATABASE_URL=f"{server}/{name}",
        CACHE_URL=cache,
        FRONTEND_CACHE_URL=f"http://127.0.0.1:{varnish_port}",
        HUB_TRUSTED_PROXY_COUNT="1",
    )
    servers = []
    varnish = None
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "setup_site", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        names = ", ".join(f"name_{code}={value!r}" for code, value in LEVEL_NAMES.items())
        # Visitors reach the site through Varnish: the Site's host and port are Varnish's, so that Wagtail's page
        # URLs, and with them its purges and the bans, name the Host header that Varnish stored objects under.
        shell(
            env,
            f"EngagementLevel.objects.create(slug='fundamental', order=1, {names}); "
            f"Site.objects.update(hostname='127.0.0.1', port={varnish_port})",
        )
        servers = [Server(env), Server(env)]
        varnish = Varnish(work / "varnish", [app.port for app in servers], port=varnish_port)
        yield env, varnish, servers
    finally:
        if varnish is not None:
            varnish.stop()
        for app in servers:
            app.stop()
        admin_sql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def shell(env, statement):
    """Run ``statement`` in a process of the app of its own (the production settings, FRONTEND_CACHE_URL set)."""
    imports = (
        "from framework.models import EngagementLevel; from hub.models import HomePage; from wagtail.models import Site"
    )
    manage(env, "shell", "-c", f"{imports}; {statement}")


class Answer:
    """Status, headers and body of one HTTP answer."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def varnish_ids(self):
        """The X-Varnish ids: one for a fetch from an app server, two (this request's, the stored one's) for a hit."""
        return self.headers.get("X-Varnish", "").split()

    @property
    def hit(self):
        return len(self.varnish_ids) == 2


def request(base, path, method="GET", headers=None, source="127.0.0.1"):
    """One request to ``base`` from the loopback address ``source``."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30, source_address=(source, 0))
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def warm(varnish, path, **kwargs):
    """Request ``path`` until Varnish answers it from its cache (at most three times); returns that answer."""
    for _attempt in range(3):
        answer = request(varnish.url, path, **kwargs)
        if answer.hit:
            return answer
    raise AssertionError(f"{path} never came from Varnish's cache: {dict(answer.headers)}")


def level_path(code):
    return f"/{code}/framework/fundamental/"


def test_an_anonymous_page_is_served_from_varnish_on_the_second_request(stack):
    _env, varnish, _servers = stack
    path = "/fr/framework/fundamental/"
    request(varnish.url, path, method="PURGE")  # whatever an earlier test left
    first = request(varnish.url, path)
    second = request(varnish.url, path)
    assert first.status == second.status == 200
    assert len(first.varnish_ids) == 1
    assert len(second.varnish_ids) == 2
    assert int(second.headers["Age"]) >= 0
    assert "s-maxage=60" in second.headers["Cache-Control"]
    assert "X-Hub-Host" not in second.headers
    assert "Set-Cookie" not in second.headers


def test_brotli_gzip_and_identity_clients_each_get_their_own_encoding_from_varnish(stack):
    # Varnish keeps gzip itself and Brotli as a variant of its own (default.vcl, X-Hub-Br): a client is never
    # sent an encoding it did not accept, and a PURGE removes every variant.
    import brotli

    _env, varnish, _servers = stack
    path = "/es/framework/fundamental/"
    request(varnish.url, path, method="PURGE")
    parts = urlsplit(varnish.url)

    def raw(accept):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Accept-Encoding": accept} if accept else {})
            response = connection.getresponse()
            return response.headers, response.read()
        finally:
            connection.close()

    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda body: body}
    bodies = {}
    for accept, expected in [("br, gzip", "br"), ("gzip", "gzip"), ("", None)] * 2:
        headers, body = raw(accept)
        assert headers.get("Content-Encoding") == expected, (accept, dict(headers))
        assert "Accept-Encoding" in headers["Vary"] and "X-Hub-Br" not in headers["Vary"]
        bodies.setdefault(expected, set()).add(decode[expected](body))
    assert all(len(seen) == 1 for seen in bodies.values())
    assert bodies["br"] == bodies["gzip"] == bodies[None]
    # The second round came from Varnish's cache, in each encoding.
    for accept in ("br", "gzip"):
        assert len(raw(accept)[0]["X-Varnish"].split()) == 2
    request(varnish.url, path, method="PURGE")
    assert len(raw("br")[0]["X-Varnish"].split()) == 1


def test_noise_cookies_and_campaign_parameters_share_the_plain_pages_object(stack):
    _env, varnish, _servers = stack
    path = "/es/framework/fundamental/"
    warm(varnish, path)
    assert request(varnish.url, path, headers={"Cookie": "django_language=fr; _pk_id=1"}).hit
    assert request(varnish.url, path + "?utm_source=newsletter&utm_medium=email").hit


def test_the_apis_parameters_in_any_order_share_one_object(stack):
    _env, varnish, _servers = stack
    warm(varnish, "/api/v1/levels/?lang=es&page=1")
    assert request(varnish.url, "/api/v1/levels/?page=1&lang=es").hit
    assert request(varnish.url, "/api/v1/levels/?lang=es&page=1&utm_source=newsletter", headers={"Cookie": "a=1"}).hit


def test_a_request_with_a_session_cookie_passes_to_an_app_server(stack):
    _env, varnish, _servers = stack
    path = "/en/framework/fundamental/"
    warm(varnish, path)
    for _attempt in range(2):
        answer = request(varnish.url, path, headers={"Cookie": "csrftoken=abc; sessionid=not-a-real-session"})
        assert answer.status == 200
        assert len(answer.varnish_ids) == 1
        assert "private" in answer.headers["Cache-Control"]


def test_the_admin_passes_to_an_app_server(stack):
    _env, varnish, _servers = stack
    for _attempt in range(2):
        answer = request(varnish.url, "/admin/login/")
        assert answer.status == 200
        assert len(answer.varnish_ids) == 1


def test_purge_and_ban_are_refused_from_an_address_outside_the_acl(stack):
    _env, varnish, _servers = stack
    path = "/ar/framework/fundamental/"
    warm(varnish, path)
    # 127.0.0.2 is loopback too, but not in the `purgers` ACL: any other host of the network looks like this.
    assert request(varnish.url, path, method="PURGE", source="127.0.0.2").status == 405
    assert request(varnish.url, "/", method="BAN", source="127.0.0.2").status == 405
    assert request(varnish.url, path).hit

    assert request(varnish.url, path, method="PURGE").status == 200
    assert not request(varnish.url, path).hit


def test_wagtails_purge_reaches_every_languages_url(stack):
    env, varnish, _servers = stack
    for code in LANGUAGES:
        warm(varnish, level_path(code))
    # Wagtail's own purge of one URL, as its frontend cache sends it from an app server.
    url = f"{varnish.url}{level_path('en')}"
    manage(
        env,
        "shell",
        "-c",
        f"from wagtail.contrib.frontend_cache.utils import purge_url_from_cache; purge_url_from_cache({url!r})",
    )
    for code in LANGUAGES:
        assert not request(varnish.url, level_path(code)).hit, code


def test_a_published_page_shows_at_once_through_varnish_and_every_app_server(stack):
    env, varnish, servers = stack
    for code in LANGUAGES:
        assert "Published lead" not in warm(varnish, f"/{code}/").body
    shell(
        env,
        "home = HomePage.objects.get(); "
        + "; ".join(f"home.lead_{code} = 'Published lead {code}'" for code in LANGUAGES)
        + "; home.save_revision().publish()",
    )
    for code in LANGUAGES:
        answer = request(varnish.url, f"/{code}/")
        assert f"Published lead {code}" in answer.body, code
        # Through the second app server too, which shares the database and the page cache's version.
        with urllib.request.urlopen(f"{servers[1].url}/{code}/", timeout=30) as direct:
            assert f"Published lead {code}" in direct.read().decode()


def test_a_snippet_change_shows_at_once_in_every_language_through_varnish(stack):
    env, varnish, servers = stack
    api_paths = [f"/api/v1/levels/?lang={code}" for code in LANGUAGES]
    paths = [level_path(code) for code in LANGUAGES] + ["/api/v1/levels/", *api_paths]
    for path in paths:
        warm(varnish, path)
    assert "Renamed" not in request(varnish.url, "/api/v1/levels/").body

    names = "; ".join(f"level.name_{code} = 'Renamed {code}'" for code in LANGUAGES)
    shell(env, f"level = EngagementLevel.objects.get(slug='fundamental'); {names}; level.save()")

    for code in LANGUAGES:
        answer = request(varnish.url, level_path(code))
        assert not answer.hit, code
        assert f"Renamed {code}" in answer.body, code
        assert request(varnish.url, level_path(code)).hit
        for app in servers:
            with urllib.request.urlopen(f"{app.url}{level_path(code)}", timeout=30) as direct:
                assert f"Renamed {code}" in direct.read().decode()
    # The API's answers are kept by Varnish and by the app's page cache, and both let go of them with the pages.
    assert "Renamed en" in request(varnish.url, "/api/v1/levels/").body
    for code, path in zip(LANGUAGES, api_paths, strict=True):
        assert f"Renamed {code}" in request(varnish.url, path).body, code
        for app in servers:
            with urllib.request.urlopen(f"{app.url}{path}", timeout=30) as direct:
                assert f"Renamed {code}" in direct.read().decode(), (code, app.url)


def test_a_save_succeeds_and_is_logged_when_varnish_is_down(stack):
    env, _varnish, _servers = stack
    closed = f"http://127.0.0.1:{free_port()}"
    statement = "level = EngagementLevel.objects.get(slug='fundamental'); level.order = 1; level.save(); print('saved')"
    imports = "from framework.models import EngagementLevel"
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", f"{imports}; {statement}"],
        cwd=ROOT,
        env={**env, "FRONTEND_CACHE_URL": closed},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "saved" in result.stdout
    assert re.search(r"Could not ban 127\.0\.0\.1:\d+ from the frontend cache", result.stderr), result.stderr
