"""A volunteer's journey through the resources in a real browser: filter, search and open a guide, in
Spanish and in Arabic, with no accessibility violations."""

import re

import pytest

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
