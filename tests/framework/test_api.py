"""The framework's JSON API under /api/v1/: content in every language, links, errors, schema, headers, speed."""

import re

import pytest
from openapi_spec_validator import validate

from framework.choices import Provenance
from framework.factories import (
    ActivityFactory,
    BehaviorFactory,
    EngagementLevelFactory,
    SkillFactory,
    SourceFactory,
)
from tests.queries import same_count_at_two_sizes

API = "/api/v1"
KINDS = ["levels", "skills", "behaviors", "activities"]
ITEM_KEYS = {
    "slug",
    "name",
    "description",
    "provenance",
    "awaiting_review",
    "sources",
    "url",
    "api_url",
    "language",
    "fallback_fields",
}
LINK_KEYS = {"slug", "name", "url", "api_url"}


@pytest.fixture
def framework(db):
    """Two levels and one item of each kind, written in English and Spanish (not in French)."""
    source = SourceFactory(key="leadership", title_en="Leadership Development", url="https://meta.example/Leadership")
    untitled = SourceFactory(key="untitled", title_en="", url="https://meta.wikimedia.org/wiki/Learning_and_Evaluation")
    fundamental = EngagementLevelFactory(
        slug="fundamental",
        order=1,
        name_en="Fundamental",
        name_es="Fundamental ES",
        short_description_en="Getting started.",
        short_description_es="Primeros pasos.",
        description_en="The first stage.",
        description_es="La primera etapa.",
    )
    fundamental.sources.set([source])
    emerging = EngagementLevelFactory(slug="emerging", order=2, name_en="Emerging", name_es="Emergente")
    skill = SkillFactory(
        slug="communication",
        name_en="Communication",
        name_es="Comunicación",
        category="communication",
        provenance=Provenance.SOURCE,
        levels=[fundamental],
        sources=[source, untitled],
    )
    SkillFactory(slug="mentoring", name_en="Mentoring", levels=[emerging])
    BehaviorFactory(slug="listens", name_en="Listens", name_es="Escucha", levels=[fundamental])
    BehaviorFactory(slug="leads", name_en="Leads", levels=[emerging])
    ActivityFactory(
        slug="edit-a-thon",
        name_en="Edit-a-thon",
        name_es="Editatón",
        levels=[fundamental, emerging],
        skills=[skill],
    )
    ActivityFactory(slug="workshop", name_en="Workshop", levels=[emerging])
    return {"fundamental": fundamental, "emerging": emerging}


def get_json(client, path, status=200):
    """GET an API path and return its JSON body after checking the status."""
    response = client.get(f"{API}{path}")
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# --- Lists and details ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "slugs"),
    [
        ("levels", ["fundamental", "emerging"]),
        ("skills", ["communication", "mentoring"]),
        ("behaviors", ["listens", "leads"]),
        ("activities", ["edit-a-thon", "workshop"]),
    ],
)
def test_list_gives_every_item_in_english_by_default(client, framework, kind, slugs):
    data = get_json(client, f"/{kind}/")
    assert data["count"] == 2
    assert [item["slug"] for item in data["items"]] == slugs
    first = data["items"][0]
    assert set(first) >= ITEM_KEYS
    assert first["language"] == "en"
    assert first["fallback_fields"] == []
    assert first["api_url"] == f"http://testserver{API}/{kind}/{slugs[0]}/"


def test_level_list_has_order_and_short_description(client, framework):
    level = get_json(client, "/levels/")["items"][0]
    assert level["order"] == 1
    assert level["name"] == "Fundamental"
    assert level["short_description"] == "Getting started."
    assert level["url"] == "http://testserver/en/framework/fundamental/"
    assert "skills" not in level  # the nested lists are for the detail only


@pytest.mark.parametrize(
    ("path", "name", "url"),
    [
        ("/levels/fundamental/", "Fundamental ES", "http://testserver/es/framework/fundamental/"),
        ("/skills/communication/", "Comunicación", "http://testserver/es/framework/skills/communication/"),
        ("/behaviors/listens/", "Escucha", "http://testserver/es/framework/behaviors/listens/"),
        ("/activities/edit-a-thon/", "Editatón", "http://testserver/es/framework/activities/edit-a-thon/"),
    ],
)
def test_detail_in_spanish_gives_spanish_text_and_spanish_page(client, framework, path, name, url):
    data = get_json(client, f"{path}?lang=es")
    assert data["name"] == name
    assert data["url"] == url
    assert data["api_url"] == f"http://testserver{API}{path}?lang=es"
    assert data["language"] == "es"
    assert data["fallback_fields"] == []


@pytest.mark.parametrize("kind", KINDS)
def test_spanish_list_gives_spanish_names(client, framework, kind):
    first = get_json(client, f"/{kind}/?lang=es")["items"][0]
    assert first["language"] == "es"
    assert first["url"].startswith("http://testserver/es/framework/")


