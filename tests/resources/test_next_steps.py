"""Ways forward from the resources: the suggestion form linked from the footer, from the listing's and search's
empty states and from each guide, with its language defaulting to the page's language (issue #13, points 4, 6)."""

import pytest
from bs4 import BeautifulSoup

from tests.resources.listing_data import make_index, make_resource

SUGGEST_TEXT = {"en": "Know a guide we are missing? Suggest it", "es": "¿Conoces una guía que nos falta? Sugiérela"}


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
@pytest.mark.django_db
def test_suggestion_language_defaults_to_the_page_language(client, lang):
    soup = soup_of(client.get(f"/{lang}/resources/suggest/"))
    selected = soup.select("select[name=language] option[selected]")
    assert [option["value"] for option in selected] == [lang]


@pytest.mark.parametrize(("lang", "label"), [("en", "Suggest a resource"), ("es", "Sugerir un recurso")])
@pytest.mark.django_db
def test_the_footer_links_to_the_suggestion_form(client, home_page, lang, label):
    soup = soup_of(client.get(f"/{lang}/framework/"))
    link = soup.select_one("footer a[href$='/resources/suggest/']")
    assert (link.get_text(strip=True), link["href"]) == (label, f"/{lang}/resources/suggest/")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.django_db
def test_an_empty_listing_offers_ways_forward_and_the_suggestion_form(client, home_page, lang):
    make_index()
    soup = soup_of(client.get(f"/{lang}/resources/", {"q": "zzzznothing"}))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".hub-empty a")}
    assert links[SUGGEST_TEXT[lang]] == f"/{lang}/resources/suggest/"
    assert f"/{lang}/pathways/start/" in links.values()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.django_db
def test_a_search_with_no_results_offers_ways_forward_and_the_suggestion_form(client, home_page, lang):
    soup = soup_of(client.get(f"/{lang}/search/", {"q": "zzzznothing"}))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".hub-empty a")}
    assert links[SUGGEST_TEXT[lang]] == f"/{lang}/resources/suggest/"
    assert f"/{lang}/framework/" in links.values()


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Know another guide on this topic? Suggest it"), ("es", "¿Conoces otra guía sobre este tema? Sugiérela")],
)
@pytest.mark.django_db
def test_a_resource_page_links_to_the_suggestion_form(client, home_page, lang, label):
    make_resource(make_index(), "Teahouse guide")
    soup = soup_of(client.get(f"/{lang}/resources/teahouse-guide/"))
    link = soup.select_one(".hub-resource__suggest a")
    assert (link.get_text(strip=True), link["href"]) == (label, f"/{lang}/resources/suggest/")
