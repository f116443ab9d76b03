"""The public pages whose own test modules measure them at one size only, or not at all, cost the same number of
queries cold (tests/queries.py) with little content and with ten times as much, within the HTML page budget."""

import datetime
import itertools

import pytest
import time_machine

from framework.factories import EngagementLevelFactory, SkillFactory
from pathways.factories import PathwayStepFactory, RoleFactory
from resources.models import ResourceLanguage
from tests.opportunities.builders import opportunity, opportunity_index, programme
from tests.pathways.builders import build_levels
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 2, 10, 12, 0, tzinfo=datetime.UTC)
_numbers = itertools.count(1)


def links(count, levels):
    """``count`` of every kind of object an opportunity or a programme links to."""
    skills = [SkillFactory(levels=levels[:1]) for _ in range(count)]
    roles = [RoleFactory(entry_level=levels[0], target_level=levels[1]) for _ in range(count)]
    steps = [PathwayStepFactory(role=roles[0], level=levels[0], skills=skills[:1]) for _ in range(count)]
    languages = [ResourceLanguage.objects.create(code=f"x{next(_numbers)}", name="Language") for _ in range(count)]
    return {"levels": levels[:count], "skills": skills, "roles": roles, "steps": steps, "languages": languages}


def relink(page, objects):
    """Link ``page`` to ``objects`` (as :func:`links` gives) instead of what it linked to, and publish it."""
    for name, values in objects.items():
        field = "pathway_steps" if name == "steps" else name
        if hasattr(page, field):
            getattr(page, field).set(values)
    page.save_revision().publish()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("kind", ["opportunity", "programme"])
def test_detail_pages_cost_the_same_queries_with_one_link_or_ten(client, home_page, kind):
    levels = [EngagementLevelFactory(order=n) for n in range(1, 11)]
    make = opportunity if kind == "opportunity" else programme
    page = make(links=links(1, levels), slug="measured")
    url = page.get_url()

    def grow():
        relink(page, links(10, levels))
        for _ in range(10):
            make(links=links(2, levels))

    same_count_at_two_sizes(client, url, grow, budget=PAGE_BUDGET)


def test_the_suggestion_form_costs_the_same_queries_whatever_the_framework(client, home_page):
    EngagementLevelFactory.create_batch(2)
    SkillFactory.create_batch(2)

    def grow():
        EngagementLevelFactory.create_batch(20)
        SkillFactory.create_batch(40)

    same_count_at_two_sizes(client, "/es/resources/suggest/", grow, budget=PAGE_BUDGET)


def test_the_start_page_costs_the_same_queries_whatever_the_roles(client, home_page):
    levels = build_levels()
    for number in range(2):
        RoleFactory(slug=f"role-{number}", entry_level=levels["fundamental"], target_level=levels["emerging"])

    def grow():
        for number in range(2, 22):
            RoleFactory(slug=f"role-{number}", entry_level=levels["emerging"], target_level=levels["elevated"])

    same_count_at_two_sizes(client, "/es/pathways/start/", grow, budget=PAGE_BUDGET)


def test_the_listings_of_opportunities_cost_the_same_queries_unfiltered(client, home_page):
    index = opportunity_index()
    opportunity(index, start_date=datetime.date(2027, 2, 20), end_date=datetime.date(2027, 2, 20))
    programme()

    def grow():
        for number in range(12):
            day = datetime.date(2027, 2, 11 + number)
            opportunity(index, start_date=day, end_date=day)
            programme()

    with time_machine.travel(NOW, tick=False):
        same_count_at_two_sizes(client, "/es/opportunities/", grow, budget=PAGE_BUDGET)
        same_count_at_two_sizes(client, "/es/mentorship/", lambda: None, budget=PAGE_BUDGET)
