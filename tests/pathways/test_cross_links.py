"""Pathways seen from the rest of the Hub: level, skill and resource pages list the roles that use them, the home
page leads to "Where do I start?" and shows the roles, and none of it costs more queries as roles are added."""

import pytest
from bs4 import BeautifulSoup

from framework.factories import SkillFactory
from pathways.factories import PathwayStepFactory, RoleFactory
from resources.factories import ResourcePageFactory
from tests.pathways.builders import build_levels
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def section(soup, title_id):
    heading = soup.find(id=title_id)
    assert heading is not None, f"no #{title_id}"
    return heading.find_parent("section")


def role_hrefs(block):
    return [a["href"] for a in block.select("a")]


@pytest.fixture
def levels():
    return build_levels()


@pytest.fixture
def pathways(levels):
    """Two roles: the mentor's steps build communication at Emerging (twice) and recommend a guide; the
    trainer's step is at Expanding."""
    communication = SkillFactory(slug="communication", name_en="Communication", levels=[levels["emerging"]])
    mentor = RoleFactory(
        slug="mentor",
        name_en="Mentor",
        name_es="Mentor o mentora",
        entry_level=levels["emerging"],
        target_level=levels["elevated"],
    )
    trainer = RoleFactory(
        slug="trainer", name_en="Trainer", entry_level=levels["emerging"], target_level=levels["elevated"]
    )
    PathwayStepFactory(role=mentor, level=levels["emerging"], skills=[communication])
    PathwayStepFactory(role=mentor, level=levels["emerging"], skills=[communication])
    PathwayStepFactory(role=trainer, level=levels["expanding"])
    return {"mentor": mentor, "trainer": trainer, "communication": communication}


def test_level_page_lists_the_roles_with_steps_at_that_level(client, pathways):
    soup = soup_of(client, "/es/framework/emerging/")
    roles = section(soup, "roles-title")
    assert roles.h2.get_text(strip=True) != ""
    assert role_hrefs(roles) == ["/es/pathways/mentor/"]
    assert "Mentor o mentora" in roles.get_text()
    assert role_hrefs(section(soup_of(client, "/en/framework/expanding/"), "roles-title")) == ["/en/pathways/trainer/"]


def test_level_page_without_roles_has_no_roles_section(client, pathways):
    assert soup_of(client, "/en/framework/fundamental/").find(id="roles-title") is None


def test_skill_page_lists_each_role_building_the_skill_once(client, pathways):
    soup = soup_of(client, "/en/framework/skills/communication/")
    roles = section(soup, "roles-title")
    assert roles.h2.get_text(strip=True) == "Roles that build on this skill"
    assert role_hrefs(roles) == ["/en/pathways/mentor/"]


def test_resource_page_lists_the_pathways_that_recommend_it(client, home_page, levels):
    guide = ResourcePageFactory(slug="welcoming-newcomers")
    ResourcePageFactory(slug="unrelated")
    mentor = RoleFactory(slug="mentor", name_en="Mentor", name_es="Mentor o mentora", entry_level=levels["emerging"])
    trainer = RoleFactory(slug="trainer", name_en="Trainer", entry_level=levels["emerging"])
    for role in (mentor, mentor, trainer):
        PathwayStepFactory(role=role, level=levels["emerging"], resources=[guide])

    soup = soup_of(client, "/es/resources/welcoming-newcomers/")
    pathways = section(soup, "pathways-title")
    assert sorted(role_hrefs(pathways)) == ["/es/pathways/mentor/", "/es/pathways/trainer/"]
    assert "Mentor o mentora" in pathways.get_text()
    assert soup_of(client, "/es/resources/unrelated/").find(id="pathways-title") is None


def test_home_page_leads_with_where_do_i_start_and_shows_the_roles(client, home_page, pathways):
    soup = soup_of(client, "/es/")
    start = soup.select_one('main a[href="/es/pathways/start/"]')
    assert start is not None
    levels = soup.find(id="levels-title")
    # The call to action comes before the levels.
    assert start in levels.find_all_previous("a")
    roles = section(soup, "roles-title")
    assert [a["href"] for a in roles.select(".cdx-card")] == ["/es/pathways/mentor/", "/es/pathways/trainer/"]
    assert "Mentor o mentora" in roles.get_text()


def test_main_navigation_links_to_the_pathways(client, home_page):
    nav = soup_of(client, "/es/").select_one("nav.hub-nav")
    assert "/es/pathways/" in [a["href"] for a in nav.select("a")]


def add_roles(levels, count, *, skill, guide):
    """``count`` roles, each with two steps at Emerging building ``skill`` and recommending ``guide``."""
    for _n in range(count):
        role = RoleFactory(entry_level=levels["emerging"], target_level=levels["elevated"])
        for _step in range(2):
            PathwayStepFactory(role=role, level=levels["emerging"], skills=[skill], resources=[guide])


# The pages' own budgets, measured cold (tests/queries.py).
CROSS_BUDGET = PAGE_BUDGET


@pytest.mark.parametrize(
    "url", ["/es/", "/es/framework/emerging/", "/es/framework/skills/communication/", "/es/resources/guide/"]
)
def test_query_count_does_not_grow_with_the_number_of_roles(client, home_page, levels, url):
    skill = SkillFactory(slug="communication", levels=[levels["emerging"]])
    guide = ResourcePageFactory(slug="guide", levels=[levels["emerging"]], skills=[skill])
    add_roles(levels, 2, skill=skill, guide=guide)
    same_count_at_two_sizes(client, url, lambda: add_roles(levels, 20, skill=skill, guide=guide), budget=CROSS_BUDGET)
    soup = soup_of(client, url)
    assert len(soup.select('main a[href^="/es/pathways/role-"]')) == 22
