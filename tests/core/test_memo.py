"""The per-process memo of what pages derive from the content (core/memo.py): used by a second rendering, dropped
by any content change on the next request, never shared between languages, and no longer than the moment the
value said it holds until."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from core import memo
from core.pagecache import bump, fresh_until
from core.pagecache.freshness import finish, start
from framework.factories import EngagementLevelFactory, SkillFactory
from pathways.factories import PathwayStepFactory, RoleFactory

# Past the page cache, as the warm-up's requests are (core/pagecache/middleware.py): every request is rendered.
UNCACHED = {"HTTP_AUTHORIZATION": "Memo-Test"}


@pytest.fixture
def matrix(db):
    """One level with one skill, named in English and Spanish (not French)."""
    level = EngagementLevelFactory(slug="emerging", order=1, name_en="Emerging", name_es="Emergente")
    skill = SkillFactory(slug="editing", name_en="Editing", name_es="Edición", levels=[level])
    return level, skill


def names_in_matrix(client, url):
    response = client.get(url, **UNCACHED)
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").select_one(".hub-matrix tbody")
    return [link.get_text(strip=True) for link in table.select("a")]


def framework_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **UNCACHED).status_code == 200
    return [query["sql"] for query in captured.captured_queries if '"framework_' in query["sql"]]


def test_a_second_rendering_of_the_matrix_reads_its_items_from_the_memo(client, matrix):
    assert framework_queries(client, "/es/framework/")
    # The levels with their skills, behaviors and activities are read once per content version.
    assert framework_queries(client, "/es/framework/") == []


def test_a_renamed_skill_shows_on_the_next_request_in_every_language(client, matrix):
    _level, skill = matrix
    assert names_in_matrix(client, "/es/framework/") == ["Edición"]
    assert names_in_matrix(client, "/en/framework/") == ["Editing"]
    skill.name_es = "Edición de artículos"
    skill.name_en = "Article editing"
    skill.save()
    assert names_in_matrix(client, "/es/framework/") == ["Edición de artículos"]
    assert names_in_matrix(client, "/en/framework/") == ["Article editing"]


def test_two_languages_never_share_an_entry(client, matrix):
    assert names_in_matrix(client, "/es/framework/") == ["Edición"]
    # French has no name: the English one, marked as a fallback, not the Spanish page's.
    response = client.get("/fr/framework/", **UNCACHED)
    fallback = BeautifulSoup(response.content, "html.parser").select_one(".hub-matrix tbody a .hub-fallback")
    assert fallback is not None and fallback.get_text(strip=True) == "Editing"
    assert fallback["lang"] == "en"
    assert "Edición" not in response.content.decode()


def test_a_pathway_step_added_shows_on_the_next_request(client, db):
    role = RoleFactory(slug="organiser", name_en="Organiser")
    PathwayStepFactory(role=role, title_en="Host a first meetup")
    assert "Host a first meetup" in client.get("/en/pathways/organiser/", **UNCACHED).content.decode()
    PathwayStepFactory(role=role, title_en="Run an edit-a-thon")
    page = client.get("/en/pathways/organiser/", **UNCACHED).content.decode()
    assert "Host a first meetup" in page and "Run an edit-a-thon" in page


def test_a_value_is_computed_once_per_language_and_version(db):
    calls = []

    def compute():
        calls.append(translation.get_language())
        return len(calls)

    memo.clear()
    with translation.override("es"):
        assert memo.memoised("test", 1, compute) == 1
        assert memo.memoised("test", 1, compute) == 1
    with translation.override("ar"):
        assert memo.memoised("test", 1, compute) == 2
    bump()
    with translation.override("es"):
        assert memo.memoised("test", 1, compute) == 3
    assert calls == ["es", "ar", "es"]


def test_a_value_is_kept_no_longer_than_the_moment_it_said_and_says_it_again(db):
    calls = []
    soon = timezone.now() + datetime.timedelta(hours=1)

    def compute():
        calls.append(1)
        fresh_until(soon)
        return len(calls)

    memo.clear()
    token = start()
    assert memo.memoised("clock", None, compute) == 1
    assert finish(token) == soon
    # Served from the memo, the value still tells the page cache when it stops holding.
    token = start()
    assert memo.memoised("clock", None, compute) == 1
    assert finish(token) == soon
    assert len(calls) == 1

    def compute_past():
        calls.append(1)
        fresh_until(timezone.now() - datetime.timedelta(seconds=1))
        return len(calls)

    token = start()  # as a request does: the moment said is forgotten at its end, not left for the next test
    assert memo.memoised("clock-past", None, compute_past) == 2
    # Its moment has passed: computed again.
    assert memo.memoised("clock-past", None, compute_past) == 3
    finish(token)