def test_english_detail_gives_english_text(client, framework):
    data = get_json(client, "/skills/communication/")
    assert data["name"] == "Communication"
    assert data["description"] == "What it means in practice."
    assert data["url"] == "http://testserver/en/framework/skills/communication/"
    assert data["api_url"] == f"http://testserver{API}/skills/communication/"


def test_french_detail_falls_back_to_english_and_says_so(client, framework):
    data = get_json(client, "/skills/communication/?lang=fr")
    assert data["name"] == "Communication"
    assert data["description"] == "What it means in practice."
    assert data["language"] == "en"
    assert data["fallback_fields"] == ["name", "description"]
    # The page link stays in French: the HTML page marks the fallback itself.
    assert data["url"] == "http://testserver/fr/framework/skills/communication/"


def test_french_level_lists_each_field_that_falls_back(client, framework):
    level = framework["fundamental"]
    level.name_fr = "Fondamental"
    level.save()
    data = get_json(client, "/levels/fundamental/?lang=fr")
    assert data["name"] == "Fondamental"
    assert data["short_description"] == "Getting started."
    assert data["language"] == "fr"
    assert data["fallback_fields"] == ["short_description", "description"]


def test_french_list_marks_fallback_per_item(client, framework):
    items = get_json(client, "/behaviors/?lang=fr")["items"]
    assert {item["language"] for item in items} == {"en"}
    assert all(item["fallback_fields"] == ["name", "description"] for item in items)


def test_item_carries_provenance_and_sources(client, framework):
    data = get_json(client, "/skills/communication/")
    assert data["provenance"] == "source"
    assert data["awaiting_review"] is False
    assert data["sources"] == [
        {"key": "leadership", "title": "Leadership Development", "url": "https://meta.example/Leadership"},
        # No title recorded: the readable name made from the URL (display_title).
        {
            "key": "untitled",
            "title": "Learning and Evaluation",
            "url": "https://meta.wikimedia.org/wiki/Learning_and_Evaluation",
        },
    ]
    behavior = get_json(client, "/behaviors/listens/")
    assert behavior["provenance"] == "reconstruction"
    assert behavior["awaiting_review"] is True


def test_skill_has_category_and_levels(client, framework):
    data = get_json(client, "/skills/")["items"][0]
    assert data["category"] == "communication"
    assert [level["slug"] for level in data["levels"]] == ["fundamental"]


# --- Nested links -----------------------------------------------------------------------------------------


def test_level_detail_links_its_skills_behaviors_and_activities(client, framework):
    data = get_json(client, "/levels/fundamental/?lang=es")
    assert data["skills"] == [
        {
            "slug": "communication",
            "name": "Comunicación",
            "url": "http://testserver/es/framework/skills/communication/",
            "api_url": f"http://testserver{API}/skills/communication/?lang=es",
        }
    ]
    assert [link["slug"] for link in data["behaviors"]] == ["listens"]
    assert [link["slug"] for link in data["activities"]] == ["edit-a-thon"]
    emerging = get_json(client, "/levels/emerging/")
    assert [link["slug"] for link in emerging["skills"]] == ["mentoring"]
    assert [link["slug"] for link in emerging["activities"]] == ["edit-a-thon", "workshop"]


def test_skill_detail_links_the_activities_that_build_it(client, framework):
    data = get_json(client, "/skills/communication/")
    assert [set(link) for link in data["activities"]] == [LINK_KEYS]
    assert data["activities"][0]["api_url"] == f"http://testserver{API}/activities/edit-a-thon/"
    assert data["levels"][0]["url"] == "http://testserver/en/framework/fundamental/"
    assert "activities" not in get_json(client, "/skills/")["items"][0]


def test_activity_links_its_levels_and_skills(client, framework):
    data = get_json(client, "/activities/edit-a-thon/?lang=es")
    assert [link["name"] for link in data["levels"]] == ["Fundamental ES", "Emergente"]
    assert [link["name"] for link in data["skills"]] == ["Comunicación"]


def test_behavior_links_its_levels(client, framework):
    data = get_json(client, "/behaviors/leads/")
    assert data["levels"] == [
        {
            "slug": "emerging",
            "name": "Emerging",
            "url": "http://testserver/en/framework/emerging/",
            "api_url": f"http://testserver{API}/levels/emerging/",
        }
    ]


# --- Ordering, filtering, pagination ----------------------------------------------------------------------


