"""Public framework pages: matrix, level, skill, behavior, activity and About, in en, es and fr,
with honest fallbacks and the reconstruction label."""

import pytest
from bs4 import BeautifulSoup

from framework.choices import Provenance, SkillCategory
from framework.factories import (
    ActivityFactory,
    BehaviorFactory,
    EngagementLevelFactory,
    SkillFactory,
    SourceFactory,
)
from framework.models import FrameworkInfo
from tests.queries import PAGE_BUDGET, cold_count, same_count_at_two_sizes


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def page_text(soup):
    return soup.get_text(" ", strip=True)


@pytest.fixture
def framework(db):
    """Two levels with a skill, a behavior and an activity; Spanish everywhere, French nowhere."""
    source = SourceFactory(
        key="lldf_draft", title_en="", url="https://meta.wikimedia.org/wiki/User:HDothiduc_(WMF)/Leadership_Framework"
    )
    fundamental = EngagementLevelFactory(
        slug="fundamental",
        order=1,
        name_en="Fundamental",
        name_es="Fundamental",
        short_description_en="Getting oriented.",
        short_description_es="Orientación inicial.",
        provenance_detail={"name": "source", "order": "source", "description": "reconstruction"},
    )
    fundamental.sources.set([source])
    emerging = EngagementLevelFactory(
        slug="emerging",
        order=2,
        name_en="Emerging",
        name_es="Emergente",
        short_description_en="Contributing regularly.",
        short_description_es="Contribuir con regularidad.",
    )
    skill = SkillFactory(
        slug="communication",
        name_en="Communication",
        name_es="Comunicación",
        description_en="Expressing ideas clearly.",
        description_es="Expresar ideas con claridad.",
        category=SkillCategory.INTERPERSONAL,
        provenance=Provenance.SOURCE,
        levels=[fundamental, emerging],
        sources=[source],
    )
    behavior = BehaviorFactory(
        slug="asks-for-help",
        name_en="Asks for help",
        name_es="Pide ayuda",
        description_en="Reaches out instead of giving up.",
        description_es="Recurre a otras personas en lugar de rendirse.",
        provenance=Provenance.RECONSTRUCTION,
        levels=[fundamental],
    )
    activity = ActivityFactory(
        slug="join-local-community",
        name_en="Find and join a local community",
        name_es="Encontrar y unirse a una comunidad local",
        description_en="Locate a nearby user group.",
        description_es="Localizar un grupo de usuarios cercano.",
        provenance=Provenance.SOURCE_PARAPHRASE,
        levels=[fundamental],
        skills=[skill],
    )
    return {
        "fundamental": fundamental,
        "emerging": emerging,
        "skill": skill,
        "behavior": behavior,
        "activity": activity,
    }


def test_matrix_has_levels_as_columns_and_items_as_links(client, framework):
    soup = soup_of(client.get("/en/framework/"))
    headers = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    assert headers[0].startswith("Fundamental") and headers[1].startswith("Emerging")
    rows = {tr.th.get_text(strip=True): tr for tr in soup.select("table tbody tr")}
    assert set(rows) == {"Skills", "Behaviors", "Activities"}
    skill_cells = rows["Skills"].select("td")
    assert skill_cells[0].a["href"] == "/en/framework/skills/communication/"
    assert skill_cells[1].a["href"] == "/en/framework/skills/communication/"
    assert rows["Behaviors"].select("td")[0].a["href"] == "/en/framework/behaviors/asks-for-help/"
    assert rows["Activities"].select("td")[0].a["href"] == "/en/framework/activities/join-local-community/"
    assert rows["Behaviors"].select("td")[1].select("a") == []


def test_spanish_matrix_shows_spanish_names_and_is_fully_translated(client, framework):
    soup = soup_of(client.get("/es/framework/"))
    assert "Emergente" in soup.select("table thead th")[1].get_text()
    assert soup.find("a", string="Comunicación")["href"] == "/es/framework/skills/communication/"
    assert soup.select(".hub-fallback") == []
    # Complete: the page does not talk about its translation at all (the builders record no provenance).
    assert soup.select(".hub-translation-status") == []


