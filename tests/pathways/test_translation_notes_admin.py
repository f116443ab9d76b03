"""A role's translators' notes in the admin (issue #12, point 3): a box and a text per language instead of a raw
``{}`` JSON text area, saved as the data files store them and shown on the role's page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from pathways.factories import RoleFactory
from pathways.models import Role
from tests.admin_forms import form_values


@pytest.fixture
def role(db):
    return RoleFactory(slug="mentor", name_en="Mentor", name_es="Mentor", translation_notes={})


def edit_url(role):
    return reverse("wagtailsnippets_pathways_role:edit", args=[role.pk])


def test_the_notes_are_a_box_and_a_text_per_language_not_json(admin_client, role):
    soup = BeautifulSoup(admin_client.get(edit_url(role)).content, "html.parser")
    assert soup.select("textarea[name=translation_notes]") == []
    assert "{}" not in [area.get_text(strip=True) for area in soup.select("textarea")]
    for code in ("es", "fr", "ar"):
        assert soup.select_one(f"input[type=checkbox][name=translation_notes-{code}-uncertain]") is not None
        assert soup.select_one(f"textarea[name=translation_notes-{code}-note]") is not None
    legends = [legend.get_text(strip=True) for legend in soup.select(".hub-translation-note legend")]
    assert legends == ["español", "français", "العربيّة"]


def test_notes_round_trip_through_the_admin_and_show_on_the_page(admin_client, client, role):
    values = form_values(admin_client.get(edit_url(role)).content)
    values["translation_notes-es-uncertain"] = ["on"]
    values["translation_notes-es-note"] = ['Some communities say "tutor" instead.']
    values["translation_notes-ar-note"] = ["Checked with the Arabic Wikipedia community."]
    response = admin_client.post(edit_url(role), values)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert Role.objects.get(pk=role.pk).translation_notes == {
        "es": {"uncertain": True, "note": 'Some communities say "tutor" instead.'},
        "ar": {"note": "Checked with the Arabic Wikipedia community."},
    }
    # The form opens with what was saved, and saving it unchanged keeps it.
    values = form_values(admin_client.get(edit_url(role)).content)
    assert values["translation_notes-es-uncertain"] == ["on"]
    assert values["translation_notes-ar-note"] == ["Checked with the Arabic Wikipedia community."]
    assert admin_client.post(edit_url(role), values).status_code == 302
    assert Role.objects.get(pk=role.pk).translation_notes["ar"] == {
        "note": "Checked with the Arabic Wikipedia community."
    }
    page = BeautifulSoup(client.get("/es/pathways/mentor/").content, "html.parser")
    assert 'Some communities say "tutor" instead.' in page.get_text(" ", strip=True)
    # Emptied, a language's note is gone.
    values["translation_notes-ar-note"] = [""]
    assert admin_client.post(edit_url(role), values).status_code == 302
    assert set(Role.objects.get(pk=role.pk).translation_notes) == {"es"}
