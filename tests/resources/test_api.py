"""The resources' JSON API under /api/v1/resources/: the listing's filters (strict), sorting, search, pagination,
details in every language with fallback, errors and a fixed query budget."""

import datetime

import pytest
from django.utils import timezone

from framework.factories import EngagementLevelFactory, SkillFactory
from resources.factories import ResourceIndexPageFactory, ResourceLanguageFactory, ResourcePageFactory
from resources.models import ResourcePage
from tests.queries import same_count_at_two_sizes

API = "/api/v1"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def get_json(client, path, params=None, status=200):
    """GET an API path and return its JSON body after checking the status."""
    response = client.get(f"{API}{path}", params or {})
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(client, params=None):
    """The slugs of the resource list's first page, in order."""
    return [item["slug"] for item in get_json(client, "/resources/", params)["items"]]


@pytest.fixture
def resources(home_page):
    """Eight live resources with known types, levels, skills, tags and languages, and one draft."""
    ResourceIndexPageFactory()
    levels = {
        slug: EngagementLevelFactory(slug=slug, order=n, name_en=slug.title(), name_es=f"{slug.title()} ES")
        for n, slug in enumerate(["fundamental", "emerging", "expanding"], start=1)
    }
    skills = {
        "editing": SkillFactory(slug="editing", name_en="Editing", name_es="Edición", levels=[levels["fundamental"]]),
        "events": SkillFactory(slug="events", name_en="Events", name_es="Eventos", levels=[levels["expanding"]]),
    }
    langs = {code: ResourceLanguageFactory(code=code, name=code) for code in ["en", "es", "pt-BR"]}
    spec = [
        # slug, title, type, levels, skills, tags, languages
        ("alpha", "Alpha guide", "guide", ["fundamental"], ["editing"], ["wiki", "beginner"], ["en", "es"]),
        ("bravo", "Bravo course", "course", ["fundamental", "emerging"], ["editing"], ["beginner"], ["en"]),
        ("charlie", "Charlie toolkit", "toolkit", ["expanding"], ["events"], ["events"], ["es"]),
        ("delta", "Delta video", "video", ["emerging"], [], [], ["en", "pt-BR"]),
        ("echo", "Echo guide", "guide", ["expanding"], ["events"], ["events", "wiki"], ["en"]),
        ("foxtrot", "Foxtrot template", "template", [], [], [], []),
        ("golf", "Golf course", "course", ["expanding"], ["editing", "events"], ["wiki"], ["es", "pt-BR"]),
        ("hotel", "Hotel report", "report", ["fundamental"], [], [], ["en"]),
    ]
    pages = {}
    for n, (slug, title, kind, level_slugs, skill_slugs, tags, codes) in enumerate(spec):
        pages[slug] = ResourcePageFactory(
            slug=slug,
            title=title,
            title_es=f"{title} ES",
            resource_type=kind,
            levels=[levels[key] for key in level_slugs],
            skills=[skills[key] for key in skill_slugs],
            tags=tags,
            languages=[langs[code] for code in codes],
            # Reviewed in a shuffled order; published one day apart, alpha first.
            last_reviewed=TODAY - [5, 700, 1, 30, 10, 3, 20, 8][n] * DAY,
            first_published_at=timezone.now() - (len(spec) - n) * DAY,
        )
    ResourcePageFactory(slug="india", title="India draft", live=False, levels=[levels["fundamental"]])
    return {"pages": pages, "levels": levels, "skills": skills}


# --- The list and its filters ------------------------------------------------------------------------


def test_list_gives_every_live_resource_by_title(client, resources):
    data = get_json(client, "/resources/")
    assert data["count"] == 8
    assert [item["slug"] for item in data["items"]] == [
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "guide"}, ["alpha", "echo"]),
        ({"type": ["guide", "course"]}, ["alpha", "bravo", "echo", "golf"]),
        ({"level": "fundamental"}, ["alpha", "bravo", "hotel"]),
        ({"level": ["fundamental", "emerging"]}, ["alpha", "bravo", "delta", "hotel"]),
        ({"skill": "editing"}, ["alpha", "bravo", "golf"]),
        ({"skill": ["editing", "events"]}, ["alpha", "bravo", "charlie", "echo", "golf"]),
        ({"tag": "wiki"}, ["alpha", "echo", "golf"]),
        ({"tag": ["beginner", "events"]}, ["alpha", "bravo", "charlie", "echo"]),
        ({"available_in": "es"}, ["alpha", "charlie", "golf"]),
        ({"available_in": ["pt-BR", "es"]}, ["alpha", "charlie", "delta", "golf"]),
        # Across filters, every one applies.
        ({"type": "course", "level": "expanding"}, ["golf"]),
        ({"type": ["guide", "course"], "skill": "editing"}, ["alpha", "bravo", "golf"]),
        ({"tag": "wiki", "available_in": "es"}, ["alpha", "golf"]),
        ({"level": "fundamental", "skill": "events"}, []),
        # A value given twice counts once.
        ({"type": ["guide", "guide"]}, ["alpha", "echo"]),
    ],
)
def test_filters_are_ored_within_and_anded_across(client, resources, params, expected):
    data = get_json(client, "/resources/", params)
    assert [item["slug"] for item in data["items"]] == expected
    assert data["count"] == len(expected)