def test_lists_are_ordered_by_level_order_and_item_position(client, db):
    EngagementLevelFactory(slug="second", order=2)
    EngagementLevelFactory(slug="first", order=1)
    SkillFactory(slug="b-skill", position=1)
    SkillFactory(slug="a-skill", position=1)
    SkillFactory(slug="z-skill", position=0)
    assert [item["slug"] for item in get_json(client, "/levels/")["items"]] == ["first", "second"]
    assert [item["slug"] for item in get_json(client, "/skills/")["items"]] == ["z-skill", "a-skill", "b-skill"]


@pytest.mark.parametrize(
    ("kind", "fundamental", "emerging"),
    [
        ("skills", ["communication"], ["mentoring"]),
        ("behaviors", ["listens"], ["leads"]),
        ("activities", ["edit-a-thon"], ["edit-a-thon", "workshop"]),
    ],
)
def test_level_filter_keeps_that_levels_items(client, framework, kind, fundamental, emerging):
    data = get_json(client, f"/{kind}/?level=fundamental")
    assert [item["slug"] for item in data["items"]] == fundamental
    assert data["count"] == len(fundamental)
    assert [item["slug"] for item in get_json(client, f"/{kind}/?level=emerging")["items"]] == emerging


@pytest.mark.parametrize("kind", ["skills", "behaviors", "activities"])
def test_unknown_level_filter_is_a_400_not_an_empty_list(client, framework, kind):
    data = get_json(client, f"/{kind}/?level=nope", status=400)
    assert data == {"detail": "Unknown level 'nope'. Use the slug of a level listed at /api/v1/levels/."}


def test_lists_are_paginated_by_page_number(client, framework):
    data = get_json(client, "/activities/?page=2&page_size=1")
    assert data["count"] == 2
    assert [item["slug"] for item in data["items"]] == ["workshop"]
    assert get_json(client, "/activities/?page=3&page_size=1")["items"] == []


def test_bad_page_is_a_422_with_ninjas_validation_details(client, framework):
    data = get_json(client, "/skills/?page=0", status=422)
    assert data["detail"][0]["loc"] == ["query", "page"]


# --- Errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "word"), [("levels", "level"), ("skills", "skill"), ("behaviors", "behavior"), ("activities", "activity")]
)
def test_unknown_slug_is_a_json_404_naming_the_kind(client, framework, kind, word):
    assert get_json(client, f"/{kind}/nope/", status=404) == {"detail": f"No {word} with slug 'nope'."}


@pytest.mark.parametrize("path", [f"/{kind}/" for kind in KINDS] + ["/skills/communication/", "/levels/fundamental/"])
def test_unknown_language_is_a_json_400_listing_the_languages(client, framework, path):
    data = get_json(client, f"{path}?lang=xx", status=400)
    assert data == {"detail": "Unknown language 'xx'. Use one of: en, es, fr, ar."}


# --- Schema and documentation ------------------------------------------------------------------------------

PATHS = [
    "/api/v1/levels/",
    "/api/v1/levels/{slug}/",
    "/api/v1/skills/",
    "/api/v1/skills/{slug}/",
    "/api/v1/behaviors/",
    "/api/v1/behaviors/{slug}/",
    "/api/v1/activities/",
    "/api/v1/activities/{slug}/",
]
EXAMPLE_SLUGS = {
    "levels": "fundamental",
    "skills": "communication",
    "behaviors": "listens",
    "activities": "edit-a-thon",
}


@pytest.fixture
def openapi(client, db):
    """The published OpenAPI document."""
    return get_json(client, "/openapi.json")


def test_openapi_schema_is_valid_and_lists_every_path(openapi):
    validate(openapi)
    assert openapi["openapi"].startswith("3.")
    assert set(PATHS) <= set(openapi["paths"])


