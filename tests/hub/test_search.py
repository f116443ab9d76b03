"""Site search at /<lang>/search/: resources and framework items, in the reader's language, grouped by kind,
without writing to the database; and the admin's page search finding Spanish titles."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from framework.models import Activity, Behavior, EngagementLevel, Skill
from tests.queries import cold_queries
from tests.resources.listing_data import make_index, make_many, make_resource, make_vocabulary


@pytest.fixture
def searchable(home_page):
    """A bilingual resource, an English-only one, a draft, and framework items of every kind."""
    index = make_index()
    level = EngagementLevel.objects.create(
        slug="emerging",
        order=2,
        name_en="Emerging",
        name_es="Emergente",
        short_description_en="Taking on more",
        short_description_es="Asumiendo más responsabilidades",
    )
    skill = Skill.objects.create(
        slug="mediation",
        name_en="Mediation",
        name_es="Mediación",
        description_en="Helping people settle disputes.",
        description_es="Ayudar a resolver conflictos comunitarios.",
        category="interpersonal",
    )
    behavior = Behavior.objects.create(slug="patience", name_en="Patience with newcomers", name_es="Paciencia")
    activity = Activity.objects.create(slug="editathon", name_en="Run an editathon", name_es="Organizar un editatón")
    bilingual = make_resource(
        index,
        "Organising an edit-a-thon",
        title_es="Cómo organizar un maratón de edición",
        summary_en="Plan the day, invite the newcomers, follow up.",
        summary_es="Planifica la jornada, invita a quienes llegan y haz seguimiento.",
        resource_type="guide",
        levels=[level],
    )
    english_only = make_resource(index, "Photo walks", summary_en="Take pictures for Commons.", resource_type="course")
    draft = make_resource(index, "Secret plans", summary_en="Take pictures for Commons.", live=False)
    return {
        "index": index,
        "level": level,
        "skill": skill,
        "behavior": behavior,
        "activity": activity,
        "bilingual": bilingual,
        "english_only": english_only,
        "draft": draft,
    }


def found(response, key):
    """The objects found in one group of results."""
    for group in response.context["groups"]:
        if group["key"] == key:
            return group["items"]
    return []


def test_empty_query_shows_the_form_and_no_results(client, searchable):
    response = client.get("/en/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="hub-search-form" method="get"' in html
    assert 'name="q"' in html
    assert response.context["groups"] == []
    assert "results for" not in html


def test_search_is_reversible_in_every_language(client, searchable):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("es"):
        assert reverse("search") == "/es/search/"


def test_spanish_query_finds_spanish_resource_text(client, searchable):
    response = client.get("/es/search/", {"q": "seguimiento"})
    assert found(response, "resources") == [searchable["bilingual"]]
    html = response.content.decode()
    assert "Cómo organizar un maratón de edición" in html
    response = client.get("/es/search/", {"q": "maratón"})
    assert found(response, "resources") == [searchable["bilingual"]]


def test_english_query_finds_english_text(client, searchable):
    response = client.get("/en/search/", {"q": "pictures"})
    assert found(response, "resources") == [searchable["english_only"]]
    html = response.content.decode()
    assert "Photo walks" in html
    assert "Resource · Course" in html


def test_search_covers_framework_items_in_spanish(client, searchable):
    response = client.get("/es/search/", {"q": "conflictos"})
    assert found(response, "skills") == [searchable["skill"]]
    response = client.get("/es/search/", {"q": "editatón"})
    assert found(response, "activities") == [searchable["activity"]]
    response = client.get("/es/search/", {"q": "responsabilidades"})
    assert found(response, "levels") == [searchable["level"]]
    response = client.get("/es/search/", {"q": "paciencia"})
    assert found(response, "behaviors") == [searchable["behavior"]]


def test_results_are_grouped_and_labelled_by_kind(client, searchable):
    response = client.get("/en/search/", {"q": "newcomers"})
    keys = [group["key"] for group in response.context["groups"]]
    assert keys == ["resources", "behaviors"]
    html = response.content.decode()
    assert '<h2 id="search-resources">Resources</h2>' in html
    assert '<h2 id="search-behaviors">Behaviors</h2>' in html
    assert 'href="/en/framework/behaviors/patience/"' in html
    assert 'href="/en/resources/organising-an-edit-a-thon/"' in html


def test_every_word_must_match(client, searchable):
    response = client.get("/en/search/", {"q": "pictures newcomers"})
    assert response.context["groups"] == []
    assert "Nothing matches your search." in response.content.decode()


def test_drafts_are_never_found(client, searchable):
    response = client.get("/en/search/", {"q": "secret"})
    assert found(response, "resources") == []


def test_missing_translations_are_not_indexed_as_the_word_none(client, searchable):
    response = client.get("/en/search/", {"q": "none"})
    assert response.context["groups"] == []


def test_fallback_titles_are_marked_on_spanish_results(client, searchable):
    html = client.get("/es/search/", {"q": "commons"}).content.decode()
    assert '<span lang="en" class="hub-fallback">Photo walks</span>' in html
    assert "hub-translation-status" in html


@pytest.mark.parametrize(
    "query", ["<script>alert(1)</script>", '"unbalanced', "nul\x00byte", "AND OR NOT", "*", "a" * 5000, "ñandú 🦆"]
)
def test_odd_queries_never_fail(client, searchable, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html


def test_search_writes_nothing_to_the_database(client, searchable):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/es/search/", {"q": "organizar"})
    assert response.status_code == 200
    assert found(response, "resources")
    writes = [q["sql"] for q in queries if q["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


# Two queries per kind searched, plus the site; on SQLite one more ranks the full-text matches once for all
# kinds (ranking per kind took five).
SEARCH_BUDGET = 10


def test_search_runs_the_same_queries_at_two_sizes(client, home_page):
    index = make_index()
    levels, _skills, _langs = make_vocabulary()
    make_many(index, 5, levels, prefix="Small")

    def count():
        response, queries = cold_queries(client, "/en/search/", {"q": "resource"})
        assert len(queries) <= SEARCH_BUDGET, [query["sql"] for query in queries]
        return len(queries), sum(len(group["items"]) for group in response.context["groups"])

    small, shown = count()
    assert shown == 5
    make_many(index, 55, levels, prefix="Large")
    large, shown = count()
    assert shown == 20
    assert small == large


# --- The admin finds Spanish titles ------------------------------------------------------------------


def test_admin_page_search_finds_spanish_titles(admin_client, searchable):
    response = admin_client.get("/admin/pages/search/", {"q": "maratón"})
    assert response.status_code == 200
    assert f"/admin/pages/{searchable['bilingual'].pk}/edit/" in response.content.decode()


def test_admin_explore_view_search_finds_spanish_titles(admin_client, searchable):
    response = admin_client.get(f"/admin/pages/{searchable['index'].pk}/", {"q": "maratón"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/admin/pages/{searchable['bilingual'].pk}/edit/" in html
    assert f"/admin/pages/{searchable['english_only'].pk}/edit/" not in html


def test_none_safe_page_fields_still_count_as_the_core_page_fields():
    from django.core import checks

    assert [error for error in checks.run_checks() if error.id == "wagtailsearch.W001"] == []


# --- Roles and their steps are searched ----------------------------------------------------------------------


@pytest.fixture
def mentor_role(db):
    from pathways.models import PathwayStep, Role

    fundamental = EngagementLevel.objects.create(slug="fundamental", order=1, name_en="Fundamental")
    emerging = EngagementLevel.objects.create(slug="emerging", order=2, name_en="Emerging")
    role = Role.objects.create(
        slug="mentor",
        name_en="Mentor",
        name_es="Mentora o mentor",
        summary_en="Guide newcomers through Programs & Events.",
        entry_level=fundamental,
        target_level=emerging,
    )
    # Created after the role, as the admin's inline form and the data-file import do.
    PathwayStep.objects.create(
        role=role, title_en="Welcome a newcomer", description_en="Greet them on their talk page.", level=fundamental
    )
    return role


def test_a_role_is_found_by_its_name_in_the_readers_language(client, mentor_role):
    assert found(client.get("/en/search/", {"q": "mentor"}), "roles") == [mentor_role]
    assert found(client.get("/es/search/", {"q": "mentora"}), "roles") == [mentor_role]


def test_a_role_is_found_by_what_its_steps_ask(client, mentor_role):
    response = client.get("/en/search/", {"q": "newcomer talk page"})
    assert found(response, "roles") == [mentor_role]
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one("#search-roles ~ ul a")
    assert (link.get_text(strip=True), link["href"]) == ("Mentor", "/en/pathways/mentor/")


def test_a_deleted_step_no_longer_finds_its_role(client, mentor_role):
    # "greet" is only in the step (PostgreSQL stems "newcomer" to the summary's "newcomers").
    assert found(client.get("/en/search/", {"q": "greet"}), "roles") == [mentor_role]
    mentor_role.steps.get().delete()
    assert found(client.get("/en/search/", {"q": "greet"}), "roles") == []


def test_a_result_summary_is_escaped_exactly_once(client, mentor_role):
    soup = BeautifulSoup(client.get("/en/search/", {"q": "mentor"}).content, "html.parser")
    summary = soup.select_one("#search-roles ~ ul .hub-item-list__description").get_text(strip=True)
    assert summary == "Guide newcomers through Programs & Events."
