"""The framework in the Wagtail admin: one menu, lists with search and filters, per-language fields,
and edits that show on the public pages at once."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from framework.choices import Provenance
from framework.factories import EngagementLevelFactory, SkillFactory
from tests.admin_forms import form_values


@pytest.fixture
def skills(db):
    fundamental = EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    elevated = EngagementLevelFactory(slug="elevated", order=4, name_en="Elevated")
    communication = SkillFactory(
        slug="communication",
        name_en="Communication",
        name_es="Comunicación",
        levels=[fundamental],
        provenance=Provenance.SOURCE,
    )
    strategy = SkillFactory(
        slug="strategic-planning",
        name_en="Strategic planning",
        name_es="Planificación estratégica",
        levels=[elevated],
        provenance=Provenance.RECONSTRUCTION,
    )
    return {"fundamental": fundamental, "elevated": elevated, "communication": communication, "strategy": strategy}


def listed_names(response):
    """The names in the rows of an admin listing."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {link.get_text(strip=True) for link in soup.select("table.listing tbody td.title .title-wrapper a")}


def test_framework_menu_groups_every_kind(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Framework", "Engagement levels", "Skills", "Behaviors", "Activities", "Sources"):
        assert label in html


@pytest.mark.parametrize("query", ["Comunicación", "Communication", "comunica"])
def test_skill_search_finds_spanish_and_english_names(admin_client, skills, query):
    response = admin_client.get(reverse("wagtailsnippets_framework_skill:list"), {"q": query})
    names = listed_names(response)
    assert "Communication" in names
    assert "Strategic planning" not in names


def test_skill_list_filters_by_level_and_provenance(admin_client, skills):
    url = reverse("wagtailsnippets_framework_skill:list")
    by_level = listed_names(admin_client.get(url, {"levels": skills["elevated"].pk}))
    assert by_level == {"Strategic planning"}
    by_provenance = listed_names(admin_client.get(url, {"provenance": "source"}))
    assert by_provenance == {"Communication"}


def test_edit_form_has_a_box_per_language(admin_client, skills):
    response = admin_client.get(reverse("wagtailsnippets_framework_skill:edit", args=[skills["communication"].pk]))
    values = form_values(response.content)
    for code in ("en", "es", "fr", "ar"):
        assert f"name_{code}" in values
        assert f"description_{code}" in values
    assert values["name_es"] == ["Comunicación"]


def test_curators_spanish_edit_shows_on_the_public_page_at_once(admin_client, client, skills):
    assert "Comunicación" in client.get("/es/framework/").content.decode()
    edit_url = reverse("wagtailsnippets_framework_skill:edit", args=[skills["communication"].pk])
    values = form_values(admin_client.get(edit_url).content)
    values["name_es"] = ["Comunicación eficaz"]
    response = admin_client.post(edit_url, values)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    page = client.get("/es/framework/").content.decode()
    assert "Comunicación eficaz" in page
    assert "Comunicación eficaz" in client.get("/es/framework/skills/communication/").content.decode()


def test_english_name_is_required(admin_client, skills):
    edit_url = reverse("wagtailsnippets_framework_skill:edit", args=[skills["communication"].pk])
    values = form_values(admin_client.get(edit_url).content)
    values["name_en"] = [""]
    response = admin_client.post(edit_url, values)
    assert response.status_code == 200
    skills["communication"].refresh_from_db()
    assert skills["communication"].name_en == "Communication"
