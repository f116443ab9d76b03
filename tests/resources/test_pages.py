"""Resource pages: where they may live, what they show in each language, their structured data, and what
they cost in queries."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from wagtail.test.utils import WagtailPageTestCase

from framework.factories import EngagementLevelFactory, SkillFactory
from hub.models import HomePage
from resources.choices import ResourceType
from resources.factories import (
    ImageFactory,
    ResourceIndexPageFactory,
    ResourceLanguageFactory,
    ResourcePageFactory,
)
from resources.models import ResourceIndexPage, ResourcePage
from resources.queries import iso_duration
from tests.queries import PAGE_BUDGET, cold_count


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    script = soup.select_one('script[type="application/ld+json"]')
    assert script is not None
    return script, json.loads(script.string)


class TreeRulesTests(WagtailPageTestCase):
    """The one index lives under the home page; resources live under the index only."""

    def test_index_is_created_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, ResourceIndexPage)
        self.assertCanNotCreateAt(ResourceIndexPage, ResourceIndexPage)
        self.assertCanNotCreateAt(ResourcePage, ResourceIndexPage)

    def test_resources_are_created_under_the_index_only(self):
        self.assertCanCreateAt(ResourceIndexPage, ResourcePage)
        self.assertCanNotCreateAt(HomePage, ResourcePage)
        self.assertCanNotCreateAt(ResourcePage, ResourcePage)
        self.assertAllowedSubpageTypes(ResourcePage, {})

    def test_there_is_only_one_index(self):
        index = ResourceIndexPageFactory()
        home = HomePage.objects.get()
        self.assertFalse(ResourceIndexPage.can_create_at(home))
        self.assertEqual(index.get_parent().specific, home)

    def test_resource_page_is_renderable(self):
        page = ResourcePageFactory()
        self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_every_factory_builds(home_page):
    index = ResourceIndexPageFactory()
    assert ResourceIndexPageFactory() == index
    language = ResourceLanguageFactory(code="es", name="español")
    level = EngagementLevelFactory()
    skill = SkillFactory(levels=[level])
    page = ResourcePageFactory(levels=[level], skills=[skill], languages=[language], tags=["newcomers"])
    page.refresh_from_db()
    assert page.live and page.get_parent().specific == index
    assert list(page.levels.all()) == [level]
    assert list(page.skills.all()) == [skill]
    assert list(page.languages.all()) == [language]
    assert [tag.name for tag in page.tags.all()] == ["newcomers"]
    assert ResourcePageFactory(stale=True).needs_review
    assert ImageFactory().file


@pytest.fixture
def guide(resource_index, framework_items):
    english = ResourceLanguageFactory(code="en", name="English")
    spanish = ResourceLanguageFactory(code="es", name="español")
    return ResourcePageFactory(
        title="Help:Introduction",
        title_es="Ayuda: introducción",
        slug="help-introduction",
        summary="A hub of short tutorials for beginners.",
        summary_es="Tutoriales breves para quien empieza.",
        external_url_en="https://en.wikipedia.org/wiki/Help:Introduction",
        external_url_es="https://es.wikipedia.org/wiki/Ayuda:Introducción",
        estimated_time_en="45 min",
        audience_en="First-time editors",
        maintainer="English Wikipedia volunteers",
        last_reviewed=datetime.date(2026, 1, 15),
        resource_type="learning-pattern",
        levels=[framework_items["fundamental"]],
        skills=[framework_items["editing"]],
        languages=[english, spanish],
        tags=["newcomers", "editing"],
    )


def test_english_page_shows_the_resource(client, guide):
    soup = get_soup(client, "/en/resources/help-introduction/")
    assert soup.h1.get_text(strip=True) == "Help:Introduction"
    text = soup.select_one("article").get_text(" ", strip=True)
    for expected in (
        "Learning pattern",
        "A hub of short tutorials for beginners.",
        "45 min",
        "First-time editors",
        "English Wikipedia volunteers",
        "CC BY-SA 4.0",
        "newcomers",
        "editing",
        "English",
        "español",
    ):
        assert expected in text
    assert soup.select_one('span[lang="es"]').get_text() == "español"
    assert not soup.select(".hub-fallback")
    assert not soup.select(".hub-translation-status")


def test_spanish_page_shows_spanish_title_and_summary(client, guide):
    soup = get_soup(client, "/es/resources/help-introduction/")
    assert soup.h1.get_text(strip=True) == "Ayuda: introducción"
    assert "Tutoriales breves para quien empieza." in soup.select_one(".hub-lead").get_text()
    # Audience and time are only in English: marked as such, and counted in the status line.
    assert soup.select_one('.hub-fallback[lang="en"]').get_text() == "45 min"
    assert "50%" in soup.select_one(".hub-translation-status").get_text()


def test_french_page_falls_back_to_english_marked_without_a_hint_in_the_heading(client, guide):
    soup = get_soup(client, "/fr/resources/help-introduction/")
    title = soup.h1.select_one(".hub-fallback")
    assert title["lang"] == "en"
    assert title.get_text() == "Help:Introduction"
    assert soup.h1.get_text(strip=True) == "Help:Introduction"
    assert soup.select_one(".hub-lead .hub-fallback[lang=en]").get_text() == "A hub of short tutorials for beginners."
    assert "0%" in soup.select_one(".hub-translation-status").get_text()


def test_arabic_fallback_keeps_english_left_to_right(client, guide):
    soup = get_soup(client, "/ar/resources/help-introduction/")
    assert soup.h1.select_one(".hub-fallback")["dir"] == "ltr"


def test_open_the_guide_links_to_the_readers_language_when_it_exists(client, guide):
    spanish = get_soup(client, "/es/resources/help-introduction/").select_one(".hub-resource__open a")
    assert spanish["href"] == "https://es.wikipedia.org/wiki/Ayuda:Introducción"
    assert spanish["hreflang"] == "es"
    french = get_soup(client, "/fr/resources/help-introduction/").select_one(".hub-resource__open a")
    assert french["href"] == "https://en.wikipedia.org/wiki/Help:Introduction"
    assert french["hreflang"] == "en"
    english = get_soup(client, "/en/resources/help-introduction/").select_one(".hub-resource__open a")
    assert english["href"] == "https://en.wikipedia.org/wiki/Help:Introduction"
    assert english["hreflang"] == "en"


def test_guide_in_one_language_links_with_that_language(client, resource_index):
    ResourcePageFactory(
        slug="tutoria",
        external_url_en="https://es.wikipedia.org/wiki/Wikipedia:Programa_de_tutoría",
        languages=[ResourceLanguageFactory(code="es", name="español")],
    )
    link = get_soup(client, "/fr/resources/tutoria/").select_one(".hub-resource__open a")
    assert link["hreflang"] == "es"


def test_json_ld_describes_the_learning_resource(client, guide):
    response = client.get("/es/resources/help-introduction/")
    soup = BeautifulSoup(response.content, "html.parser")
    script, data = json_ld(soup)
    # A data block, which no policy governs: no nonce, so the page is the same for every visitor and caches share it.
    assert not script.get("nonce")
    assert "nonce-" not in response["Content-Security-Policy"]
    assert data["@type"] == "LearningResource"
    assert data["name"] == "Ayuda: introducción"
    assert data["description"] == "Tutoriales breves para quien empieza."
    assert data["url"] == "http://testserver/es/resources/help-introduction/"
    assert data["inLanguage"] == ["en", "es"]
    with translation.override("es"):
        assert data["learningResourceType"] == str(ResourceType.LEARNING_PATTERN.label)
    assert data["educationalLevel"] == ["Fundamental"]
    assert data["teaches"] == ["Edición básica"]
    assert data["keywords"] == "editing, newcomers"
    assert data["dateModified"] == "2026-01-15"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert data["timeRequired"] == "PT45M"


def test_json_ld_cannot_close_its_script_element(client, resource_index):
    ResourcePageFactory(slug="tricky", summary="</script><script>alert(1)</script>")
    response = client.get("/en/resources/tricky/")
    assert b"</script><script>alert(1)" not in response.content
    _script, data = json_ld(BeautifulSoup(response.content, "html.parser"))
    assert data["description"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    ("text", "duration"),
    [("10 min", "PT10M"), ("1 h", "PT1H"), ("5 weeks", "P5W"), ("1-2 h", None), ("self-paced", None)],
)
def test_estimated_time_becomes_an_iso_duration_when_it_can(text, duration):
    assert iso_duration(text) == duration


def test_canonical_link_is_this_page_in_the_current_language(client, guide):
    soup = get_soup(client, "/es/resources/help-introduction/")
    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/es/resources/help-introduction/"


def test_old_guide_is_flagged_for_review(client, resource_index):
    ResourcePageFactory(slug="old", last_reviewed=datetime.date(2024, 9, 12))
    flag = get_soup(client, "/en/resources/old/").select_one(".hub-resource__review-flag")
    assert flag is not None
    assert "has not been reviewed since" in flag.get_text()
    assert "may be out of date" in flag.get_text()


def test_freshly_reviewed_guide_is_not_flagged(client, resource_index):
    ResourcePageFactory(slug="fresh", last_reviewed=timezone.localdate())
    soup = get_soup(client, "/en/resources/fresh/")
    assert soup.select_one(".hub-resource__review-flag") is None
    assert soup.select_one("time")["datetime"] == timezone.localdate().isoformat()


def test_review_by_date_overrides_the_interval(client, resource_index):
    page = ResourcePageFactory(slug="due", last_reviewed=timezone.localdate(), review_by=datetime.date(2020, 1, 1))
    assert page.needs_review
    assert get_soup(client, "/en/resources/due/").select_one(".hub-resource__review-flag")


def test_page_links_to_its_levels_and_skills(client, guide, framework_items):
    soup = get_soup(client, "/es/resources/help-introduction/")
    links = {a["href"]: a.get_text(strip=True) for a in soup.select(".hub-resource__framework a")}
    assert links == {
        framework_items["fundamental"].get_absolute_url().replace("/en/", "/es/"): "Fundamental",
        "/es/framework/skills/wiki-editing-basics/": "Edición básica",
    }


def test_body_blocks_render_and_fall_back_to_english(client, resource_index):
    page = ResourcePageFactory(slug="with-body")
    page.body_en = [
        ("heading", {"text": "Getting started", "level": "h2"}),
        ("embed", {"url": "https://www.youtube.com/watch?v=abc", "title": "Intro video"}),
    ]
    page.save()
    english = get_soup(client, "/en/resources/with-body/").select_one(".hub-resource__body")
    assert english.h2.get_text() == "Getting started"
    assert english.select_one("a.cdx-card__text__title").get_text() == "Intro video"
    spanish = get_soup(client, "/es/resources/with-body/").select_one(".hub-resource__body")
    assert spanish["lang"] == "en"
    assert "hub-fallback" in spanish["class"]
    # The block is marked, not prefixed with a hint: its first child is the guide's own heading.
    assert spanish.find(True).get_text() == "Getting started"


def test_page_loads_its_stylesheet(client, guide):
    soup = get_soup(client, "/en/resources/help-introduction/")
    assert soup.select_one('link[href$="resources/css/resources.css"]')


RESOURCE_PAGE_BUDGET = PAGE_BUDGET


def test_query_count_does_not_grow_with_links(client, resource_index):
    level = EngagementLevelFactory()
    ResourcePageFactory(
        slug="small",
        levels=[level],
        skills=[SkillFactory(levels=[level])],
        languages=[ResourceLanguageFactory()],
        tags=["one"],
    )
    levels = [EngagementLevelFactory() for _ in range(12)]
    ResourcePageFactory(
        slug="large",
        levels=levels,
        skills=[SkillFactory(levels=levels[:2]) for _ in range(40)],
        languages=[ResourceLanguageFactory() for _ in range(15)],
        tags=[f"tag-{n}" for n in range(40)],
    )
    small = cold_count(client, "/es/resources/small/", budget=RESOURCE_PAGE_BUDGET)
    assert cold_count(client, "/es/resources/large/") == small
