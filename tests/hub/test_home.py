"""The home page: page-tree rules, rendering in every language, the set-up command."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from hub.models import HomePage
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes

LANGS = {"en": "ltr", "es": "ltr", "fr": "ltr", "ar": "rtl"}


class HomePageTreeTests(WagtailPageTestCase):
    """Wagtail's own assertions on where a home page may live."""

    def test_home_page_can_only_sit_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_home_page_is_renderable(self):
        self.assertPageIsRenderable(HomePage.objects.get())


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "direction"), LANGS.items())
def test_home_page_renders_with_language_and_direction(client, lang, direction):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser").html
    assert html["lang"] == lang
    assert html["dir"] == direction


@pytest.mark.django_db
def test_home_page_has_landmarks_and_skip_link(client):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    skip = soup.select_one("a.hub-skip-link")
    assert skip["href"] == "#main"
    assert soup.select_one("main#main") is not None
    assert soup.find("header") is not None
    assert soup.find("footer") is not None
    assert soup.select_one("nav[aria-label]") is not None


@pytest.mark.django_db
def test_arabic_page_uses_codex_rtl_stylesheet(client):
    ar = BeautifulSoup(client.get("/ar/").content, "html.parser")
    en = BeautifulSoup(client.get("/en/").content, "html.parser")
    ar_sheets = [link["href"] for link in ar.select("link[rel=stylesheet]")]
    en_sheets = [link["href"] for link in en.select("link[rel=stylesheet]")]
    assert any(href.endswith("codex.style-rtl.css") for href in ar_sheets)
    assert not any(href.endswith("codex.style.css") for href in ar_sheets)
    assert any(href.endswith("codex.style.css") for href in en_sheets)


@pytest.mark.django_db
def test_spanish_home_page_shows_spanish_content_and_is_complete(client):
    soup = BeautifulSoup(client.get("/es/").content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Centro de Aprendizaje del Movimiento"
    assert soup.select(".hub-fallback") == []
    # Complete: no percentage; the team's translation awaits review, said once.
    assert soup.select(".hub-translation-status__percent") == []
    review = soup.select(".hub-translation-status__review")
    assert len(review) == 1
    assert "Traducido por el equipo del Centro; pendiente de revisión comunitaria." in review[0].get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Centre d'apprentissage du mouvement"), ("ar", "مركز التعلّم في الحركة")]
)
def test_french_and_arabic_home_pages_show_their_own_content(client, lang, title):
    soup = BeautifulSoup(client.get(f"/{lang}/").content, "html.parser")
    assert soup.h1.get_text(strip=True) == title
    assert soup.select(".hub-fallback") == []
    assert soup.select(".hub-translation-status__percent") == []


def _without(home_page, lang, *fields):
    for field in fields:
        setattr(home_page, f"{field}_{lang}", "")
    home_page.save_revision().publish()


@pytest.mark.django_db
def test_french_home_page_falls_back_to_english_and_says_so_once(client, home_page):
    _without(home_page, "fr", "title", "lead", "intro")
    soup = BeautifulSoup(client.get("/fr/").content, "html.parser")
    fallback = soup.h1.select_one(".hub-fallback")
    assert fallback["lang"] == "en"
    # The heading holds the English title and nothing else: no hint inside it.
    assert soup.h1.get_text(strip=True) == "Movement Learning Hub"
    text = soup.get_text(" ", strip=True)
    assert text.count("Cette page est traduite à 0% en français ; le reste s'affiche en anglais.") == 1
    assert "pas encore traduit" not in text


@pytest.mark.django_db
def test_partly_translated_page_reports_its_percentage(client, home_page):
    _without(home_page, "fr", "title", "intro")
    text = BeautifulSoup(client.get("/fr/").content, "html.parser").get_text(" ", strip=True)
    # Three fields written in English (title, lead, introduction); one of them is in French.
    assert "Cette page est traduite à 33% en français" in text


@pytest.mark.django_db
def test_arabic_fallback_is_marked_left_to_right(client, home_page):
    _without(home_page, "ar", "title")
    soup = BeautifulSoup(client.get("/ar/").content, "html.parser")
    fallback = soup.h1.select_one(".hub-fallback")
    assert fallback["lang"] == "en"
    assert fallback["dir"] == "ltr"


@pytest.mark.django_db
def test_setup_site_replaces_welcome_page_and_is_idempotent():
    call_command("setup_site", verbosity=0)
    pages_before = Page.objects.count()
    call_command("setup_site", verbosity=0)
    assert Page.objects.count() == pages_before
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()


@pytest.mark.django_db
def test_setup_site_keeps_a_curators_edit(home_page):
    home_page.lead_en = "Edited by a curator."
    home_page.save_revision().publish()
    call_command("setup_site", verbosity=0)
    home_page.refresh_from_db()
    assert home_page.lead_en == "Edited by a curator."


@pytest.mark.django_db
def test_home_page_leads_to_each_engagement_level(client):
    from framework.factories import EngagementLevelFactory

    EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental", name_es="Fundamental")
    EngagementLevelFactory(slug="emerging", order=2, name_en="Emerging", name_es="Emergente")
    soup = BeautifulSoup(client.get("/es/").content, "html.parser")
    cards = soup.select(".hub-card-grid a.cdx-card")
    assert [a["href"] for a in cards] == ["/es/framework/fundamental/", "/es/framework/emerging/"]
    assert "Emergente" in cards[1].get_text()


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_levels(client):
    from framework.factories import EngagementLevelFactory

    EngagementLevelFactory.create_batch(2)
    same_count_at_two_sizes(client, "/en/", lambda: EngagementLevelFactory.create_batch(20), budget=PAGE_BUDGET)


@pytest.mark.django_db
def test_home_page_features_recent_guides_for_the_first_level(client, home_page):
    import datetime

    from framework.factories import EngagementLevelFactory
    from resources.models import ResourceIndexPage, ResourcePage

    first = EngagementLevelFactory(slug="fundamental", order=1)
    later = EngagementLevelFactory(slug="elevated", order=4)
    index = home_page.add_child(instance=ResourceIndexPage(title_en="Resources", slug="resources"))
    for n, (level, live) in enumerate([(first, True)] * 4 + [(later, True), (first, False)]):
        page = ResourcePage(
            title_en=f"Guide {n}",
            title_es=f"Guía {n}",
            slug=f"guide-{n}",
            summary_en="A guide.",
            resource_type="guide",
            live=live,
            last_reviewed=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        )
        index.add_child(instance=page)
        page.levels.set([level])
        page.save()  # parental relations are written on save
    soup = BeautifulSoup(client.get("/es/").content, "html.parser")
    section = soup.select_one("section[aria-labelledby=featured-title]")
    titles = [a.select_one(".cdx-card__text__title").get_text(strip=True) for a in section.select("a.cdx-card")]
    assert titles == ["Guía 3", "Guía 2", "Guía 1"]
    assert section.select("a.cdx-card")[0]["href"] == "/es/resources/guide-3/"
