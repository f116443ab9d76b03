"""The guides' tags in the Wagtail admin: a list with each language's label, and an edit form with a box per
language whose Arabic label readers see at once."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from resources.models import ResourceTag
from tests.admin_forms import form_values
from tests.resources.listing_data import make_index, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(home_page):
    tag = ResourceTag.objects.create(name="grants", slug="grants", label_es="subvenciones", label_fr="subventions")
    make_resource(make_index(), "Small grants guide", tags=[tag])
    return tag


def test_the_tag_list_shows_each_language_label_and_what_is_missing(admin_client, grants):
    response = admin_client.get(reverse("wagtailsnippets_resources_resourcetag:list"))
    assert response.status_code == 200
    row = BeautifulSoup(response.content, "html.parser").select_one("table.listing tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert "subvenciones" in cells and "subventions" in cells
    assert "Tags" in admin_client.get("/admin/").content.decode()


def test_a_translator_writes_the_arabic_label_and_readers_see_it(admin_client, client, grants):
    edit_url = reverse("wagtailsnippets_resources_resourcetag:edit", args=[grants.pk])
    values = form_values(admin_client.get(edit_url).content, field="label_en")
    for code in ("en", "es", "fr", "ar"):
        assert f"label_{code}" in values
    assert "المنح" not in client.get("/ar/resources/").content.decode()
    values["label_ar"] = ["المنح"]
    response = admin_client.post(edit_url, values)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    grants.refresh_from_db()
    assert (grants.name, grants.slug, grants.label_es) == ("grants", "grants", "subvenciones")
    assert "المنح" in client.get("/ar/resources/").content.decode()
