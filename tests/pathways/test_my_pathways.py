"""The "My pathways" section of the roles page and the home page, as served: hidden, with a JSON island naming
every pathway with steps (in the page's language, with its address and step ids) for the script that reads this
browser's ticks; the same page for every visitor, so it is cached; a bounded number of queries."""

import json

import pytest
from bs4 import BeautifulSoup

from pathways.factories import RoleFactory
from pathways.models import PathwayStep, Role
from tests.pathways.builders import build_pathways, make_levels
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels(db):
    return make_levels()


@pytest.fixture
def pathways(levels, home_page):
    """Mentor and Role 1, three steps each, and a role with no step yet."""
    built = build_pathways(levels, 2, 3)
    RoleFactory(slug="stepless", name_en="Stepless", entry_level=levels[0], target_level=levels[1])
    return built


def section(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("section[data-my-pathways]")


def island(found):
    return json.loads(found.select_one('script#my-pathways-data[type="application/json"]').string)


@pytest.mark.parametrize("url", ["/es/pathways/", "/es/"])
def test_the_section_names_each_pathway_with_steps_in_the_page_language(client, pathways, url):
    found = section(client.get(url))
    mentor, other = pathways
    assert island(found) == [
        {
            "slug": "mentor",
            "name": "Mentor/a",
            "url": "/es/pathways/mentor/",
            "steps": [str(step.pk) for step in mentor.steps.order_by("sort_order")],
        },
        {
            "slug": "role-1",
            "name": "Rol 1",
            "url": "/es/pathways/role-1/",
            "steps": [str(step.pk) for step in other.steps.order_by("sort_order")],
        },
    ]


def test_the_section_is_hidden_as_served_and_says_where_progress_is_kept(client, pathways):
    found = section(client.get("/fr/pathways/"))
    assert found.has_attr("hidden")
    assert found.h2.get_text() == "Mes parcours"
    assert "reste uniquement dans ce navigateur" in found.get_text()
    assert found["data-progress"] == "{done} étapes sur {total}"
    assert found.select_one("button").get_text() == "Tout effacer"
    # The list is the script's to fill: nothing about any one visitor is in the page.
    assert found.select(".pathways-mine__list li") == []


def test_an_english_fallback_name_is_marked_for_the_script(client, pathways):
    entries = island(section(client.get("/ar/")))
    assert entries[0]["name"] == "Mentor" and entries[0]["lang"] == "en"


def test_a_level_filter_on_the_roles_page_keeps_every_pathway_in_the_overview(client, pathways):
    # Neither role passes through Fundamental: the filter hides both from the cards, not from "My pathways".
    response = client.get("/en/pathways/", {"level": "fundamental"})
    assert [entry["slug"] for entry in island(section(response))] == ["mentor", "role-1"]


def test_the_page_is_the_same_for_every_visitor_and_cached(client, pathways):
    first = client.get("/en/pathways/")
    assert not first.cookies
    second = client.get("/en/pathways/")
    assert second["X-Page-Cache"] == "hit"
    assert section(second) == section(first)


def test_without_any_pathway_the_island_is_empty(client, levels, home_page):
    assert island(section(client.get("/en/"))) == []


def test_home_page_query_count_does_not_grow_with_roles_and_steps(client, levels, home_page):
    build_pathways(levels, 2, 3)

    def grow():
        PathwayStep.objects.all().delete()
        Role.objects.all().delete()
        build_pathways(levels, 20, 6)

    same_count_at_two_sizes(client, "/es/", grow, budget=PAGE_BUDGET)
