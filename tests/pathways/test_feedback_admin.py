"""The curators' list of reader feedback in the admin costs the same queries with a few reports as with many, on
many guides and steps (each row names its guide, or its step's role, and who resolved it)."""

import itertools

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.urls import reverse

from pathways.models import Feedback
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.pathways.builders import build_pathways, make_levels
from tests.queries import cold_queries

pytestmark = pytest.mark.django_db

# The admin page's own queries (session, user, permissions, site, the count and the rows): ten when measured.
ADMIN_LIST_BUDGET = 12
_numbers = itertools.count(1)


@pytest.fixture
def curator(client):
    user = User.objects.create_user("curator", "curator@example.org", "pw")
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


@pytest.fixture
def targets(home_page):
    """Guides and steps of several roles, so that a row reading its own would show."""
    index = ResourceIndexPageFactory(parent=home_page)
    guides = [ResourcePageFactory(parent=index, title=f"Guide {number}") for number in range(6)]
    roles = build_pathways(make_levels(), roles=3, steps=2, with_resources=False)
    steps = [step for role in roles for step in role.steps.all()]
    return guides, steps


def add_reports(count, targets, curator):
    guides, steps = targets
    for _ in range(count):
        number = next(_numbers)
        target = {"resource": guides[number % len(guides)]} if number % 2 else {"step": steps[number % len(steps)]}
        Feedback.objects.create(
            **target,
            language=("en", "es", "fr", "ar")[number % 4],
            kind="problem",
            reason="outdated",
            text=f"Report {number}",
            resolved=number % 3 == 0,
            resolved_by=curator if number % 3 == 0 else None,
        )


def rows(response):
    return BeautifulSoup(response.content, "html.parser").select("table tbody tr")


def test_feedback_list_costs_the_same_queries_with_3_reports_or_20(
    client, curator, targets, django_assert_max_num_queries
):
    url = reverse("feedback:index")
    add_reports(3, targets, curator)
    with django_assert_max_num_queries(ADMIN_LIST_BUDGET):
        small_response, small = cold_queries(client, url)
    add_reports(17, targets, curator)
    with django_assert_max_num_queries(ADMIN_LIST_BUDGET):
        large_response, large = cold_queries(client, url)
    assert (len(rows(small_response)), len(rows(large_response))) == (3, 20)
    assert len(small) == len(large), "\n".join(query["sql"] for query in large)
