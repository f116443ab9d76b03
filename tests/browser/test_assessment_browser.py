"""The "Where do I start?" page in a real browser: answered in Spanish by keyboard and clicks, the suggestion leads to a
pathway; the page is right to left in Arabic; accessible, with no console errors."""

import pytest

from framework.models import EngagementLevel
from pathways.factories import RoleFactory

pytestmark = pytest.mark.browser

ROLES = [
    ("content-editor", "Content editor", "Editor o editora de contenido", "fundamental", "emerging"),
    ("event-organizer", "Event organizer", "Organizador(a) de eventos", "emerging", "expanding"),
    ("partnerships-coordinator", "Partnerships coordinator", "Coordinador(a) de alianzas", "expanding", "elevated"),
    ("mentor", "Mentor", "Mentor o mentora", "emerging", "elevated"),
]


def build_roles():
    """A few of the shipped roles on the imported framework's levels (kept as they are when the set-up
    already loaded them)."""
    levels = {level.slug: level for level in EngagementLevel.objects.all()}
    for slug, name_en, name_es, entry, target in ROLES:
        RoleFactory(slug=slug, name_en=name_en, name_es=name_es, entry_level=levels[entry], target_level=levels[target])


def group(page, legend):
    return page.get_by_role("group", name=legend)


def test_spanish_volunteer_answers_and_follows_a_suggested_pathway(live_framework, page, axe, console_errors):
    build_roles()
    page.goto(f"{live_framework.url}/es/pathways/start/")
    assert page.locator("html").get_attribute("lang") == "es"

    # Keyboard: focus the first answer of the first question, move the choice down with the arrow key.
    edited = group(page, "¿Has editado algún proyecto Wikimedia, como Wikipedia, Wikidata o Commons?")
    edited.get_by_label("Todavía no").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert edited.get_by_label("Algunas veces").is_checked()

    # Clicks on the labels for the rest.
    group(page, "¿Has ayudado a otras personas voluntarias").get_by_text("A veces").click()
    group(page, "¿Has organizado algún evento").get_by_text("Ayudé a organizar uno").click()
    group(page, "¿Has capacitado o enseñado a otras personas a contribuir?").get_by_text("Todavía no").click()
    group(page, "¿Has formado parte de un afiliado").get_by_text("No", exact=True).click()
    group(page, "¿Qué te gustaría hacer a continuación?").get_by_text("Organizar eventos").click()
    page.locator("form.hub-start__form button[type=submit]").press("Enter")

    page.wait_for_url("**/es/pathways/start/?*")
    assert "organised=helped" in page.url and "next=organise" in page.url
    result = page.locator("#result")
    assert "Has organizado o ayudado a organizar un evento, así que el nivel En expansión" in result.inner_text()
    names = result.locator(".hub-start__role-name a")
    hrefs = [names.nth(n).get_attribute("href") for n in range(names.count())]
    assert hrefs == ["/es/pathways/event-organizer/", "/es/pathways/partnerships-coordinator/", "/es/pathways/mentor/"]
    assert names.first.inner_text().startswith("Organizador")
    # The answers are kept below the result.
    assert group(page, "¿Has organizado algún evento").get_by_label("Ayudé a organizar uno").is_checked()
    axe(page)

    names.first.click()
    page.wait_for_url("**/es/pathways/event-organizer/")
    assert console_errors == []


def test_missing_answers_are_reported_and_the_summary_links_to_them(live_framework, page, axe, console_errors):
    page.goto(f"{live_framework.url}/es/pathways/start/?edited=few")
    summary = page.locator("#form-errors")
    assert summary.get_attribute("role") == "alert"
    assert summary.locator("a").count() == 5
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "q-helped-0"
    axe(page)
    assert console_errors == []


def test_arabic_page_is_right_to_left_and_accessible(live_framework, page, axe, console_errors):
    build_roles()
    page.goto(
        f"{live_framework.url}/ar/pathways/start/"
        "?edited=regularly&helped=often&organised=no&taught=no&affiliate=no&next=write"
    )
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # A radio sits to the right of its label on a right-to-left page.
    radio = page.locator(".cdx-radio__icon").first.bounding_box()
    label = page.locator(".cdx-radio__label").first.bounding_box()
    assert radio["x"] > label["x"]
    assert page.locator("#result .hub-start__role-name a").count() >= 1
    axe(page)
    assert console_errors == []
