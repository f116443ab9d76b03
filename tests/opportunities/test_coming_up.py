""" "Coming up" on level, skill and role pages (steps included), "find a mentor" and "become a mentor", and this
month's opportunities on the home page in the reader's language first: bounded queries at two sizes."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from framework.models import EngagementLevel, Skill
from pathways.models import PathwayStep, Role
from resources.models import ResourceLanguage
from tests.opportunities.builders import opportunity, opportunity_index, programme
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 2, 10, 12, 0, tzinfo=datetime.UTC)


def day(date):
    return {"start_date": date, "end_date": date}


@pytest.fixture
def framework():
    fundamental = EngagementLevel.objects.create(slug="fundamental", name="Fundamental", order=1)
    emerging = EngagementLevel.objects.create(slug="emerging", name="Emerging", order=2)
    skill = Skill.objects.create(slug="event-organizing", name="Event organizing", category="community")
    skill.levels.set([emerging])
    mentor = Role.objects.create(slug="mentor", name="Mentor", entry_level=fundamental, target_level=emerging)
    step = PathwayStep.objects.create(role=mentor, title="Welcome a newcomer", level=fundamental, sort_order=1)
    return {"level": fundamental, "skill": skill, "role": mentor, "step": step}


def block(client, url, title_id):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    section = soup.select_one(f"section[aria-labelledby={title_id}]")
    # The first text of each link: an English fallback adds a "not yet translated" hint after it.
    return [] if section is None else [a.find(string=True).strip() for a in section.select("li > a:first-child")]


@time_machine.travel(NOW, tick=False)
def test_level_skill_and_role_pages_show_the_next_opportunities_that_serve_them(client, framework):
    index = opportunity_index()
    opportunity(index, title="Past one", links={"skills": [framework["skill"]]}, **day(datetime.date(2027, 1, 1)))
    opportunity(
        index, title="Organising clinic", links={"skills": [framework["skill"]]}, **day(datetime.date(2027, 3, 1))
    )
    opportunity(index, title="First steps", links={"levels": [framework["level"]]}, **day(datetime.date(2027, 2, 20)))
    opportunity(index, title="For a step", links={"steps": [framework["step"]]}, **day(datetime.date(2027, 4, 1)))
    assert block(client, "/en/framework/skills/event-organizing/", "coming-up-title") == ["Organising clinic"]
    assert block(client, "/en/framework/fundamental/", "coming-up-title") == ["First steps"]
    soup = BeautifulSoup(client.get("/en/pathways/mentor/").content, "html.parser")
    section = soup.select_one("section[aria-labelledby=coming-up-title]")
    assert [a.get_text(strip=True) for a in section.select("li > a:first-child")] == ["For a step"]
    step_link = section.select_one(".hub-coming-up__steps a")
    assert step_link.get_text(strip=True) == "Welcome a newcomer"
    assert step_link["href"] == f"#step-{framework['step'].pk}"
    assert block(client, "/en/framework/emerging/", "coming-up-title") == []


@time_machine.travel(NOW, tick=False)
def test_the_mentor_role_offers_to_become_a_mentor_and_levels_to_find_one(client, framework):
    programme(
        title="Growth mentorship",
        become_mentor_url="https://example.org/mentors",
        links={"roles": [framework["role"]], "levels": [framework["level"]]},
    )
    programme(
        title="Closed one",
        always_open=False,
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 2, 1),
        links={"levels": [framework["level"]]},
    )
    soup = BeautifulSoup(client.get("/en/pathways/mentor/").content, "html.parser")
    assert soup.select_one("#mentorship-title").get_text(strip=True) == "Become a mentor"
    assert "How to become a mentor" in soup.select_one("section[aria-labelledby=mentorship-title]").get_text()
    soup = BeautifulSoup(client.get("/en/framework/fundamental/").content, "html.parser")
    assert soup.select_one("#mentorship-title").get_text(strip=True) == "Find a mentor"
    assert block(client, "/en/framework/fundamental/", "mentorship-title") == ["Growth mentorship"]


@time_machine.travel(NOW, tick=False)
def test_the_home_page_shows_this_months_opportunities_in_the_readers_language_first(client):
    arabic = ResourceLanguage.objects.create(code="ar", name="العربية")
    index = opportunity_index()
    opportunity(index, title="English clinic", title_ar="", **day(datetime.date(2027, 2, 12)))
    opportunity(index, title="Arabic clinic", links={"languages": [arabic]}, **day(datetime.date(2027, 2, 25)))
    opportunity(index, title="Next month", **day(datetime.date(2027, 3, 2)))
    assert block(client, "/ar/", "this-month-title") == ["Arabic clinic", "English clinic"]
    assert block(client, "/en/", "this-month-title") == ["English clinic", "Arabic clinic"]


@pytest.mark.parametrize("url", ["/en/framework/skills/event-organizing/", "/en/pathways/mentor/", "/en/"])
def test_coming_up_blocks_cost_the_same_queries_at_two_sizes(client, framework, url, home_page):
    index = opportunity_index()
    links = {"skills": [framework["skill"]], "steps": [framework["step"]], "roles": [framework["role"]]}
    opportunity(index, links=links, **day(datetime.date(2027, 2, 20)))
    programme(links={"roles": [framework["role"]]})

    def grow():
        for number in range(10):
            opportunity(index, links=links, recurrence="FREQ=WEEKLY", **day(datetime.date(2027, 2, 11 + number)))
            programme(links={"roles": [framework["role"]]})

    with time_machine.travel(NOW, tick=False):
        same_count_at_two_sizes(client, url, grow, budget=PAGE_BUDGET)
