"""A volunteer's journey through the resources in a real browser: filter, search and open a guide, in
Spanish and in Arabic, with no accessibility violations."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_filter_the_resources_without_javascript_knowledge(live_resources, page, axe, console_errors, lang):
    page.goto(f"{live_resources.url}/{lang}/resources/")
    axe(page)
    total = page.locator(".hub-listing__item").count()
    assert total > 0
    page.locator("input[name=type][value=course]").check()
    page.locator(".hub-listing__actions button[type=submit]").click()
    page.wait_for_url(re.compile(r"type=course"))
    filtered = page.locator(".hub-listing__item")
    assert 0 < filtered.count() < total
    assert page.locator("input[name=type][value=course]").is_checked()
    axe(page)
    assert console_errors == []


@pytest.mark.parametrize(("lang", "query"), [("es", "mentoría"), ("ar", "Wikidata")])
def test_search_from_the_header_and_open_a_guide(live_resources, page, axe, console_errors, lang, query):
    page.goto(f"{live_resources.url}/{lang}/")
    search = page.locator("header input[name=q]")
    search.fill(query)
    search.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/search/\?q="))
    first_result = page.locator("main a[href*='/resources/']").first
    href = first_result.get_attribute("href")
    axe(page)
    first_result.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    if lang == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
    axe(page)
    assert console_errors == []


def test_suggestion_form_is_accessible_and_shows_errors(live_resources, page, axe):
    page.goto(f"{live_resources.url}/es/resources/suggest/")
    axe(page)
    page.locator("main form button[type=submit]").click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    axe(page)


def test_main_pages_fit_a_320_pixel_screen_in_arabic(live_resources, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        "/ar/",
        "/ar/framework/",
        "/ar/framework/expanding/",
        "/ar/framework/about/",
        "/ar/resources/",
        "/ar/resources/suggest/",
        "/ar/search/?q=wiki",
        "/fr/framework/about/",
    ):
        page.goto(f"{live_resources.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide"


# --- On a phone ------------------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_first_result_is_on_the_first_phone_screen(live_resources, page, axe, console_errors, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_resources.url}/{lang}/resources/")
    # The filters wait behind a one-line disclosure; the count and the first result follow it.
    assert page.locator(".hub-listing__toggle").is_visible()
    assert not page.locator(".hub-listing__filters").is_visible()
    assert page.locator(".hub-listing__summary").bounding_box()["y"] < PHONE["height"]
    first = page.locator(".hub-listing__item").first.bounding_box()
    assert first["y"] < PHONE["height"], f"the first result starts {first['y']}px down"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    axe(page)
    # Opened, the panel starts with the sort order and the button, before any facet.
    page.locator(".hub-listing__toggle").click()
    sort = page.locator("#listing-sort").bounding_box()
    apply = page.locator(".hub-listing__actions button[type=submit]").bounding_box()
    facet = page.locator(".hub-listing__facet").first.bounding_box()
    assert sort["y"] < facet["y"] and apply["y"] < facet["y"]
    assert apply["y"] < PHONE["height"]
    axe(page)
    assert console_errors == []
    if os.environ.get("HUB_SCREENSHOTS"):
        # `make screenshots` sets it: the committed pictures of the listing on a phone, one filter applied.
        page.goto(f"{live_resources.url}/{lang}/resources/?type=guide")
        page.screenshot(path=SCREENSHOTS / f"listing-{lang}-390.png")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_filter_on_a_phone_without_javascript(live_resources, browser, lang):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_resources.url}/{lang}/resources/")
        total = page.locator(".hub-listing__item").count()
        unfiltered = page.locator(".hub-listing__toggle").inner_text()
        page.locator(".hub-listing__toggle").click()
        assert page.locator(".hub-listing__filters").is_visible()
        # A long facet folds its options under "Show all n", a plain disclosure too.
        tags = page.locator(".hub-listing__facet", has=page.locator("input[name=tag]"))
        folded = tags.locator(".hub-listing__more input[name=tag]").first
        assert not folded.is_visible()
        tags.locator(".hub-listing__more > summary").click()
        assert folded.is_visible()
        # No filter-as-you-type box without the script.
        assert page.locator(".hub-listing__find").count() == 0
        page.locator("input[name=type][value=course]").check()
        page.locator(".hub-listing__actions button[type=submit]").click()
        page.wait_for_url(re.compile(r"type=course"))
        assert 0 < page.locator(".hub-listing__item").count() < total
        # "Filter (1 active)", in the page's language.
        assert page.locator(".hub-listing__toggle").inner_text() != unfiltered
        # The chip above the results removes the filter again.
        page.locator(".hub-listing__active a.hub-chip").first.click()
        page.wait_for_url(re.compile(r"/resources/\?$|/resources/$"))
        assert page.locator(".hub-listing__item").count() == total
    finally:
        context.close()


def test_long_facet_narrows_as_you_type(live_resources, page, axe, console_errors):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_resources.url}/en/resources/")
    page.locator(".hub-listing__toggle").click()
    tags = page.locator(".hub-listing__facet", has=page.locator("input[name=tag]"))
    folded = tags.locator(".hub-listing__more .hub-listing__option").last
    wanted = folded.locator(".cdx-label__label__text").text_content().split("(")[0].strip()
    box = tags.get_by_role("searchbox")
    box.fill(wanted)
    assert folded.is_visible()
    visible = [option for option in tags.locator(".hub-listing__option").all() if option.is_visible()]
    assert 0 < len(visible) < tags.locator(".hub-listing__option").count()
    box.fill("zzzz-no-such-tag")
    assert tags.locator(".hub-listing__none").is_visible()
    box.fill("")
    assert not folded.is_visible()
    axe(page)
    assert console_errors == []
