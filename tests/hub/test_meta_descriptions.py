"""Every public page, in every language, says what it is about in its meta description and Open Graph
description: an item's own summary (English when the translation is missing), or a translated sentence for
listings and pages that have no text of their own yet (issue #13, point 8)."""

from html.parser import HTMLParser

import pytest

from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory
from pathways.factories import RoleFactory
from resources.factories import ResourcePageFactory
from tests.opportunities.builders import opportunity, programme

LANGUAGES = ["en", "es", "fr", "ar"]


def blank(*fields):
    """Every language of ``fields`` left empty (the factories write English and Spanish text)."""
    return {f"{field}_{code}": "" for field in fields for code in LANGUAGES}


class MetaParser(HTMLParser):
    """The ``<meta>`` elements of a page, by name or property."""

    def __init__(self):
        super().__init__()
        self.metas = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.metas.setdefault(attrs.get("name") or attrs.get("property"), []).append(attrs.get("content"))


def descriptions(client, url, status=200):
    """The page's meta description and og:description (each exactly once)."""
    response = client.get(url)
    assert response.status_code == status, url
    parser = MetaParser()
    parser.feed(response.content.decode())
    meta, og = parser.metas.get("description", []), parser.metas.get("og:description", [])
    assert len(meta) == 1 and len(og) == 1, (url, meta, og)
    return meta[0], og[0]


@pytest.fixture
def site(home_page):
    """One item of every kind, each with English and Spanish text (French and Arabic fall back to English)."""
    level = EngagementLevelFactory(
        slug="newcomer",
        name_en="Newcomer",
        name_es="Recién llegada",
        short_description_en="First steps in the movement.",
        short_description_es="Primeros pasos en el movimiento.",
    )
    texts = {
        "level": {"en": "First steps in the movement.", "es": "Primeros pasos en el movimiento."},
        "skill": {"en": "Hearing what others need.", "es": "Escuchar lo que otros necesitan."},
        "behavior": {"en": "Waiting for others to finish.", "es": "Esperar a que otros terminen."},
        "activity": {"en": "Say hello to new editors.", "es": "Saludar a quienes empiezan."},
        "role": {"en": "Guides newcomers through their first edits.", "es": "Acompaña las primeras ediciones."},
        "resource": {"en": "How to welcome newcomers.", "es": "Cómo dar la bienvenida."},
        "opportunity": {"en": "An evening of edits about rivers.", "es": "Una tarde de ediciones sobre ríos."},
        "mentorship": {"en": "A mentor for your first month.", "es": "Una mentora para tu primer mes."},
    }
    SkillFactory(slug="listening", description_en=texts["skill"]["en"], description_es=texts["skill"]["es"])
    BehaviorFactory(slug="patience", description_en=texts["behavior"]["en"], description_es=texts["behavior"]["es"])
    ActivityFactory(slug="greet", description_en=texts["activity"]["en"], description_es=texts["activity"]["es"])
    RoleFactory(slug="mentor", summary_en=texts["role"]["en"], summary_es=texts["role"]["es"], entry_level=level)
    ResourcePageFactory(slug="welcome-guide", summary=texts["resource"]["en"], summary_es=texts["resource"]["es"])
    opportunity(slug="rivers", summary=texts["opportunity"]["en"], summary_es=texts["opportunity"]["es"])
    programme(slug="first-month", summary=texts["mentorship"]["en"], summary_es=texts["mentorship"]["es"])
    return texts


ITEM_PAGES = {
    "level": "/framework/newcomer/",
    "skill": "/framework/skills/listening/",
    "behavior": "/framework/behaviors/patience/",
    "activity": "/framework/activities/greet/",
    "role": "/pathways/mentor/",
    "resource": "/resources/welcome-guide/",
    "opportunity": "/opportunities/rivers/",
    "mentorship": "/mentorship/first-month/",
}

# Pages without an item of their own: a translated sentence (404 answers with its status).
LISTING_PAGES = {
    "home": ("/", 200),
    "matrix": ("/framework/", 200),
    "about": ("/framework/about/", 200),
    "roles": ("/pathways/", 200),
    "start": ("/pathways/start/", 200),
    "resources": ("/resources/", 200),
    "search": ("/search/?q=welcome", 200),
    "suggest": ("/resources/suggest/", 200),
    "opportunities": ("/opportunities/", 200),
    "mentorships": ("/mentorship/", 200),
    "downloads": ("/downloads/", 200),
    "not found": ("/no-such-page/", 404),
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ITEM_PAGES)
def test_item_page_is_described_by_its_own_summary(client, site, kind, lang):
    meta, og = descriptions(client, f"/{lang}{ITEM_PAGES[kind]}")
    expected = site[kind].get(lang, site[kind]["en"])
    assert expected in meta
    assert og == meta


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", LISTING_PAGES)
def test_page_without_an_item_has_a_translated_description(client, site, kind, lang):
    path, status = LISTING_PAGES[kind]
    meta, og = descriptions(client, f"/{lang}{path}", status)
    assert meta.strip() and og == meta
    if lang != "en":
        english, _og = descriptions(client, f"/en{path}", status)
        assert meta != english, f"the {kind} page is described in English on /{lang}/"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_role_without_a_summary_is_described_by_its_description(client, home_page, lang):
    level = EngagementLevelFactory(slug="newcomer")
    RoleFactory(
        slug="scribe",
        entry_level=level,
        **{**blank("summary", "description"), "description_en": "Writes the minutes of every meeting."},
    )
    meta, og = descriptions(client, f"/{lang}/pathways/scribe/")
    assert meta == og == "Writes the minutes of every meeting."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The Scribe pathway: steps from the Newcomer level to Expert"),
        ("es", "El itinerario Escriba: pasos del nivel Recién llegada al nivel Experta"),
        ("fr", "Le parcours Scribe : des étapes du niveau Newcomer au niveau Expert"),
        ("ar", "مسار Scribe: خطوات من مستوى Newcomer إلى مستوى Expert"),
    ],
)
def test_role_with_no_text_yet_is_described_by_a_translated_sentence(client, home_page, lang, sentence):
    entry = EngagementLevelFactory(slug="newcomer", name_en="Newcomer", name_es="Recién llegada")
    target = EngagementLevelFactory(slug="expert", name_en="Expert", name_es="Experta")
    RoleFactory(
        slug="scribe",
        name_en="Scribe",
        name_es="Escriba",
        **blank("summary", "description"),
        entry_level=entry,
        target_level=target,
    )
    meta, og = descriptions(client, f"/{lang}/pathways/scribe/")
    assert meta == og
    assert meta.startswith(sentence)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_level_without_a_short_description_is_still_described(client, home_page, lang):
    EngagementLevelFactory(slug="expert", **{**blank("name", "short_description", "description"), "name_en": "Expert"})
    meta, og = descriptions(client, f"/{lang}/framework/expert/")
    assert meta == og and "Expert" in meta
    if lang != "en":
        assert "engagement level" not in meta
