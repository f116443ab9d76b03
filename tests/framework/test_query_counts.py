"""Every framework page costs the same number of queries with the shipped amount of data and with ten
times as much."""

import pytest

from framework.models import Activity, Behavior, EngagementLevel, Skill, Source
from tests.framework.builders import build_framework
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes

PAGES = [
    "/es/framework/",
    "/es/framework/emerging/",
    "/es/framework/skills/skill-3/",
    "/es/framework/behaviors/behavior-3/",
    "/es/framework/activities/activity-3/",
    "/es/framework/about/",
]


def clear_framework():
    for model in (Activity, Behavior, Skill, EngagementLevel, Source):
        model.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_query_count_does_not_grow_with_the_framework(client, url):
    build_framework(1)

    def ten_times():
        clear_framework()
        build_framework(10)

    same_count_at_two_sizes(client, url, ten_times, budget=PAGE_BUDGET)
