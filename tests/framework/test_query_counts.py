"""Every framework page costs the same number of queries with the shipped amount of data and with ten
times as much."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from framework.models import Activity, Behavior, EngagementLevel, Skill, Source
from tests.framework.conftest import build_framework

PAGES = [
    "/es/framework/",
    "/es/framework/emerging/",
    "/es/framework/skills/skill-3/",
    "/es/framework/behaviors/behavior-3/",
    "/es/framework/activities/activity-3/",
    "/es/framework/about/",
]
BUDGET = 12


def count_queries(client, url):
    """Queries run to serve ``url`` once."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def clear_framework():
    for model in (Activity, Behavior, Skill, EngagementLevel, Source):
        model.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_query_count_does_not_grow_with_the_framework(client, django_assert_max_num_queries, url):
    build_framework(1)
    shipped_size = count_queries(client, url)
    clear_framework()
    build_framework(10)
    ten_times = count_queries(client, url)
    assert shipped_size == ten_times, f"{url}: {shipped_size} queries at the shipped size, {ten_times} at ten times"
    with django_assert_max_num_queries(BUDGET):
        client.get(url)