def test_the_api_gives_the_same_resources_as_the_listing_page(client, resources):
    params = {"type": ["guide", "course"], "skill": "editing"}
    page = client.get("/en/resources/", {**params})
    shown = sorted(resource.slug for resource in page.context["results"])
    assert sorted(slugs(client, params)) == shown


def test_drafts_are_never_listed_or_served(client, resources):
    assert "india" not in slugs(client, {"level": "fundamental"})
    get_json(client, "/resources/india/", status=404)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "podcast"}, "Unknown type: 'podcast'"),
        ({"type": ["guide", "podcast", "blog"]}, "Unknown type: 'podcast', 'blog'"),
        ({"level": "expert"}, "Unknown level: 'expert'"),
        ({"skill": "juggling"}, "Unknown skill: 'juggling'"),
        ({"tag": "nothing"}, "Unknown tag: 'nothing'"),
        ({"available_in": "xx"}, "Unknown language: 'xx'"),
        ({"sort": "random"}, "Unknown sort 'random'"),
        ({"sort": "relevance"}, "needs search text"),
        ({"q": "!!!"}, "no letters or digits"),
        ({"lang": "de"}, "Unknown language 'de'"),
        ({"type": [f"t{n}" for n in range(51)]}, "Too many values"),
    ],
)
def test_unknown_filter_values_are_a_json_400_naming_them(client, resources, params, message):
    response = client.get(f"{API}/resources/", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        # An empty value names nothing, like a misspelt one (the schema says a value has at least one character).
        ({"type": ""}, "Unknown type: ''. Use one of: guide,"),
        ({"level": ""}, "Unknown level: ''. Use the slug of a level listed at /api/v1/levels/."),
        ({"tag": ["wiki", ""]}, "Unknown tag: ''."),
        ({"available_in": "\x00"}, "Unknown language: '\x00'."),
        # A type is one of the schema's enum exactly as written.
        ({"type": " guide"}, "Unknown type: ' guide'."),
        # What the schema bounds is counted as sent: characters of `q`, values of a filter, characters of a value.
        ({"q": "wiki" + " " * 96 + "x"}, "The search text 'q' is longer than 100 characters."),
        ({"type": ["guide"] * 51}, "Too many values for 'type': at most 50."),
        ({"skill": "e" * 101}, "Unknown skill: 'eeee"),
    ],
)
def test_values_the_schema_excludes_are_a_json_400_naming_them(client, resources, params, message):
    response = client.get(f"{API}/resources/", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


def test_slugs_and_codes_are_read_like_the_listing_reads_them(client, resources):
    # Values that are not enums are data: spaces around them are dropped, as on the listing page.
    assert slugs(client, {"level": " fundamental ", "available_in": "es "}) == ["alpha"]


def test_the_resource_language_filter_is_not_the_response_language(client, resources):
    # ?lang= chooses the response's language and filters nothing; ?available_in= filters.
    data = get_json(client, "/resources/", {"lang": "es"})
    assert data["count"] == 8
    assert data["items"][0]["title"] == "Alpha guide ES"
    assert get_json(client, "/resources/", {"lang": "es", "available_in": "es"})["count"] == 3


def test_sort_by_newest_and_by_review_date(client, resources):
    assert slugs(client, {"sort": "newest"}) == [
        "hotel",
        "golf",
        "foxtrot",
        "echo",
        "delta",
        "charlie",
        "bravo",
        "alpha",
    ]
    assert slugs(client, {"sort": "reviewed"}) == [
        "charlie",
        "foxtrot",
        "alpha",
        "hotel",
        "echo",
        "golf",
        "delta",
        "bravo",
    ]


def test_title_sort_follows_the_response_language_with_english_fallback(client, resources):
    golf = resources["pages"]["golf"]
    golf.title_es = "Abeja"
    golf.save()
    hotel = resources["pages"]["hotel"]
    hotel.title_es = ""
    hotel.save()
    order = slugs(client, {"lang": "es"})
    assert order[0] == "golf"
    # "Hotel report" (English, no Spanish title) sorts among the Spanish titles by its English one.
    assert order.index("hotel") == len(order) - 1


def test_search_text_combines_with_the_filters(client, resources):
    # Every summary says "guide"; only two titles say "course".
    assert sorted(slugs(client, {"q": "course"})) == ["bravo", "golf"]
    assert slugs(client, {"q": "course", "level": "expanding"}) == ["golf"]
    assert slugs(client, {"q": "course", "sort": "title"}) == ["bravo", "golf"]
    assert slugs(client, {"q": "course", "type": "guide"}) == []


def test_list_is_paginated_in_a_stable_order(client, resources):
    first = get_json(client, "/resources/", {"page_size": 3})
    second = get_json(client, "/resources/", {"page_size": 3, "page": 3})
    assert first["count"] == second["count"] == 8
    assert [item["slug"] for item in first["items"]] == ["alpha", "bravo", "charlie"]
    assert [item["slug"] for item in second["items"]] == ["golf", "hotel"]
    assert get_json(client, "/resources/", {"page": 0}, status=422)["detail"][0]["loc"] == ["query", "page"]


def test_list_items_link_their_page_and_api_detail(client, resources):
    item = get_json(client, "/resources/", {"lang": "es"})["items"][0]
    assert item["url"] == "http://testserver/es/resources/alpha/"
    assert item["api_url"] == f"http://testserver{API}/resources/alpha/?lang=es"
    assert item["type"] == "guide"
    assert [level["slug"] for level in item["levels"]] == ["fundamental"]
    assert item["levels"][0]["name"] == "Fundamental ES"
    assert item["levels"][0]["api_url"] == f"http://testserver{API}/levels/fundamental/?lang=es"
    assert [tag["slug"] for tag in item["tags"]] == ["beginner", "wiki"]
    assert [language["code"] for language in item["available_in"]] == ["en", "es"]


# --- The detail --------------------------------------------------------------------------------------


def test_detail_gives_everything_about_the_resource(client, resources):
    data = get_json(client, "/resources/golf/")
    assert data["slug"] == "golf"
    assert data["title"] == "Golf course"
    assert data["summary"] == "A short guide in our own words."
    assert data["type"] == "course"
    assert data["url"] == "http://testserver/en/resources/golf/"
    assert data["api_url"] == f"http://testserver{API}/resources/golf/"
    assert data["external_url"].startswith("https://meta.wikimedia.org/wiki/Guide_")
    assert data["estimated_time"] == "30 min"
    assert data["audience"] == "New editors"
    assert data["maintainer"] == "Wikimedia volunteers"
    assert data["licence"] == "CC BY-SA 4.0"
    assert data["licence_url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert data["last_reviewed"] == (TODAY - 20 * DAY).isoformat()
    assert data["review_due"] == (TODAY - 20 * DAY + datetime.timedelta(days=548)).isoformat()
    assert data["needs_review"] is False
    assert [skill["slug"] for skill in data["skills"]] == ["editing", "events"]
    assert [language["code"] for language in data["available_in"]] == ["es", "pt-BR"]
    assert data["language"] == "en"
    assert data["fallback_fields"] == []


def test_a_resource_past_its_review_date_says_so(client, resources):
    data = get_json(client, "/resources/bravo/")
    assert data["needs_review"] is True
    assert data["review_due"] < TODAY.isoformat()


def test_spanish_detail_gives_spanish_text_and_the_spanish_external_link(client, resources):
    alpha = resources["pages"]["alpha"]
    alpha.external_url_es = "https://es.wikipedia.org/wiki/Ayuda:Edición"
    alpha.estimated_time_es = "30 minutos"
    alpha.audience_es = "Personas nuevas"
    alpha.save()
    data = get_json(client, "/resources/alpha/", {"lang": "es"})
    assert data["title"] == "Alpha guide ES"
    assert data["summary"] == "Una guía breve, en nuestras palabras."
    assert data["url"] == "http://testserver/es/resources/alpha/"
    assert data["external_url"] == "https://es.wikipedia.org/wiki/Ayuda:Edición"
    assert data["external_url_language"] == "es"
    assert data["language"] == "es"
    assert data["fallback_fields"] == []


def test_untranslated_fields_fall_back_to_english_and_are_listed(client, resources):
    data = get_json(client, "/resources/charlie/", {"lang": "es"})
    # Title and summary are in Spanish; time, audience and the external link only in English.
    assert data["language"] == "es"
    assert data["fallback_fields"] == ["estimated_time", "audience", "external_url"]
    assert data["estimated_time"] == "30 min"
    # Charlie exists only in Spanish, so its one link is in Spanish whatever the field's language.
    assert data["external_url_language"] == "es"
    french = get_json(client, "/resources/charlie/", {"lang": "fr"})
    assert french["language"] == "en"
    assert french["title"] == "Charlie toolkit"
    assert french["fallback_fields"] == ["title", "summary", "estimated_time", "audience", "external_url"]
    assert french["url"] == "http://testserver/fr/resources/charlie/"


def test_resource_without_an_external_link_gives_null(client, resources):
    foxtrot = resources["pages"]["foxtrot"]
    foxtrot.external_url_en = ""
    foxtrot.save()
    data = get_json(client, "/resources/foxtrot/")
    assert data["external_url"] is None
    assert data["external_url_language"] is None


def test_unknown_slug_and_bad_language_are_json_errors(client, resources):
    assert get_json(client, "/resources/nothing/", status=404) == {"detail": "No resource with slug 'nothing'."}
    assert "Unknown language 'xx'" in get_json(client, "/resources/alpha/", {"lang": "xx"}, status=400)["detail"]


def test_resources_are_in_the_api_schema(client, db):
    schema = get_json(client, "/openapi.json")
    assert {"/api/v1/resources/", "/api/v1/resources/{slug}/"} <= set(schema["paths"])
    names = {parameter["name"] for parameter in schema["paths"]["/api/v1/resources/"]["get"]["parameters"]}
    assert {"lang", "type", "level", "skill", "tag", "available_in", "q", "sort", "page", "page_size"} <= names


def test_get_answers_are_open_to_every_origin(client, resources):
    for path in ["/resources/", "/resources/alpha/"]:
        response = client.get(f"{API}{path}")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "max-age=300" in response["Cache-Control"]


# --- Speed: the same number of queries at any size ---------------------------------------------------------

# A page: the view restrictions (`public()`), count, items and four prefetches (levels, skills, tags, languages),
# the site and, measured cold, Wagtail's site root paths (for the page URLs), plus one lookup per database-backed
# filter given; a detail: the same without count.
QUERY_BUDGETS = {
    "/resources/": 9,
    "/resources/?type=guide&type=course&level=target&skill=target&tag=shared&available_in=es&sort=newest": 13,
    "/resources/?q=resource&level=target": 11,
    "/resources/?sort=reviewed&page=2&page_size=5": 9,
    "/resources/target/": 8,
}


def add_resources(count, target):
    """``count`` resources linked to the ``target`` level, skill and language and to a few tags each."""
    level, skill, language = target
    for n in range(count):
        ResourcePageFactory(
            title=f"Bulk resource {ResourcePage.objects.count():03d}",
            resource_type=["guide", "course", "toolkit"][n % 3],
            levels=[level, EngagementLevelFactory()],
            skills=[skill, SkillFactory()],
            tags=["shared", f"tag{n}"],
            languages=[language, ResourceLanguageFactory()],
        )


@pytest.mark.parametrize(("path", "budget"), QUERY_BUDGETS.items())
def test_query_count_does_not_grow_with_the_data(client, home_page, path, budget):
    separator = "&" if "?" in path else "?"
    url = f"{API}{path}{separator}lang=es"
    ResourceIndexPageFactory()
    target = (
        EngagementLevelFactory(slug="target"),
        SkillFactory(slug="target"),
        ResourceLanguageFactory(code="es"),
    )
    add_resources(6, target)
    ResourcePageFactory(slug="target", levels=[target[0]], skills=[target[1]], tags=["shared"], languages=[target[2]])
    first = client.get(url)
    same_count_at_two_sizes(client, url, lambda: add_resources(54, target), budget=budget)  # ten times as many
    second = client.get(url)
    if "target/" not in path:
        assert second.json()["count"] >= 5 * first.json()["count"]  # the large list really was larger