@pytest.mark.parametrize("path", PATHS)
def test_every_operation_is_documented_with_its_errors(openapi, path):
    operation = openapi["paths"][path]["get"]
    assert operation["summary"]
    assert operation["description"]
    assert {"200", "400"} <= set(operation["responses"])
    if "{slug}" in path:
        assert "404" in operation["responses"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["lang"]["description"]


def test_every_schema_field_is_described(openapi):
    for name, component in openapi["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if name.startswith("Paged") and field == "items":
                continue  # ninja builds the paged wrappers; the item schema describes itself
            assert spec.get("description"), f"{name}.{field} has no description"


def _resolve(schema, openapi):
    """Follow ``$ref`` (and ninja's single-item ``allOf`` wrappers) to the schema they point at."""
    while True:
        if "$ref" in schema:
            schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        elif len(schema.get("allOf", [])) == 1:
            schema = schema["allOf"][0]
        else:
            return schema


JSON_TYPES = {"string": str, "integer": int, "boolean": bool, "array": list, "object": dict, "null": type(None)}


def assert_matches_schema(value, schema, openapi, where="response"):
    """Check ``value`` has exactly the properties the schema declares, recursively, with the right types."""
    schema = _resolve(schema, openapi)
    if "anyOf" in schema:
        kinds = [_resolve(option, openapi) for option in schema["anyOf"]]
        matching = [option for option in kinds if isinstance(value, JSON_TYPES[option.get("type", "object")])]
        assert matching, f"{where}: {value!r} matches none of {kinds}"
        schema = matching[0]
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    kind = schema.get("type")
    if kind:
        assert isinstance(value, JSON_TYPES[kind]), f"{where}: {value!r} is not {kind}"
    if kind == "object" and "properties" in schema:
        assert set(value) == set(schema["properties"]), f"{where}: keys {sorted(value)} differ from the schema"
        for key, sub in schema["properties"].items():
            assert_matches_schema(value[key], sub, openapi, f"{where}.{key}")
    elif kind == "array":
        for index, item in enumerate(value):
            assert_matches_schema(item, schema["items"], openapi, f"{where}[{index}]")


@pytest.mark.parametrize("path", PATHS)
def test_responses_match_the_published_schema(client, framework, openapi, path):
    kind = path.split("/")[3]
    url = path.replace("{slug}", EXAMPLE_SLUGS[kind])
    responses = openapi["paths"][path]["get"]["responses"]
    for query, status in [("?lang=es", 200), ("?lang=fr", 200), ("?lang=xx", 400)]:
        response = client.get(f"{url}{query}")
        assert response.status_code == status
        schema = responses[str(status)]["content"]["application/json"]["schema"]
        assert_matches_schema(response.json(), schema, openapi, f"{path}{query}")
    if "{slug}" in path:
        response = client.get(path.replace("{slug}", "nope"))
        assert response.status_code == 404
        assert_matches_schema(response.json(), responses["404"]["content"]["application/json"]["schema"], openapi)


def test_docs_page_works_offline(client, db):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in html
    assert 'href="/static/ninja/swagger-ui.css"' in html
    # Nothing is loaded from another host (no CDN): every src/href is a local path.
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "cdn" not in html.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


# --- Headers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/skills/", "/levels/fundamental/", "/openapi.json"])
def test_get_answers_are_open_to_every_origin_and_cacheable(client, framework, path):
    response = client.get(f"{API}{path}", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    # The API's five minutes for its clients; the page cache adds the shared caches' lifetime (hub/api.py).
    assert response["Cache-Control"] == "public, max-age=300, s-maxage=60, stale-while-revalidate=30"


def test_error_answers_are_readable_cross_origin_but_not_cached(client, framework):
    response = client.get(f"{API}/skills/nope/")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Cache-Control" not in response


def test_api_is_read_only(client, framework):
    assert client.post(f"{API}/skills/", {}).status_code == 405


# --- Speed: the same number of queries at any size ---------------------------------------------------------

# Queries per endpoint: a page costs count + items + one per prefetched relation; a detail, the item plus
# one per relation; the level filter adds its lookup.
QUERY_BUDGETS = {
    "/levels/": 3,
    "/levels/target/": 5,
    "/skills/": 4,
    "/skills/?level=target": 5,
    "/skills/target/": 4,
    "/behaviors/": 4,
    "/behaviors/?level=target": 5,
    "/behaviors/target/": 3,
    "/activities/": 5,
    "/activities/?level=target": 6,
    "/activities/target/": 4,
}


def add_framework(count):
    """Add ``count`` of everything, all linked to the ``target`` level and items (and they to all of it), so
    that every list, nested list and source list grows with ``count``."""
    target_level = EngagementLevelFactory(slug="target")
    targets = [
        SkillFactory(slug="target", levels=[target_level]),
        BehaviorFactory(slug="target", levels=[target_level]),
        ActivityFactory(slug="target", levels=[target_level]),
    ]
    target_skill, _target_behavior, target_activity = targets
    for _ in range(count):
        sources = [SourceFactory(), SourceFactory()]
        level = EngagementLevelFactory()
        level.sources.set(sources)
        skill = SkillFactory(levels=[target_level, level], sources=sources)
        BehaviorFactory(levels=[target_level, level], sources=sources)
        ActivityFactory(levels=[target_level, level], skills=[skill, target_skill], sources=sources)
        target_level.sources.add(*sources)
        target_activity.skills.add(skill)
        for target in targets:
            target.levels.add(level)
            target.sources.add(*sources)


@pytest.mark.parametrize(("path", "budget"), QUERY_BUDGETS.items())
def test_query_count_does_not_grow_with_the_data(client, db, path, budget):
    separator = "&" if "?" in path else "?"
    url = f"{API}{path}{separator}lang=es"
    add_framework(3)
    same_count_at_two_sizes(client, url, lambda: add_framework(27), budget=budget)  # ten times as many items
    response = client.get(url)
    if "target/" not in path:
        assert response.json()["count"] >= 30  # the large list really was larger
