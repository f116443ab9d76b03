"""The pathway endpoints of the JSON API: roles, a role's ordered steps, errors, schema and query budgets."""

import pytest

from pathways.models import PathwayStep, Role
from tests.pathways.builders import build_pathways, make_levels
from tests.queries import same_count_at_two_sizes


@pytest.fixture
def levels(db):
    return make_levels()


@pytest.fixture
def mentor(levels):
    return build_pathways(levels, 1, 3)[0]


def test_roles_list_is_paginated_in_a_stable_order(client, levels):
    build_pathways(levels, 5, 1)
    response = client.get("/api/v1/roles/?page_size=2")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["count"] == 5
    first_page = [role["slug"] for role in data["items"]]
    second_page = [role["slug"] for role in client.get("/api/v1/roles/?page_size=2&page=2").json()["items"]]
    everything = [role["slug"] for role in client.get("/api/v1/roles/").json()["items"]]
    assert everything[:4] == first_page + second_page
    # By entry level, then position.
    entry_orders = [Role.objects.get(slug=slug).entry_level.order for slug in everything]
    assert entry_orders == sorted(entry_orders)


def test_role_in_the_list_links_to_its_page_and_detail_in_the_language_asked(client, mentor):
    role = client.get("/api/v1/roles/?lang=es").json()["items"][0]
    assert role["slug"] == "mentor"
    assert role["name"] == "Mentor/a"
    assert role["url"] == "http://testserver/es/pathways/mentor/"
    assert role["api_url"] == "http://testserver/api/v1/roles/mentor/?lang=es"
    assert role["entry_level"]["slug"] == "emerging"
    assert role["target_level"]["name"] == "Elevado"
    assert role["icon"] == "userGroup"
    assert role["sources"][0]["title"] == "Mentorship on Meta-Wiki"
    assert role["language"] == "es"


def test_roles_list_filters_by_level(client, mentor, levels):
    data = client.get("/api/v1/roles/?level=expanding").json()
    assert [role["slug"] for role in data["items"]] == ["mentor"]
    assert client.get("/api/v1/roles/?level=fundamental").json()["count"] == 0


def test_unknown_level_is_a_bad_request(client, levels):
    response = client.get("/api/v1/roles/?level=nowhere")
    assert response.status_code == 400
    assert "nowhere" in response.json()["detail"]


def test_role_detail_gives_its_ordered_steps(client, mentor):
    data = client.get("/api/v1/roles/mentor/?lang=es").json()
    assert [step["title"] for step in data["steps"]] == [f"Paso {n} de mentor" for n in (1, 2, 3)]
    step = data["steps"][0]
    assert step["position"] == 1
    assert step["description"] == "Haz la cosa."
    assert step["level"]["slug"] == "emerging"
    assert step["level"]["api_url"] == "http://testserver/api/v1/levels/emerging/?lang=es"
    assert step["skills"][0]["url"] == "http://testserver/es/framework/skills/communication/"
    assert step["behaviors"][0]["name"] == "Paciencia"
    assert step["activities"][0]["slug"] == "welcome"
    guide = step["resources"][0]
    assert guide["title"] == "Guía de mentoría"
    assert guide["url"].startswith("http://testserver/es/resources/guide-")
    slug = guide["url"].rstrip("/").rsplit("/", 1)[1]
    assert guide["api_url"] == f"http://testserver/api/v1/resources/{slug}/?lang=es"
    assert step["links"] == [{"title": "WikiLearn course", "url": "https://learn.wiki/course/mentor", "hreflang": "en"}]
    assert step["fallback_fields"] == []


def test_role_detail_in_arabic_names_its_english_fallbacks(client, mentor):
    data = client.get("/api/v1/roles/mentor/?lang=ar").json()
    assert data["name"] == "Mentor"
    assert "name" in data["fallback_fields"]
    assert data["language"] == "en"
    assert data["steps"][0]["fallback_fields"] == ["title", "description"]


def test_unknown_role_is_not_found(client, levels):
    response = client.get("/api/v1/roles/nobody/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No role with slug 'nobody'."}


@pytest.mark.parametrize("url", ["/api/v1/roles/?lang=xx", "/api/v1/roles/mentor/?lang=xx"])
def test_unknown_language_is_a_bad_request(client, mentor, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Unknown language 'xx'" in response.json()["detail"]


def test_schema_lists_the_role_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/roles/" in schema["paths"]
    assert "/api/v1/roles/{slug}/" in schema["paths"]
    assert schema["paths"]["/api/v1/roles/{slug}/"]["get"]["operationId"] == "getRole"
    assert "StepOut" in schema["components"]["schemas"]


ENDPOINTS = ["/api/v1/roles/?lang=es", "/api/v1/roles/?level=expanding", "/api/v1/roles/mentor/?lang=ar"]
BUDGET = 10


@pytest.mark.parametrize("url", ENDPOINTS)
def test_query_count_does_not_grow_with_roles_and_steps(client, levels, url):
    build_pathways(levels, 2, 3)

    def grow():
        PathwayStep.objects.all().delete()
        Role.objects.all().delete()
        build_pathways(levels, 20, 6)

    same_count_at_two_sizes(client, url, grow, budget=BUDGET)
