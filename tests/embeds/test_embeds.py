"""Embed cards (docs/architecture.md): a compact, self-contained card per level, skill, behavior, activity, role and
resource, in the reader's language with honest fallbacks, frameable by any site, without cookie or session, at a
fixed cost."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from embeds.kinds import FEW
from resources.factories import ResourcePageFactory
from tests.embeds.content import build_world, clear_world
from tests.queries import same_count_at_two_sizes


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


SPANISH = {
    "level": ("Emergente", "Dando los primeros pasos.", ["Comunicación", "Dar la bienvenida"]),
    "skill": ("Comunicación", "Hablar con la gente.", ["Emergente", "En expansión", "Dar la bienvenida"]),
    "behavior": ("Escucha primero", "Escucha a las personas antes de responder.", ["Emergente", "En expansión"]),
    "activity": ("Dar la bienvenida", "Saludar a quienes acaban de llegar.", ["Emergente", "Comunicación"]),
    "role": ("Mentor/a", "Ayuda a quienes llegan.", ["Paso 1", "Paso 2"]),
    "resource": ("Guía de mentoría", "Cómo acompañar.", ["Emergente"]),
}
SLUGS = {
    "level": "emerging",
    "skill": "communication",
    "behavior": "listens-first",
    "activity": "welcome",
    "role": "mentor",
    "resource": "mentoring-guide",
}
PAGES = {
    "level": "/es/framework/emerging/",
    "skill": "/es/framework/skills/communication/",
    "behavior": "/es/framework/behaviors/listens-first/",
    "activity": "/es/framework/activities/welcome/",
    "role": "/es/pathways/mentor/",
    "resource": "/es/resources/mentoring-guide/",
}


@pytest.mark.parametrize("kind", SPANISH)
def test_each_kind_renders_a_spanish_card_without_the_site_chrome(client, world, kind):
    response = client.get(f"/es/embed/{kind}/{SLUGS[kind]}/")
    assert response.status_code == 200
    soup = soup_of(response)
    title, summary, items = SPANISH[kind]
    assert soup.html["lang"] == "es"
    assert soup.html["dir"] == "ltr"
    assert soup.h1.get_text(strip=True) == title
    assert summary in soup.get_text()
    listed = [item.get_text(" ", strip=True) for item in soup.select(".hub-embed__list li")]
    assert [item for item in listed if item in items] == items
    # A card, not a page: no site header, navigation, search or language switcher.
    assert soup.select("header, nav, form, .hub-header, .hub-lang-switcher") == []
    view = soup.select_one("a.hub-embed__view")
    assert view["href"] == f"http://testserver{PAGES[kind]}"
    assert view["target"] == "_blank"
    assert "noopener" in view["rel"]
    # Every link leaves the frame.
    assert all(link.get("target") == "_blank" for link in soup.select("a[href]"))
    assert "CC BY-SA 4.0" in soup.select_one(".hub-embed__credit").get_text()


@pytest.mark.parametrize("kind", SPANISH)
def test_arabic_card_is_right_to_left_and_marks_the_english_fallback(client, world, kind):
    soup = soup_of(client.get(f"/ar/embed/{kind}/{SLUGS[kind]}/"))
    assert soup.html["lang"] == "ar"
    assert soup.html["dir"] == "rtl"
    fallback = soup.h1.select_one('[lang="en"]')
    assert fallback is not None
    assert fallback["dir"] == "ltr"
    assert fallback.get_text() == ENGLISH_TITLES[kind]


ENGLISH_TITLES = {
    "level": "Emerging",
    "skill": "Communication",
    "behavior": "Listens first",
    "activity": "Welcome newcomers",
    "role": "Mentor",
    "resource": "Mentoring guide",
}


@pytest.mark.parametrize(
    ("lang", "kind", "label"),
    [
        ("es", "behavior", "Comportamiento"),
        ("es", "activity", "Actividad"),
        ("ar", "behavior", "سلوك"),
        ("ar", "activity", "نشاط"),
    ],
)
def test_behavior_and_activity_cards_name_their_kind_in_the_readers_language(client, world, lang, kind, label):
    soup = soup_of(client.get(f"/{lang}/embed/{kind}/{SLUGS[kind]}/"))
    assert soup.select_one(".hub-embed__kind").get_text(strip=True) == label


def test_activity_card_links_the_skills_it_builds_and_a_behavior_card_its_levels(client, world):
    activity = soup_of(client.get("/es/embed/activity/welcome/"))
    headings = [heading.get_text(strip=True) for heading in activity.select(".hub-embed__heading")]
    assert headings == ["Niveles", "Habilidades que desarrolla"]
    skill = activity.select(".hub-embed__section")[1].select_one("a")
    assert skill.get_text(strip=True) == "Comunicación"
    assert skill["href"] == "http://testserver/es/framework/skills/communication/"
    behavior = soup_of(client.get("/ar/embed/behavior/listens-first/"))
    levels = behavior.select(".hub-embed__section a")
    # Every level, in the levels' order (a card lists all of an item's levels, as the item's page does).
    assert [level["href"] for level in levels] == [
        "http://testserver/ar/framework/emerging/",
        "http://testserver/ar/framework/expanding/",
        "http://testserver/ar/framework/stage-1/",
    ]


def test_resource_card_shows_its_type_and_opens_the_guide_outside_the_frame(client, world):
    soup = soup_of(client.get("/es/embed/resource/mentoring-guide/"))
    assert soup.select_one(".hub-embed__kind").get_text(strip=True) == "Guía"
    guide = soup.select_one(".hub-embed__button--primary")
    assert guide.get_text(" ", strip=True).startswith("Abrir la guía")
    assert guide["href"] == "https://meta.wikimedia.org/wiki/Mentoring"
    assert guide["target"] == "_blank"


def test_role_card_lists_its_steps_in_order(client, home_page):
    world = build_world(size=4)
    world["role"].steps.filter(sort_order=0).update(sort_order=9)
    soup = soup_of(client.get("/en/embed/role/mentor/"))
    assert [item.get_text(strip=True) for item in soup.select("ol li")] == ["Step 2", "Step 3", "Step 4", "Step 1"]
    assert "Emerging" in soup.select_one(".hub-embed__meta").get_text()
    assert "Expanding" in soup.select_one(".hub-embed__meta").get_text()
    view = soup.select_one("a.hub-embed__view")
    assert view.get_text(" ", strip=True) == "View on the Movement Learning Hub (opens in a new tab)"


def test_level_card_shows_a_few_skills_and_says_how_many_more(client, home_page):
    build_world(size=FEW + 3)
    soup = soup_of(client.get("/en/embed/level/emerging/"))
    first = soup.select(".hub-embed__section")[0]
    assert len(first.select("li")) == FEW
    assert first.select_one(".hub-embed__more").get_text(strip=True) == "and 3 more"


def test_card_has_no_inline_script_or_style_the_policy_would_block(client, world):
    soup = soup_of(client.get("/en/embed/skill/communication/"))
    assert soup.select("script:not([src]), style, [style]") == []
    assert [script["src"] for script in soup.select("script")] == ["/static/embeds/js/embed-card.js"]
    assert [link["href"] for link in soup.select("link[rel=stylesheet]")] == ["/static/embeds/css/embed.css"]


@pytest.mark.parametrize(
    "path",
    [
        "/es/embed/behavior/communication/",
        "/es/embed/page/mentor/",
        "/es/embed/level/nowhere/",
        "/es/embed/skill/nowhere/",
        "/es/embed/role/nowhere/",
        "/es/embed/resource/nowhere/",
        "/es/embed/behavior/nowhere/",
        "/es/embed/activity/nowhere/",
        "/es/embed/activity/communication/",
    ],
)
def test_unknown_kind_or_slug_is_not_found(client, world, path):
    assert client.get(path).status_code == 404


def test_draft_resource_has_no_card(client, world):
    draft = ResourcePageFactory(slug="draft-guide", live=False)
    assert not draft.live
    assert client.get("/es/embed/resource/draft-guide/").status_code == 404
    world["resource"].unpublish()
    assert client.get("/es/embed/resource/mentoring-guide/").status_code == 404


@pytest.mark.parametrize("kind", SPANISH)
def test_any_site_may_frame_an_embed(client, world, kind):
    response = client.get(f"/es/embed/{kind}/{SLUGS[kind]}/")
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    # Five minutes for browsers; the page cache adds how long shared caches keep it (docs/performance.md).
    assert {"public", "max-age=300"} <= {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("kind", SPANISH)
def test_the_full_pages_may_still_be_framed_by_the_hub_only(client, world, kind):
    response = client.get(PAGES[kind])
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_embed_sets_no_cookie_and_reads_no_session_even_for_a_signed_in_reader(client, world):
    user = get_user_model().objects.create_user("reader", password="x")  # noqa: S106
    client.force_login(user)
    session = client.session
    session["something"] = "kept"
    session.save()
    for kind in SPANISH:
        response = client.get(f"/es/embed/{kind}/{SLUGS[kind]}/")
        assert response.status_code == 200
        assert "Set-Cookie" not in response
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert b"csrfmiddlewaretoken" not in response.content


# The object itself plus one query per list it shows; a resource also reads its languages and view restrictions.
QUERY_BUDGETS = {"level": 3, "skill": 3, "behavior": 2, "activity": 3, "role": 2, "resource": 4}


@pytest.mark.parametrize("kind", SPANISH)
def test_card_costs_the_same_queries_at_two_sizes(client, home_page, kind):
    build_world(size=2)

    def grow():
        # Start the second size from scratch (same slugs, more items).
        clear_world()
        build_world(size=12)

    same_count_at_two_sizes(client, f"/es/embed/{kind}/{SLUGS[kind]}/", grow, budget=QUERY_BUDGETS[kind])
