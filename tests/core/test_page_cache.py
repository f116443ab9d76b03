"""The anonymous page cache (core/pagecache, issue #15 point 1): a second visit costs no query, every kind of
change shows on the next visit in every language, signed-in editors and forms never go through it, no visitor's
nonce or CSRF token reaches another, and the query string is normalised."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import HubSettings
from framework.factories import EngagementLevelFactory
from framework.models import EngagementLevel
from pathways.factories import RoleFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from resources.models import ResourceIndexPage
from tests.resources.listing_data import listing_resources  # noqa: F401 (a fixture)

LANGUAGES = ["en", "es", "fr", "ar"]
NONCE = re.compile(r"'nonce-([\w+/=-]+)'")


def visit(client, url, params=None, **headers):
    """``(response, number of queries)`` of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {}, headers=headers)
    return response, len(queries)


def heading(response):
    """The page's main heading, without the "not yet translated" hint of an English fallback."""
    assert response.status_code == 200, response.status_code
    h1 = BeautifulSoup(response.content, "html.parser").h1
    for hint in h1.select(".hub-fallback__hint"):
        hint.decompose()
    return h1.get_text(" ", strip=True)


@pytest.fixture
def guide(home_page):
    index = ResourceIndexPageFactory(parent=home_page)
    return ResourcePageFactory(parent=index, slug="cached-guide", title="Cached guide", title_es="Guía en caché")


@pytest.fixture
def level(db):
    return EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental", name_es="Fundamental")


