"""Site settings edited in the Wagtail admin (Settings → Hub settings): the downloads' licence and attribution and
the suggestion form's rate limit follow what a curator saves, and reading them never writes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import DEFAULT_ATTRIBUTION, HubSettings
from tests.admin_forms import form_values
from tests.queries import writes

SETTINGS_URL = "/admin/settings/core/hubsettings/"
SUGGEST_URL = "/en/resources/suggest/"


def edit_form(admin_client):
    """The settings form as the admin shows it (Wagtail redirects to the settings row's own address)."""
    response = admin_client.get(SETTINGS_URL, follow=True)
    assert response.status_code == 200
    return response.request["PATH_INFO"], response.content.decode()


def save_settings(admin_client, **changes):
    """Post the settings form as a curator's browser would, with ``changes``."""
    url, html = edit_form(admin_client)
    values = form_values(html, field="licence_name")
    values.update({name: [value] for name, value in changes.items()})
    response = admin_client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_the_settings_start_with_the_hubs_own_wording():
    hub = HubSettings.current()
    assert hub.licence_name == "CC BY-SA 4.0"
    assert hub.attribution_in("es") == DEFAULT_ATTRIBUTION
    assert hub.suggestion_limit == 5


@pytest.mark.django_db
def test_the_admin_form_has_an_attribution_box_per_language(admin_client):
    _url, html = edit_form(admin_client)
    for code in ("en", "es", "fr", "ar"):
        assert f'name="attribution_{code}"' in html


@pytest.mark.django_db
def test_a_new_licence_and_attribution_reach_the_downloads(admin_client, client, home_page):
    save_settings(
        admin_client,
        licence_name="CC0 1.0",
        licence_url="https://creativecommons.org/publicdomain/zero/1.0/",
        attribution_en="Written by the Hub's volunteers.",
        credit="The Hub's volunteers",
    )
    data = json.loads(client.get("/downloads/resources.json").content)
    assert data["licence"] == {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"}
    assert data["attribution"]["text"] == "Written by the Hub's volunteers."
    assert data["attribution"]["contributors"] == "The Hub's volunteers"


@pytest.mark.django_db
def test_the_suggestion_limit_is_the_one_saved(admin_client, client):
    save_settings(admin_client, suggestion_limit="2")
    data = {"title": "A guide", "url": "https://meta.wikimedia.org/wiki/A", "description": "Useful.", "language": "en"}
    assert client.post(SUGGEST_URL, data).status_code == 302
    assert client.post(SUGGEST_URL, {**data, "title": "Another"}).status_code == 302
    assert client.post(SUGGEST_URL, {**data, "title": "A third"}).status_code == 429


@pytest.mark.django_db
def test_a_limit_of_zero_is_refused_with_a_message(admin_client):
    url, html = edit_form(admin_client)
    values = form_values(html, field="licence_name")
    values["suggestion_limit"] = ["0"]
    response = admin_client.post(url, values)
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert HubSettings.current().suggestion_limit == 5


@pytest.mark.django_db
def test_reading_the_settings_never_writes_even_without_a_saved_row(client, home_page):
    HubSettings.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/downloads/resources.json").status_code == 200
    assert writes(queries.captured_queries) == []
    assert not HubSettings.objects.exists()
