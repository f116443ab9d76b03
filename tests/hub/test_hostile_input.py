"""Hostile input (issue #16): a corpus of values an attacker or a broken client sends — markup, quotes, SQL-ish
text, NUL and control characters, invalid UTF-8, bidi controls, Unicode digits, huge and negative numbers, very
long values, repeated parameters — goes to every parameter of every public URL pattern and every field of the
public forms. Nothing answers with a server error, and nothing sent comes back unescaped in HTML."""

from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory
from pathways.factories import PathwayStepFactory, RoleFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.opportunities.builders import opportunity, programme

MARKUP = '<script>alert("hub")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
CORPUS = {
    "markup": MARKUP,
    "attribute": ATTRIBUTE,
    "quotes": "'\"`",
    "sql": "1' OR '1'='1'; DROP TABLE wagtailcore_page; --",
    "nul": "a\x00b",
    "controls": "\x1b[31m\x07\x08\x7f",
    "bidi": "\u202eevil\u202c\u2066x\u2069",
    "unicode digits": "²③٣",
    "huge": "9" * 40,
    "negative": "-9223372036854775809",
    "long": "w" * 4000,
    "fts syntax": 'NEAR(a b) "unclosed * OR - AND',
    "emoji": "🧑🏽‍🏫",
}
# Sent as raw bytes in the query string: not UTF-8 at all.
INVALID_UTF8 = "%ff%fe%c3%28"

# Every public URL pattern with a concrete path and the parameters its view reads. The test below fails when a
# pattern is added without being listed here.
PAGES = {
    "healthz": ("/healthz", []),
    "security-txt": ("/.well-known/security.txt", []),
    "openapi-json": ("/api/v1/openapi.json", []),
    "openapi-view": ("/api/v1/docs", []),
    "framework-levels": ("/api/v1/levels/", ["lang", "page", "page_size"]),
    "framework-level": ("/api/v1/levels/emerging/", ["lang"]),
    "framework-skills": ("/api/v1/skills/", ["lang", "level", "page", "page_size"]),
    "framework-skill": ("/api/v1/skills/writing/", ["lang"]),
    "framework-behaviors": ("/api/v1/behaviors/", ["lang", "level", "page"]),
    "framework-behavior": ("/api/v1/behaviors/patience/", ["lang"]),
    "framework-activities": ("/api/v1/activities/", ["lang", "level", "page"]),
    "framework-activity": ("/api/v1/activities/welcome/", ["lang"]),
    "pathways-roles": ("/api/v1/roles/", ["lang", "level", "page"]),
    "pathways-role": ("/api/v1/roles/mentor/", ["lang"]),
    "resources-resources": (
        "/api/v1/resources/",
        ["lang", "q", "type", "level", "skill", "tag", "available_in", "sort", "page", "page_size"],
    ),
    "resources-resource": ("/api/v1/resources/a-guide/", ["lang"]),
    "opportunities-opportunities": (
        "/api/v1/opportunities/",
        ["lang", "format", "kind", "available_in", "level", "skill", "role", "region", "month", "show", "page"],
    ),
    "opportunities-opportunity": ("/api/v1/opportunities/a-workshop/", ["lang"]),
    "opportunities-programmes": (
        "/api/v1/mentorship/",
        ["lang", "format", "available_in", "level", "skill", "role", "region", "show", "page", "page_size"],
    ),
    "opportunities-programme": ("/api/v1/mentorship/a-programme/", ["lang"]),
    "api-root": ("/api/v1/", []),
    "oembed": ("/oembed/", ["url", "format", "maxwidth", "maxheight"]),
    "sitemap": ("/sitemap.xml", ["p"]),
    "download": ("/downloads/resources.json", []),
    "matrix": ("/en/framework/", []),
    "about": ("/en/framework/about/", []),
    "skill": ("/ar/framework/skills/writing/", []),
    "behavior": ("/es/framework/behaviors/patience/", []),
    "activity": ("/fr/framework/activities/welcome/", []),
    "level": ("/en/framework/emerging/", []),
    "roles": ("/en/pathways/", ["level"]),
    "start": ("/en/pathways/start/", ["edited", "organised", "next", "languages", "time"]),
    "role": ("/ar/pathways/mentor/", []),
    "role-offline": ("/en/pathways/mentor/offline/", []),
    "role-pdf": ("/ar/pathways/mentor/pathway.pdf", []),
    "search": ("/ar/search/", ["q", "page"]),
    "downloads": ("/fr/downloads/", []),
    "embed": ("/es/embed/skill/writing/", []),
    "suggest-resource": ("/en/resources/suggest/", ["sent"]),
    "feed": ("/en/opportunities/feed.ics", ["format", "kind", "lang", "level", "skill", "role", "region", "month"]),
    "announce": ("/en/opportunities/announce/", ["sent"]),
    "ics": ("/fr/opportunities/a-workshop/calendar.ics", []),
    "wagtailcore_authenticate_with_password": (None, []),  # needs a password-protected page; POST-only in use
    "wagtailcore_login": ("/en/_util/login/", ["next"]),
    "feedback": (None, []),  # POST-only: its fields are in test_hostile_values_in_every_feedback_field_…
    "translation-request": (None, []),  # POST-only: its field is in test_hostile_values_in_a_translation_request
    "wagtail_serve": ("/en/resources/", ["q", "type", "level", "skill", "tag", "lang", "sort", "page"]),
}
EXTRA_PATHS = ["/en/", "/en/resources/a-guide/"]
# Path segments a visitor can type: the converters must refuse or 404 them, never fail.
PATH_TEMPLATES = [
    "/en/embed/{}/writing/",
    "/downloads/{}",
    "/en/resources/{}/",
    "/api/v1/levels/{}/",
    "/api/v1/opportunities/{}/",
    "/api/v1/mentorship/{}/",
]


