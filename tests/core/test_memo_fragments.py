"""Fragments of pages kept per process and content version (core/templatetags/memo_tags.py) and the routes and
Sites kept beside them (core/routing.py): a change shows on the next uncached rendering in every language, a
fragment keyed on the address follows it (query string included), and nothing that belongs to one request (the
CSRF token, the CSP nonce, the signed-in user) is ever kept or handed to another."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.middleware.csrf import get_token
from django.template import engines
from django.test import Client, RequestFactory
from django.utils import translation

from core import memo
from framework.factories import EngagementLevelFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory

# Past the page cache, as the warm-up's requests are (core/pagecache/middleware.py): every request is rendered.
UNCACHED = {"HTTP_AUTHORIZATION": "Memo-Test"}
LANGUAGES = ["en", "es", "fr", "ar"]


def page(client, url):
    response = client.get(url, **UNCACHED)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def level(db):
    return EngagementLevelFactory(slug="emerging", order=1, name_en="Emerging", name_es="Emergente", name_fr="")


@pytest.fixture
def guide(home_page, level):
    index = ResourceIndexPageFactory(parent=home_page)
    guide = ResourcePageFactory(parent=index, slug="memo-guide", title="Memo guide", title_es="Guía memo")
    guide.levels.set([level])
    guide.save()
    return guide


# --- A change shows on the next rendering, in every language ----------------------------------------------------


def matrix_levels(client, lang):
    return [a.get_text(strip=True) for a in page(client, f"/{lang}/framework/").select(".hub-level-nav a")]


def test_a_renamed_level_shows_in_the_memoised_matrix_grid_in_every_language(client, level):
    before = {lang: matrix_levels(client, lang) for lang in LANGUAGES}
    assert before == {"en": ["Emerging"], "es": ["Emergente"], "fr": ["Emerging"], "ar": ["Emerging"]}
    # Rendered again from the memo: the same.
    assert {lang: matrix_levels(client, lang) for lang in LANGUAGES} == before
    level.name_en, level.name_es, level.name_fr = "Budding", "Incipiente", "Naissant"
    level.save()
    after = {lang: matrix_levels(client, lang) for lang in LANGUAGES}
    assert after == {"en": ["Budding"], "es": ["Incipiente"], "fr": ["Naissant"], "ar": ["Budding"]}


def home_levels(client, lang):
    section = page(client, f"/{lang}/").select_one("section[aria-labelledby=levels-title]")
    return [title.get_text(strip=True) for title in section.select(".cdx-card__text__title")]


def test_a_published_home_page_and_a_renamed_level_show_in_the_memoised_home_page(client, home_page, level):
    assert {lang: home_levels(client, lang) for lang in LANGUAGES}["es"] == ["Emergente"]
    home_page.intro_en = "<p>Fresh words for newcomers.</p>"
    home_page.intro_es = "<p>Palabras nuevas.</p>"
    home_page.save_revision().publish()
    intros = {lang: page(client, f"/{lang}/").select_one(".hub-prose").get_text(strip=True) for lang in LANGUAGES}
    assert intros["en"] == "Fresh words for newcomers."
    assert intros["es"] == "Palabras nuevas."
    # French and Arabic keep their translations, now marked out of date with the new English one click away.
    assert "Fresh words for newcomers." in intros["fr"] and "Fresh words for newcomers." in intros["ar"]
    level.name_es = "Incipiente"
    level.save()
    assert home_levels(client, "es") == ["Incipiente"]
    assert home_levels(client, "en") == ["Emerging"]


def test_a_published_title_shows_on_the_remembered_route_in_every_language(client, guide):
    headings = {lang: page(client, f"/{lang}/resources/memo-guide/").h1.get_text(" ", strip=True) for lang in LANGUAGES}
    assert headings["es"] == "Guía memo"
    guide.title_en, guide.title_fr = "Renamed guide", "Guide renommé"
    guide.save_revision().publish()
    headings = {lang: page(client, f"/{lang}/resources/memo-guide/").h1.get_text(" ", strip=True) for lang in LANGUAGES}
    assert headings == {"en": "Renamed guide", "es": "Guía memo", "fr": "Guide renommé", "ar": "Renamed guide"}


def test_an_unpublished_or_moved_page_is_not_found_at_its_remembered_address(client, guide, home_page):
    assert page(client, "/en/resources/memo-guide/")
    guide.slug = "moved-guide"
    guide.save_revision().publish()
    assert client.get("/en/resources/memo-guide/", **UNCACHED).status_code == 404
    assert page(client, "/fr/resources/moved-guide/")
    guide.refresh_from_db()
    guide.unpublish()
    for lang in LANGUAGES:
        assert client.get(f"/{lang}/resources/moved-guide/", **UNCACHED).status_code == 404


def test_each_request_gets_its_own_copy_of_a_remembered_page(client, guide, monkeypatch):
    served = []
    original = type(guide).get_context

    def get_context(self, request, *args, **kwargs):
        served.append(self)
        self.hub_test_mark = request
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(type(guide), "get_context", get_context)
    page(client, "/en/resources/memo-guide/")
    page(client, "/en/resources/memo-guide/")
    assert len(served) == 2 and served[0] is not served[1]
    assert served[0].hub_test_mark is not served[1].hub_test_mark


def test_the_header_follows_the_address_and_its_query_string(client, guide):
    def switcher(url):
        return [a["href"] for a in page(client, url).select(".hub-header a[hreflang]")]

    def current(url):
        return [a.get_text(strip=True) for a in page(client, url).select(".hub-nav a[aria-current]")]

    assert "/fr/resources/?type=guide" in switcher("/en/resources/?type=guide")
    assert "/fr/resources/?type=article" in switcher("/en/resources/?type=article")
    assert current("/en/resources/") == ["Resources"]
    assert current("/en/framework/") == ["Framework"]
    assert current("/en/") == ["Home"]


# --- Nothing of one request is kept ---------------------------------------------------------------------------


def render(source, request, **context):
    """``source`` rendered for ``request`` with the project's context processors (the CSRF token's included)."""
    return engines["django"].from_string("{% load memo_tags %}" + source).render(context, request=request)


def tokens(html):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


@pytest.fixture
def anonymous(db):
    def make():
        request = RequestFactory().get("/en/")
        request.user = get_user_model()()  # stands in for the lazy user; never read below unless asked
        return request

    memo.clear()
    return make


def test_a_fragment_holding_the_csrf_token_is_never_kept(anonymous):
    with translation.override("en"):
        first, second = anonymous(), anonymous()
        one = render('{% memo "t" %}{% csrf_token %}{% endmemo %}', first)
        two = render('{% memo "t" %}{% csrf_token %}{% endmemo %}', second)
    assert tokens(one) and tokens(two) and tokens(one) != tokens(two)
    # Each request was asked for its token, so each sets its own cookie.
    assert first.META["CSRF_COOKIE_NEEDS_UPDATE"] and second.META["CSRF_COOKIE_NEEDS_UPDATE"]
    assert first.META["CSRF_COOKIE"] != second.META["CSRF_COOKIE"]


def test_a_token_read_before_the_fragment_still_keeps_the_fragment_out(anonymous):
    with translation.override("en"):
        first, second = anonymous(), anonymous()
        get_token(first)
        get_token(second)
        one = render('{% memo "t2" %}{% csrf_token %}{% endmemo %}', first)
        two = render('{% memo "t2" %}{% csrf_token %}{% endmemo %}', second)
    assert tokens(one) and tokens(two) and tokens(one) != tokens(two)


def lazy_nonce(request, value):
    """The nonce as django-csp gives it to templates: made, and recorded on the request, when first read."""
    from django.utils.functional import SimpleLazyObject

    return SimpleLazyObject(lambda: setattr(request, "_csp_nonce", value) or value)


@pytest.mark.parametrize("read_before", [False, True])
def test_a_fragment_holding_the_nonce_is_never_kept(anonymous, read_before):
    source = '{% memo "n" %}<script nonce="{{ nonce }}">{% endmemo %}'
    with translation.override("en"):
        for value in ["nonce-of-the-first", "nonce-of-the-second"]:
            request = anonymous()
            nonce = lazy_nonce(request, value)
            if read_before:
                str(nonce)
            assert render(source, request, nonce=nonce) == f'<script nonce="{value}">'


def test_a_fragment_that_reads_the_user_is_never_kept(db):
    from django.contrib.auth.models import AnonymousUser
    from django.utils.functional import SimpleLazyObject

    memo.clear()
    names = iter(["first visitor", "second visitor"])
    outputs = []
    for _ in range(2):
        request = RequestFactory().get("/en/")
        name = next(names)
        user = AnonymousUser()
        request.user = SimpleLazyObject(lambda user=user, name=name: setattr(user, "hub_name", name) or user)
        with translation.override("en"):
            outputs.append(render('{% memo "u" %}{{ request.user.hub_name }}{% endmemo %}', request).strip())
    assert outputs == ["first visitor", "second visitor"]


def test_a_fragment_of_the_content_is_kept_and_requests_with_a_session_neither_read_nor_fill_it(anonymous):
    counter = iter(range(100))
    source = '{% memo "c" %}{{ next }}{% endmemo %}'

    def rendered(request):
        return (
            engines["django"]
            .from_string("{% load memo_tags %}" + source)
            .render({"request": request, "next": next(counter)})
        )

    with translation.override("en"):
        assert rendered(anonymous()) == "0"
        assert rendered(anonymous()) == "0"
        editor = RequestFactory().get("/en/")
        editor.COOKIES["sessionid"] = "abc"
        assert rendered(editor) == "2"
        assert rendered(anonymous()) == "0"
    with translation.override("es"):
        assert rendered(anonymous()) == "4"


# --- The listing: each combination of its parameters is its own entry -------------------------------------------


def listing_titles(client, url):
    return [title.get_text(strip=True) for title in page(client, url).select(".hub-listing__title")]


def test_the_memoised_listing_follows_filters_search_and_page_and_a_publish(client, home_page, level, monkeypatch):
    import resources.listing

    monkeypatch.setattr(resources.listing, "PER_PAGE", 2)
    index = ResourceIndexPageFactory(parent=home_page)
    for title, resource_type in [("Alpha", "guide"), ("Beta", "course"), ("Gamma", "guide")]:
        ResourcePageFactory(parent=index, title=title, title_es=f"{title} es", resource_type=resource_type)
    assert listing_titles(client, "/en/resources/") == ["Alpha", "Beta"]
    assert listing_titles(client, "/en/resources/?page=2") == ["Gamma"]
    assert listing_titles(client, "/en/resources/?type=guide") == ["Alpha", "Gamma"]
    assert listing_titles(client, "/en/resources/?type=course") == ["Beta"]
    assert listing_titles(client, "/en/resources/?type=course&type=guide&page=2") == ["Gamma"]
    assert listing_titles(client, "/es/resources/?type=course") == ["Beta es"]
    # Again, from the memo: the same answers.
    assert listing_titles(client, "/en/resources/?type=course") == ["Beta"]
    assert listing_titles(client, "/en/resources/?page=2") == ["Gamma"]
    beta = index.get_children().specific().get(title_en="Beta")
    beta.title_en, beta.title_es = "Aardvark", "Aardvark es"
    beta.save_revision().publish()
    assert listing_titles(client, "/en/resources/?type=course") == ["Aardvark"]
    assert listing_titles(client, "/es/resources/?type=course") == ["Aardvark es"]
    assert listing_titles(client, "/en/resources/") == ["Aardvark", "Alpha"]


def test_the_listing_holds_until_a_card_starts_to_need_review(home_page):
    import datetime

    from django.utils import timezone

    from core.pagecache import freshness
    from resources.listing import remembered_listing_context

    index = ResourceIndexPageFactory(parent=home_page)
    today = timezone.localdate()
    ResourcePageFactory(parent=index, title="Due today", review_by=today, last_reviewed=today)
    ResourcePageFactory(parent=index, title="Due later", review_by=today + datetime.timedelta(days=30))
    memo.clear()
    for _ in range(2):  # computed, then from the memo: both say until when they hold
        token = freshness.start()
        context = remembered_listing_context(RequestFactory().get("/en/resources/"), index)
        until = freshness.finish(token)
        assert [resource.needs_review for resource in context["results"]] == [False, False]
        assert timezone.localtime(until).date() == today + datetime.timedelta(days=1)


def test_a_preview_of_a_draft_never_reaches_visitors_nor_reads_what_they_see(client, home_page, level):
    home_page.intro_en = "<p>Draft words, not published.</p>"
    memo.clear()
    editor = RequestFactory().get("/admin/pages/")
    # A preview first, with the memo empty: what it renders is not kept...
    assert "Draft words, not published." in home_page.make_preview_request(editor).content.decode()
    translation.activate("en")
    # (Visitors come to the host Wagtail previews on, so that a kept fragment would have their key.)
    for lang in LANGUAGES:
        response = client.get(f"/{lang}/", HTTP_HOST="localhost", **UNCACHED)
        assert response.status_code == 200
        assert "Draft words" not in response.content.decode()
    # ...and a preview once visitors have filled the memo still shows the draft.
    assert "Draft words, not published." in home_page.make_preview_request(editor).content.decode()


def test_a_request_with_a_session_reads_nothing_the_memo_holds_not_even_routes_and_contexts(client, level):
    """The memo is for what every visitor sees alike. An editor (a session cookie) reads the database: with a
    replica, the primary (core/routers.py), so nothing the memo took from elsewhere may reach them. Here the
    level is renamed without a save (no content version change): visitors keep the remembered page, an editor's
    request shows the database as it is."""
    from framework.models import EngagementLevel

    url = f"/en/framework/{level.slug}/"
    memo.clear()
    assert client.get(url).status_code == 200
    EngagementLevel.objects.filter(pk=level.pk).update(name_en="Renamed without a save")
    assert "Renamed without a save" not in client.get(url).content.decode()
    editor = Client()
    editor.cookies["sessionid"] = "an-editors-session"
    assert "Renamed without a save" in editor.get(url).content.decode()
