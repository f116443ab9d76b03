"""A level page reads the sources of the level and of its items in one query (framework.queries.attach_sources):
each object gets its own sources, in file order, and the page lists the level's own."""

import pytest
from bs4 import BeautifulSoup

from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory, SourceFactory
from framework.queries import level_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def level():
    first, second, third, fourth = (SourceFactory(key=f"s{n}", title_en=f"Source {n}") for n in range(1, 5))
    for position, source in enumerate([first, second, third, fourth]):
        source.position = position
        source.save()
    level = EngagementLevelFactory(slug="emerging", order=2)
    level.sources.set([second, first])
    skill = SkillFactory(slug="writing", levels=[level])
    skill.sources.set([third])
    behavior = BehaviorFactory(slug="patience", levels=[level])
    behavior.sources.set([fourth, first])
    activity = ActivityFactory(slug="editathon", levels=[level])
    EngagementLevelFactory(slug="fundamental", order=1)
    EngagementLevelFactory(slug="expanding", order=3)
    EngagementLevelFactory(slug="elevated", order=4)
    return {"level": level, "skill": skill, "behavior": behavior, "activity": activity}


def keys(obj):
    return [source.key for source in obj.sources.all()]


def test_every_object_gets_its_own_sources_in_file_order(level, django_assert_num_queries):
    found, previous_level, next_level = level_page("emerging")
    assert (previous_level.slug, next_level.slug) == ("fundamental", "expanding")
    with django_assert_num_queries(0):
        assert keys(found) == ["s1", "s2"]
        assert [keys(skill) for skill in found.skills.all()] == [["s3"]]
        assert [keys(behavior) for behavior in found.behaviors.all()] == [["s1", "s4"]]
        assert [keys(activity) for activity in found.activities.all()] == [[]]


def test_the_level_and_its_items_with_all_their_sources_cost_six_queries(level, django_assert_num_queries):
    # The level and its neighbours, its skills, behaviors, activities and the activities' skills, and every
    # source of all of them in one join (issue #15: a level page within 12 queries cold on any content).
    with django_assert_num_queries(6):
        found, _previous, _next = level_page("emerging")
    with django_assert_num_queries(0):
        assert [keys(behavior) for behavior in found.behaviors.all()] == [["s1", "s4"]]


def test_the_sources_are_named_in_the_readers_language(client, level):
    first = level["level"].sources.get(key="s1")
    first.title_es = "Fuente uno"
    first.save()
    soup = BeautifulSoup(client.get("/es/framework/emerging/").content, "html.parser")
    assert [a.get_text(strip=True) for a in soup.select(".hub-provenance .hub-sources a")] == ["Fuente uno", "Source 2"]


def test_the_level_page_lists_the_levels_own_sources(client, level):
    soup = BeautifulSoup(client.get("/en/framework/emerging/").content, "html.parser")
    assert [a.get_text(strip=True) for a in soup.select(".hub-provenance .hub-sources a")] == ["Source 1", "Source 2"]


def test_an_unknown_level_is_not_found(client, level):
    assert client.get("/en/framework/nowhere/").status_code == 404