def public_patterns(patterns=None, prefix=""):
    """``(route, name)`` of every URL pattern outside the admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(("admin/", "documents/")):
                continue
            yield from public_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


@pytest.fixture
def content(home_page):
    """One item of each kind, so every detail URL above finds something to render."""
    level = EngagementLevelFactory(slug="emerging", order=2)
    skill = SkillFactory(slug="writing", levels=[level])
    BehaviorFactory(slug="patience", levels=[level])
    activity = ActivityFactory(slug="welcome", levels=[level])
    role = RoleFactory(slug="mentor", entry_level=level, target_level=level)
    ResourceIndexPageFactory(parent=home_page)
    guide = ResourcePageFactory(slug="a-guide", levels=[level], skills=[skill], tags=["newcomers"])
    PathwayStepFactory(role=role, level=level, skills=[skill], activities=[activity], resources=[guide])
    links = {"levels": [level], "skills": [skill], "roles": [role]}
    opportunity(links=links, slug="a-workshop")
    programme(links=links, slug="a-programme")


def test_every_public_url_pattern_is_in_the_hostile_corpus_table():
    names = {name for _route, name in public_patterns()}
    assert names - set(PAGES) == set(), "add the new URL pattern to PAGES"


def check(response, value):
    """No server error, and no raw reflection of ``value`` in an HTML answer."""
    assert response.status_code < 500, (response.request, response.status_code)
    if "html" in response.get("Content-Type", "") and any(char in value for char in '<>"'):
        assert value not in response.content.decode("utf-8", "replace"), response.request


# Values whose meaning depends on the parameter (a number here, text there): each parameter gets them alone too,
# so that one parameter refusing the value early cannot hide another that would fail on it.
ONE_BY_ONE = {"unicode digits", "huge", "negative", "nul"}


def requests_for(name, value):
    """(path, query) pairs: every parameter of each URL set to ``value`` at once, and one by one for the values
    in ONE_BY_ONE; the value as a path segment where a converter takes text."""
    encoded = quote(value, safe="")
    for path, params in PAGES.values():
        if path is None:
            continue
        yield path, "&".join(f"{param}={encoded}" for param in params)
        if name in ONE_BY_ONE:
            for param in params:
                yield path, f"{param}={encoded}"
    for path in EXTRA_PATHS:
        yield path, f"page={encoded}&q={encoded}"
    for template in PATH_TEMPLATES:
        yield template.format(quote(value[:200], safe="")), ""


@pytest.mark.django_db
@pytest.mark.parametrize("name", CORPUS)
def test_hostile_values_in_every_parameter_never_fail_or_reflect(client, content, name):
    value = CORPUS[name]
    for path, query in requests_for(name, value):
        response = client.get(path, QUERY_STRING=query)
        check(response, value)


@pytest.mark.django_db
def test_a_parameter_repeated_sixty_times_never_fails(client, content):
    for path, params in PAGES.values():
        if path and params:
            query = "&".join(f"{param}={quote(MARKUP)}" for param in params for _ in range(60))
            check(client.get(path, QUERY_STRING=query), MARKUP)


@pytest.mark.django_db
def test_invalid_utf8_in_every_query_string_never_fails(client, content):
    for path, params in PAGES.values():
        if path is None:
            continue
        for param in params or ["x"]:
            response = client.get(path, QUERY_STRING=f"{param}={INVALID_UTF8}")
            assert response.status_code < 500, (path, param, response.status_code)


SUGGESTION_FIELDS = ["title", "url", "description", "language", "level", "contact", "website"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", CORPUS)
def test_hostile_values_in_every_suggestion_field_never_fail_or_reflect(client, content, name):
    value = CORPUS[name]
    valid = {
        "title": "A guide",
        "url": "https://meta.wikimedia.org/wiki/A",
        "description": "Useful.",
        "language": "en",
        "level": "",
        "contact": "",
        "website": "",
    }
    for field in SUGGESTION_FIELDS:
        response = client.post("/en/resources/suggest/", {**valid, field: value})
        check(response, value)
    # The whole form at once, and the assessment's form (a GET form) with every answer hostile.
    check(client.post("/en/resources/suggest/", dict.fromkeys(SUGGESTION_FIELDS, value)), value)
    start_fields = PAGES["start"][1]
    check(client.get("/en/pathways/start/", dict.fromkeys(start_fields, value)), value)


FEEDBACK_FIELDS = ["resource", "step", "kind", "reason", "text", "website"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", CORPUS)
def test_hostile_values_in_every_feedback_field_never_fail_or_reflect(client, content, name):
    from resources.models import ResourcePage

    value = CORPUS[name]
    guide = ResourcePage.objects.get(slug="a-guide")
    valid = {
        "resource": str(guide.pk),
        "step": "",
        "kind": "problem",
        "reason": "broken-link",
        "text": "",
        "website": "",
    }
    origin = {"HTTP_ORIGIN": "http://testserver"}
    for field in FEEDBACK_FIELDS:
        check(client.post("/en/feedback/", {**valid, field: value}, **origin), value)
    check(client.post("/en/feedback/", dict.fromkeys(FEEDBACK_FIELDS, value), **origin), value)


@pytest.mark.django_db
@pytest.mark.parametrize("name", CORPUS)
def test_hostile_values_in_a_translation_request_never_fail_or_reflect(client, content, name):
    value = CORPUS[name]
    origin = {"HTTP_ORIGIN": "http://testserver"}
    for language in ("en", "ar"):
        check(client.post(f"/{language}/translation-request/", {"path": value}, **origin), value)
    check(client.post("/fr/translation-request/", {"path": f"/fr/resources/{value}"}, **origin), value)