def test_french_matrix_falls_back_to_english_marked_and_counts_it(client, framework):
    framework["skill"].name_fr = "Communication"
    framework["skill"].save()
    soup = soup_of(client.get("/fr/framework/"))
    fallback = soup.find("span", class_="hub-fallback", string="Emerging")
    assert fallback["lang"] == "en"
    # No hint text beside it (the heading cell holds the name alone); the page says once how complete it is.
    assert fallback.parent.get_text(strip=True) == "Emerging"
    assert soup.select(".hub-fallback__hint") == []
    # Fields written in English: 2 levels x 2 + skill 2 + behavior 2 + activity 2 = 10 (the skill is
    # shown twice, at both its levels, and counted twice: 12); French exists for the skill's name only (x2).
    assert page_text(soup).count("Cette page est traduite à 17% en français ; le reste s'affiche en anglais.") == 1


def test_level_page_lists_its_items_and_neighbours(client, framework):
    soup = soup_of(client.get("/es/framework/fundamental/"))
    assert soup.h1.get_text(strip=True) == "Fundamental"
    text = page_text(soup)
    assert "Orientación inicial." in text
    assert soup.find("a", string="Comunicación") is not None
    assert soup.find("a", string="Pide ayuda") is not None
    assert soup.find("a", string="Encontrar y unirse a una comunidad local") is not None
    next_link = soup.select_one("a[rel=next]")
    assert next_link["href"] == "/es/framework/emerging/"
    assert soup.select_one("a[rel=prev]") is None


def test_level_page_shows_which_parts_are_reconstructed(client, framework):
    soup = soup_of(client.get("/en/framework/fundamental/"))
    assert soup.select_one(".hub-review-notice") is not None
    detail = {
        dt.get_text(strip=True): dt.find_next("dd").get_text(strip=True)
        for dt in soup.select(".hub-provenance__detail dt")
    }
    assert detail["Name"] == "From a cited source"
    assert detail["Description"] == "Reconstruction awaiting community review"


def test_unknown_level_is_404(client, framework):
    assert client.get("/en/framework/expert/").status_code == 404
    assert client.get("/en/framework/skills/no-such-skill/").status_code == 404


def test_skill_page_shows_levels_activities_and_sources(client, framework):
    soup = soup_of(client.get("/en/framework/skills/communication/"))
    assert soup.h1.get_text(strip=True) == "Communication"
    level_links = [a["href"] for a in soup.select("ul.hub-chips a")]
    assert level_links == ["/en/framework/fundamental/", "/en/framework/emerging/"]
    assert (
        soup.find("a", string="Find and join a local community")["href"]
        == "/en/framework/activities/join-local-community/"
    )
    source = soup.select_one(".hub-sources a")
    assert source["href"] == "https://meta.wikimedia.org/wiki/User:HDothiduc_(WMF)/Leadership_Framework"
    assert source.get_text(strip=True) == "User:HDothiduc (WMF)/Leadership Framework"
    assert soup.select_one(".hub-review-notice") is None
    assert "From a cited source." in page_text(soup)


def test_reconstructed_behavior_is_labelled_awaiting_review(client, framework):
    soup = soup_of(client.get("/en/framework/behaviors/asks-for-help/"))
    notice = soup.select_one(".hub-review-notice")
    assert "Awaiting community review." in notice.get_text()
    assert "No source is cited for this item" in page_text(soup)


def test_reconstructed_items_are_marked_in_the_matrix(client, framework):
    soup = soup_of(client.get("/en/framework/"))
    behavior_item = soup.find("a", string="Asks for help").parent
    assert "(awaiting community review)" in behavior_item.get_text()
    skill_item = soup.find("a", string="Communication").parent
    assert "awaiting community review" not in skill_item.get_text()


def test_activity_page_in_french_marks_every_fallback(client, framework):
    soup = soup_of(client.get("/fr/framework/activities/join-local-community/"))
    h1_fallback = soup.h1.select_one(".hub-fallback")
    assert h1_fallback["lang"] == "en"
    assert h1_fallback.get_text() == "Find and join a local community"
    assert soup.find("a", href="/fr/framework/skills/communication/") is not None
    assert soup.h1.get_text(strip=True) == "Find and join a local community"
    assert "Cette page est traduite à 0% en français" in page_text(soup)