def titles(response):
    """The listing's result titles, read from the page (a page from the cache has no template context)."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(strip=True) for title in page.select(".hub-listing__title")]


# --- Hits ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/", "/es/framework/", "/fr/framework/fundamental/", "/ar/resources/cached-guide/"])
def test_a_second_anonymous_visit_runs_no_query(client, guide, level, url):
    first, first_queries = visit(client, url)
    second, second_queries = visit(client, url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")


def test_every_language_has_its_own_entry(client, guide):
    headings = {lang: heading(visit(client, f"/{lang}/resources/cached-guide/")[0]) for lang in LANGUAGES}
    again = {lang: heading(visit(client, f"/{lang}/resources/cached-guide/")[0]) for lang in LANGUAGES}
    assert again == headings
    assert headings["es"] == "Guía en caché"
    assert headings["en"] == headings["fr"] == headings["ar"] == "Cached guide"


# --- Changes show on the next visit, in every language ------------------------------------------------------


def warm(client, url_template):
    """Visit the page in every language until it comes from the cache."""
    for lang in LANGUAGES:
        visit(client, url_template.format(lang=lang))
        response, queries = visit(client, url_template.format(lang=lang))
        assert (response["X-Page-Cache"], queries) == ("hit", 0)


def test_publishing_a_page_shows_at_once_in_every_language(client, guide):
    warm(client, "/{lang}/resources/cached-guide/")
    guide.title_en = "Renamed guide"
    guide.title_fr = "Guide renommé"
    guide.save_revision().publish()
    shown = {lang: heading(visit(client, f"/{lang}/resources/cached-guide/")[0]) for lang in LANGUAGES}
    assert shown == {"en": "Renamed guide", "es": "Guía en caché", "fr": "Guide renommé", "ar": "Renamed guide"}


def test_a_saved_draft_leaves_the_cached_page_in_place(client, guide):
    warm(client, "/{lang}/resources/cached-guide/")
    guide.title_en = "Not yet"
    guide.save_revision()
    response, queries = visit(client, "/en/resources/cached-guide/")
    assert (heading(response), queries) == ("Cached guide", 0)


def test_unpublishing_a_page_shows_at_once_in_every_language(client, guide):
    warm(client, "/{lang}/resources/cached-guide/")
    guide.unpublish()
    assert [visit(client, f"/{lang}/resources/cached-guide/")[0].status_code for lang in LANGUAGES] == [404] * 4


def test_moving_or_deleting_a_page_shows_at_once(client, home_page, guide):
    warm(client, "/{lang}/resources/cached-guide/")
    # A second index (the admin allows one; the tree allows the move), so that the guide has somewhere to go.
    other = home_page.add_child(instance=ResourceIndexPage(title="Elsewhere", title_en="Elsewhere", slug="elsewhere"))
    guide.move(other, pos="last-child")
    # The old address is not served from the cache: it leads to the new one (a redirect in every language).
    moved = visit(client, "/es/resources/cached-guide/")[0]
    assert (moved.status_code, moved["Location"]) == (301, "/es/elsewhere/cached-guide/")
    assert heading(visit(client, "/es/elsewhere/cached-guide/")[0]) == "Guía en caché"
    warm(client, "/{lang}/elsewhere/cached-guide/")
    guide.refresh_from_db()
    guide.delete()
    assert [visit(client, f"/{lang}/elsewhere/cached-guide/")[0].status_code for lang in LANGUAGES] == [404] * 4


def test_a_snippet_change_shows_at_once_in_every_language(client, level):
    warm(client, "/{lang}/framework/fundamental/")
    level.name_en = "Foundations"
    level.name_es = "Fundamentos"
    level.save()
    shown = {lang: heading(visit(client, f"/{lang}/framework/fundamental/")[0]) for lang in LANGUAGES}
    assert "Fundamentos" in shown["es"]
    assert all("Foundations" in shown[lang] for lang in ("en", "fr", "ar"))


def test_deleting_a_snippet_shows_at_once(client, level):
    warm(client, "/{lang}/framework/fundamental/")
    EngagementLevel.objects.filter(pk=level.pk).first().delete()
    assert [visit(client, f"/{lang}/framework/fundamental/")[0].status_code for lang in LANGUAGES] == [404] * 4


def test_a_settings_change_renders_cached_pages_again(client, level):
    # No public page under the language prefix shows a setting today; a page that does is rendered afresh after
    # the change, like every other page, because the change replaced the site-wide content version.
    warm(client, "/{lang}/framework/fundamental/")
    settings_row = HubSettings.current()
    settings_row.provider_name = "Another name"
    settings_row.save()
    responses = [visit(client, f"/{lang}/framework/fundamental/") for lang in LANGUAGES]
    assert [(response["X-Page-Cache"], queries > 0) for response, queries in responses] == [("miss", True)] * 4


def test_a_suggestion_from_a_visitor_leaves_the_cache_alone(client, level):
    # Suggestions are shown on no public page (PAGE_CACHE_IGNORED_MODELS): a visitor's form must not be a way to
    # empty the cache for everyone.
    from resources.models import ResourceSuggestion

    warm(client, "/{lang}/framework/fundamental/")
    ResourceSuggestion.objects.create(
        title="A guide", url="https://example.org/guide", description="Good.", language="en", submitted_in="en"
    )
    assert visit(client, "/en/framework/fundamental/")[1] == 0


# --- Who never goes through the cache -----------------------------------------------------------------------


def test_a_signed_in_editor_never_gets_a_cached_page_and_leaves_none(client, admin_user, guide):
    anonymous = heading(visit(client, "/en/resources/cached-guide/")[0])
    editor = Client()
    editor.force_login(admin_user)
    response, queries = visit(editor, "/en/resources/cached-guide/")
    assert queries > 0
    assert "X-Page-Cache" not in response
    # The editor's page has Wagtail's user bar, which a visitor's page must never show.
    assert b"wagtail-userbar" in response.content
    assert response["Cache-Control"] == "private, no-store"
    again, again_queries = visit(client, "/en/resources/cached-guide/")
    assert (heading(again), again_queries) == (anonymous, 0)
    assert b"wagtail-userbar" not in again.content


def test_the_editor_page_is_never_stored_for_visitors(client, admin_user, guide):
    editor = Client()
    editor.force_login(admin_user)
    assert b"wagtail-userbar" in editor.get("/en/resources/cached-guide/").content
    response, queries = visit(client, "/en/resources/cached-guide/")
    assert response["X-Page-Cache"] == "miss"
    assert b"wagtail-userbar" not in response.content


def test_a_post_is_never_answered_from_the_cache(client, level):
    warm(client, "/{lang}/framework/fundamental/")
    response = client.post("/en/framework/fundamental/")
    assert response.status_code == 405
    assert "X-Page-Cache" not in response


# --- Nonces and CSRF tokens ---------------------------------------------------------------------------------


def test_a_page_served_from_the_cache_gets_a_nonce_of_its_own(client, db):
    # The pathway's offline file has an inline stylesheet with the request's nonce.
    RoleFactory(slug="mentor")
    url = "/en/pathways/mentor/offline/"
    first, _queries = visit(client, url)
    second, second_queries = visit(Client(), url)
    assert (second["X-Page-Cache"], second_queries) == ("hit", 0)
    nonces = []
    for response in (first, second):
        in_policy = NONCE.search(response["Content-Security-Policy"]).group(1)
        in_page = BeautifulSoup(response.content, "html.parser").find("style")["nonce"]
        assert in_page == in_policy
        nonces.append(in_page)
    assert nonces[0] != nonces[1]
    # The page holds a visitor's nonce: shared caches must not keep it.
    assert "private" in second["Cache-Control"]
    assert "public" not in second["Cache-Control"]


def test_a_page_with_a_form_is_never_cached_and_each_visitor_gets_a_working_token(db):
    url = "/en/resources/suggest/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_pattern = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
    tokens = []
    for visitor in (first, second):
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "pass"
        assert "csrftoken" in response.cookies
        assert "private" in response["Cache-Control"]
        tokens.append(token_pattern.search(response.content).group(1).decode())
    form = {"title": "", "url": "", "description": "", "language": "en", "website": ""}
    # Each visitor's token goes with their own cookie only: the first visitor's is refused with the second's.
    assert second.post(url, {**form, "csrfmiddlewaretoken": tokens[1]}).status_code == 200
    assert second.post(url, {**form, "csrfmiddlewaretoken": tokens[0]}).status_code == 403


# --- The query string ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("listing_resources")
def test_the_order_of_parameters_makes_no_difference(client):
    first, _queries = visit(client, "/en/resources/?type=guide&lang=en")
    second, second_queries = visit(client, "/en/resources/?lang=en&type=guide")
    assert second_queries == 0
    assert titles(second) == titles(first) == ["Alpha guide", "Bravo guide", "Golf guide"]


@pytest.mark.usefixtures("listing_resources")
def test_unknown_parameters_are_dropped(client):
    bare, _queries = visit(client, "/en/resources/")
    tracked, tracked_queries = visit(client, "/en/resources/?utm_source=newsletter&fbclid=abc")
    assert tracked_queries == 0
    assert tracked.content == bare.content
    # The view never saw them either: the language links do not repeat them.
    assert b"utm_source" not in tracked.content


@pytest.mark.usefixtures("listing_resources")
def test_different_filters_are_different_pages(client):
    guides = titles(visit(client, "/en/resources/?type=guide")[0])
    courses = titles(visit(client, "/en/resources/?type=course")[0])
    assert guides == ["Alpha guide", "Bravo guide", "Golf guide"]
    assert courses and not set(courses) & set(guides)
    assert titles(visit(client, "/en/resources/?type=guide")[0]) == guides


# --- Invalid values (core/pagecache/keys.py: a registration says which values are valid) -------------------

JUNK = ["sort=aaaa1", "page=999999", "page=0", "page=007", "type=podcast", "level=no%20such!", "lang=123", "tag=%3C%3E"]


@pytest.mark.usefixtures("listing_resources")
def test_junk_values_are_named_on_the_page_and_make_no_entry(client):
    from django.core.cache import caches

    visit(client, "/en/resources/")
    for junk in JUNK:
        first, _queries = visit(client, f"/en/resources/?{junk}")
        again, _queries = visit(client, f"/en/resources/?{junk}")
        # Rendered each time, never stored: junk cannot fill the cache and push real pages out.
        assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("pass", "pass"), junk
    assert len(caches["pages"]._cache) == 1
    # What the listing ignored is said to the anonymous visitor too.
    assert "Ignored unknown sort order: &#x27;aaaa1&#x27;" in visit(client, "/en/resources/?sort=aaaa1")[0].text


@pytest.mark.usefixtures("listing_resources")
def test_valid_filters_still_work_for_anonymous_visitors(client):
    assert titles(visit(client, "/en/resources/?type=guide&lang=en")[0]) == ["Alpha guide", "Bravo guide", "Golf guide"]
    newest = titles(visit(client, "/en/resources/?sort=newest")[0])
    assert (newest[0], newest[-1]) == ("Golf guide", "Alpha guide")
    by_level = titles(visit(client, "/en/resources/?level=emerging")[0])
    assert by_level and len(by_level) < len(titles(visit(client, "/en/resources/")[0]))
    # A junk value beside a valid one: the valid one still filters.
    assert titles(visit(client, "/en/resources/?type=guide&sort=aaaa1")[0]) == [
        "Alpha guide",
        "Bravo guide",
        "Golf guide",
    ]


def test_a_registration_accepts_choices_ranges_patterns_and_callables():
    from core.pagecache import keys

    keys.register_params(
        "test-validators", "free", sort={"new", "old"}, page=keys.PAGE_NUMBER, slug=keys.SLUG, even=lambda v: v == "2"
    )
    query = "free=x&sort=new&sort=bad&page=3&page=-1&page=1001&slug=ok-1&slug=no!&even=2&even=3&other=1"
    assert keys.normalised_query_for("test-validators", query) == (
        "even=2&even=3&free=x&page=3&page=-1&page=1001&slug=ok-1&slug=no%21&sort=new&sort=bad",
        False,
    )
    assert keys.normalised_query_for("test-validators", "sort=old&page=1000&slug=ok&even=2&free=%3C") == (
        "even=2&free=%3C&page=1000&slug=ok&sort=old",
        True,
    )


def test_a_registration_made_after_a_query_was_normalised_counts_at_once():
    # Normalised queries are remembered per process (keys.py); a registration must not be hidden by that memory.
    from core.pagecache import keys

    assert keys.normalised_query_for("test-late-registration", "b=2&a=1") == ("", True)
    keys.register_params("test-late-registration", "a", b={"2"})
    assert keys.normalised_query_for("test-late-registration", "b=2&a=1") == ("a=1&b=2", True)
    keys.register_params("test-late-registration", b={"3"})
    assert keys.normalised_query_for("test-late-registration", "b=3&a=1") == ("a=1&b=3", True)
