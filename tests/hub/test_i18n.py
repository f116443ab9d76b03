"""Languages: the redirect from `/`, the language switcher, and the interface catalogues."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("es-ES,es;q=0.9,en;q=0.5", "/es/"),
        ("fr-CA,fr;q=0.8", "/fr/"),
        ("ar", "/ar/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_best_language(client, accept_language, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def _switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.select_one("nav.hub-languages")
    return {a["hreflang"]: a for a in nav.select("a[hreflang]")}


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_every_language(client):
    links = _switcher_links(client.get("/es/"))
    assert {code: a["href"] for code, a in links.items()} == {"en": "/en/", "es": "/es/", "fr": "/fr/", "ar": "/ar/"}
    assert links["es"].get("aria-current") == "true"
    assert links["ar"]["lang"] == "ar"
    assert links["ar"]["dir"] == "rtl"
    assert links["fr"].get_text(strip=True) == "français"


@pytest.mark.django_db
def test_language_switcher_keeps_the_query_string(client):
    links = _switcher_links(client.get("/fr/search/?q=wiki"))
    assert links["ar"]["href"] == "/ar/search/?q=wiki"


@pytest.mark.django_db
def test_language_switcher_drops_parameters_the_page_does_not_read(client):
    # For anonymous visitors a page sees only the parameters it reads (the page cache's key, docs/performance.md):
    # a tracking parameter from a mailing list is not carried into the other languages' links.
    links = _switcher_links(client.get("/fr/?ref=affiliate"))
    assert links["ar"]["href"] == "/ar/"


@pytest.mark.django_db
def test_language_switcher_on_a_missing_page_offers_each_home(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    links = _switcher_links(response)
    assert links["fr"]["href"] == "/fr/"


# One string from each part of the base templates, per catalogue: a missing or untranslated
# catalogue gives back the English text and fails here.
CATALOGUE_SAMPLES = {
    "es": {
        "Skip to main content": "Saltar al contenido principal",
        "Help review the translation": "Ayuda a revisar la traducción",
    },
    "fr": {"Skip to main content": "Aller au contenu principal", "Languages": "Langues"},
    "ar": {"Skip to main content": "الانتقال إلى المحتوى الرئيسي", "Home": "الرئيسية"},
}


@pytest.mark.parametrize("lang", sorted(CATALOGUE_SAMPLES))
def test_locale_catalogue_translates_interface_strings(lang):
    with translation.override(lang):
        for english, expected in CATALOGUE_SAMPLES[lang].items():
            assert translation.gettext(english) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "skip_text"), [("es", "Saltar al contenido principal"), ("ar", "الانتقال إلى المحتوى الرئيسي")]
)
def test_base_template_is_rendered_in_the_page_language(client, lang, skip_text):
    soup = BeautifulSoup(client.get(f"/{lang}/").content, "html.parser")
    assert soup.select_one("a.hub-skip-link").get_text(strip=True) == skip_text


def test_every_catalogue_is_fully_translated():
    import polib
    from django.conf import settings

    for code in ("es", "fr", "ar"):
        catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"))
        untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
        assert untranslated == [], f"{code}: {untranslated}"
        copied = [
            entry.msgid
            for entry in catalogue.translated_entries()
            if entry.msgstr == entry.msgid and len(entry.msgid) > 12
        ]
        assert copied == [], f"{code}: English copied instead of translated: {copied}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/no-such-endpoint/", "/healthz/nope", "/oembed/x"])
def test_machine_paths_outside_the_prefix_answer_404_not_a_redirect(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_page_path_without_prefix_still_redirects_to_the_language(client):
    response = client.get("/framework/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/framework/"