def test_arabic_fallback_keeps_left_to_right_direction(client, framework):
    soup = soup_of(client.get("/ar/framework/skills/communication/"))
    assert soup.html["dir"] == "rtl"
    fallback = soup.h1.select_one(".hub-fallback")
    assert (fallback["lang"], fallback["dir"]) == ("en", "ltr")


def test_uncertain_spanish_wording_is_flagged_on_spanish_pages_only(client, framework):
    level = framework["emerging"]
    level.translation_notes = {"es": {"uncertain": True, "note": "Our rendering."}}
    level.save()
    spanish = soup_of(client.get("/es/framework/emerging/"))
    assert spanish.select_one(".hub-translation-note") is not None
    english = soup_of(client.get("/en/framework/emerging/"))
    assert english.select_one(".hub-translation-note") is None


def test_about_page_credits_meta_wiki_and_the_licence(client, framework):
    FrameworkInfo.objects.create(
        key="barriers",
        data={
            "groups": [
                {
                    "slug": "access",
                    "name": {"en": "Lack of access", "es": "Falta de acceso"},
                    "items": [
                        {"en": "Opportunities are hard to find.", "es": "Las oportunidades son difíciles de encontrar."}
                    ],
                }
            ]
        },
    )
    soup = soup_of(client.get("/es/framework/about/"))
    licence = soup.select_one("main a[rel=license]")
    assert licence["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert soup.find("a", href="https://meta.wikimedia.org/wiki/Movement_Learning_and_Leadership_Development_Project")
    assert "Falta de acceso" in page_text(soup)
    french = soup_of(client.get("/fr/framework/about/"))
    assert french.find("span", class_="hub-fallback", string="Lack of access")["lang"] == "en"


@pytest.fixture
def linked_resources(framework, home_page):
    """A live and a draft resource, both linked to the Fundamental level and the Communication skill."""
    from resources.models import ResourceIndexPage, ResourcePage

    index = home_page.add_child(instance=ResourceIndexPage(title_en="Resources", slug="resources"))
    pages = {}
    for slug, live in (("teahouse", True), ("unpublished-draft", False)):
        page = ResourcePage(
            title_en=f"Guide {slug}",
            title_es=f"Guía {slug}",
            slug=slug,
            summary_en="A guide.",
            summary_es="Una guía.",
            resource_type="guide",
            live=live,
        )
        index.add_child(instance=page)
        page.levels.set([framework["fundamental"]])
        page.skills.set([framework["skill"]])
        page.save()
        pages[slug] = page
    return pages


def test_level_and_skill_pages_list_their_published_resources(client, linked_resources):
    for url in ("/es/framework/fundamental/", "/es/framework/skills/communication/"):
        soup = soup_of(client.get(url))
        section = soup.select_one("section[aria-labelledby=resources-title]")
        links = {a.get_text(strip=True): a["href"] for a in section.select(".hub-item-list a")}
        assert links == {"Guía teahouse": "/es/resources/teahouse/"}, url


def test_level_page_with_resources_keeps_its_query_budget(client, linked_resources):
    # Measured cold (tests/queries.py), the fill of Wagtail's site root paths for the guides' URLs and the
    # "coming up" and "find a mentor" blocks (opportunities/templatetags) included.
    cold_count(client, "/es/framework/fundamental/", budget=PAGE_BUDGET)


def test_level_page_in_a_language_it_lacks_keeps_its_query_budget_at_two_sizes(client, framework, linked_resources):
    # French is missing everywhere: the status line counts the readers who asked for it (one query), on top of
    # the level's items, their sources and its guides; more guides and sources cost nothing more.
    from resources.models import ResourceIndexPage, ResourcePage

    def grow():
        index = ResourceIndexPage.objects.get()
        for number in range(12):
            page = ResourcePage(
                title_en=f"More {number}", slug=f"more-{number}", summary_en="More.", resource_type="guide"
            )
            index.add_child(instance=page)
            page.levels.set([framework["fundamental"]])
            page.save()
        for number in range(5):
            source = SourceFactory(key=f"more-{number}", title_en=f"More source {number}")
            framework["fundamental"].sources.add(source)
            framework["skill"].sources.add(source)

    same_count_at_two_sizes(client, "/fr/framework/fundamental/", grow, budget=PAGE_BUDGET)


def guide_titles(soup):
    section = soup.select_one("section[aria-labelledby=resources-title]")
    return [a.get_text(strip=True) for a in section.select(".hub-item-list a")]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_level_and_skill_pages_list_their_own_guides_without_explaining_a_rule(client, linked_resources, lang):
    for url in (f"/{lang}/framework/fundamental/", f"/{lang}/framework/skills/communication/"):
        soup = soup_of(client.get(url))
        assert guide_titles(soup) == ["Guía teahouse" if lang == "es" else "Guide teahouse"], url
        assert soup.select_one(".hub-guides__why") is None


@pytest.mark.parametrize(
    ("lang", "why_activity", "why_behavior"),
    [
        ("en", "Guides for the skills this activity builds.", "Guides for the levels where this behavior is expected."),
        (
            "es",
            "Guías para las habilidades que desarrolla esta actividad.",
            "Guías para los niveles en los que se espera este comportamiento.",
        ),
    ],
)
def test_activity_and_behavior_pages_suggest_guides_and_say_why(
    client, linked_resources, lang, why_activity, why_behavior
):
    title = "Guía teahouse" if lang == "es" else "Guide teahouse"
    activity = soup_of(client.get(f"/{lang}/framework/activities/join-local-community/"))
    assert guide_titles(activity) == [title]
    assert activity.select_one(".hub-guides__why").get_text(strip=True) == why_activity
    behavior = soup_of(client.get(f"/{lang}/framework/behaviors/asks-for-help/"))
    assert guide_titles(behavior) == [title]
    assert behavior.select_one(".hub-guides__why").get_text(strip=True) == why_behavior


@pytest.mark.parametrize("lang", ["es", "en"])
def test_activity_and_behavior_pages_list_the_pathways_that_use_them(client, framework, lang):
    from pathways.factories import PathwayStepFactory, RoleFactory

    role = RoleFactory(
        slug="mentor",
        name_en="Mentor",
        name_es="Mentor/a",
        entry_level=framework["fundamental"],
        target_level=framework["emerging"],
    )
    PathwayStepFactory(
        role=role, level=framework["fundamental"], behaviors=[framework["behavior"]], activities=[framework["activity"]]
    )
    headings = {
        "behaviors/asks-for-help": {
            "en": "Pathways that ask for this behavior",
            "es": "Itinerarios que piden este comportamiento",
        },
        "activities/join-local-community": {
            "en": "Pathways that include this activity",
            "es": "Itinerarios que incluyen esta actividad",
        },
    }
    for path, heading in headings.items():
        soup = soup_of(client.get(f"/{lang}/framework/{path}/"))
        section = soup.select_one("section[aria-labelledby=roles-title]")
        assert section.h2.get_text(strip=True) == heading[lang]
        assert [(a.get_text(strip=True), a["href"]) for a in section.select("a")] == [
            ("Mentor/a" if lang == "es" else "Mentor", f"/{lang}/pathways/mentor/")
        ]


def test_activity_page_lists_activities_that_build_the_same_skills(client, framework):
    ActivityFactory(
        slug="write-a-newsletter",
        name_en="Write a newsletter",
        name_es="Escribir un boletín",
        levels=[framework["emerging"]],
        skills=[framework["skill"]],
    )
    soup = soup_of(client.get("/es/framework/activities/join-local-community/"))
    section = soup.select_one("section[aria-labelledby=related-title]")
    assert section.h2.get_text(strip=True) == "Actividades que desarrollan las mismas habilidades"
    assert [a["href"] for a in section.select("a")] == ["/es/framework/activities/write-a-newsletter/"]


@pytest.mark.parametrize(
    ("lang", "browse", "suggest"),
    [
        ("es", "Ver todas las guías", "¿Conoces una buena guía? Sugiérela"),
        ("en", "Browse all the guides", "Know a good guide? Suggest it"),
    ],
)
def test_a_skill_without_guides_offers_the_listing_and_the_suggestion_form(client, framework, lang, browse, suggest):
    soup = soup_of(client.get(f"/{lang}/framework/skills/communication/"))
    section = soup.select_one("section[aria-labelledby=resources-title]")
    links = {a.get_text(strip=True): a["href"] for a in section.select(".hub-empty a")}
    assert links == {browse: f"/{lang}/resources/", suggest: f"/{lang}/resources/suggest/"}
