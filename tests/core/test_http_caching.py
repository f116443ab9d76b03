"""What public pages tell browsers and shared caches (issue #15 point 2): Cache-Control for anonymous visitors and
for editors, a strong ETag and Last-Modified, 304 Not Modified, and a Vary header that names only what varies."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from framework.factories import EngagementLevelFactory

pytestmark = pytest.mark.django_db

PAGE = "/es/framework/fundamental/"


@pytest.fixture(autouse=True)
def level(db):
    return EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental", name_es="Fundamental")


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_anonymous_pages_may_be_kept_by_browsers_and_shared_caches(client, settings):
    for response in (client.get(PAGE), client.get(PAGE)):  # rendered, then from the page cache
        assert directives(response) == {
            "public",
            f"max-age={settings.PAGE_CACHE_MAX_AGE}",
            f"s-maxage={settings.PAGE_CACHE_S_MAXAGE}",
            f"stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}",
        }


def test_an_editor_page_is_kept_by_nobody(admin_client):
    response = admin_client.get(PAGE)
    assert directives(response) == {"private", "no-store"}
    assert "ETag" not in response


def test_a_view_keeps_its_own_max_age(client, db):
    # An embed card says five minutes; the page cache adds what it does not say.
    from pathways.factories import RoleFactory

    RoleFactory(slug="mentor")
    for response in (client.get("/en/embed/role/mentor/"), client.get("/en/embed/role/mentor/")):
        assert "max-age=300" in directives(response)
        assert "public" in directives(response)
        # And its CSP choice survives the cache: any site may frame a card.
        assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_the_etag_is_strong_and_stable(client):
    first = client.get(PAGE)
    second = client.get(PAGE)
    assert first["ETag"].startswith('"')
    assert not first["ETag"].startswith("W/")
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]


def test_a_conditional_request_gets_304_without_a_query(client):
    etag = client.get(PAGE)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert len(queries) == 0


def test_if_modified_since_gets_304(client):
    last_modified = client.get(PAGE)["Last-Modified"]
    assert client.get(PAGE, headers={"if-modified-since": last_modified}).status_code == 304


def test_a_rendered_page_also_answers_304_to_the_etag_it_already_had(client):
    # Another app server (or this one after a restart) renders the same bytes: the visitor's copy is still good.
    etag = client.get(PAGE)["ETag"]
    from tests.queries import clear_caches

    clear_caches()
    response = client.get(PAGE, headers={"if-none-match": etag})
    assert (response.status_code, response["X-Page-Cache"]) == (304, "miss")


def test_after_a_change_the_old_etag_gets_the_new_page(client, level):
    etag = client.get(PAGE)["ETag"]
    level.name_es = "Fundamentos"
    level.save()
    response = client.get(PAGE, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Fundamentos" in response.content.decode()


def test_anonymous_pages_do_not_vary_on_the_cookie_they_do_not_have(client):
    # Templates read the user (for the editors' bar), which makes Django add "Vary: Cookie"; for a visitor with
    # no cookie, who is sent none, it only splits shared caches' entries. What does vary is the encoding.
    for response in (client.get(PAGE), client.get(PAGE)):
        assert response["Vary"] == "Accept-Encoding"
        assert not response.cookies


def test_only_the_root_varies_on_accept_language(client):
    root = Client().get("/", headers={"accept-language": "fr"})
    assert root.status_code == 302
    assert root["Location"] == "/fr/"
    assert "Accept-Language" in root["Vary"]
    for url in (PAGE, "/en/", "/ar/framework/"):
        assert "Accept-Language" not in client.get(url).get("Vary", ""), url


def test_a_page_that_sets_a_cookie_is_private(client):
    response = client.get("/en/resources/suggest/")
    assert "csrftoken" in response.cookies
    assert "private" in directives(response)
    assert "public" not in directives(response)
    assert "ETag" not in response


def test_a_page_rendered_while_the_content_changed_is_kept_by_no_shared_cache(rf, db):
    from django.http import HttpResponse

    from core.pagecache import bump
    from core.pagecache.middleware import PageCacheMiddleware

    def view_during_a_commit(request):
        bump()  # another process's write commits while this page renders
        return HttpResponse("<p>as it was</p>")

    response = PageCacheMiddleware(view_during_a_commit)(rf.get("/en/search/"))
    assert "private" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]

    calm = PageCacheMiddleware(lambda request: HttpResponse("<p>now</p>"))(rf.get("/en/search/"))
    assert "s-maxage" in calm["Cache-Control"]
