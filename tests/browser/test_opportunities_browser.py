"""A volunteer finds a learning opportunity and a mentor in a real browser, in English and Arabic: filters without
JavaScript, the time in their own zone when the script runs, RTL, phones, and no accessibility violations."""

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_filter_the_opportunities_and_open_one(live_resources, page, axe, console_errors, lang):
    page.goto(f"{live_resources.url}/{lang}/opportunities/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    axe(page)
    total = page.locator(".hub-opps__item").count()
    assert total >= 12
    page.locator("select[name=format]").select_option("hybrid")
    page.locator(".hub-opps__actions button[type=submit]").click()
    page.wait_for_url(re.compile(r"format=hybrid"))
    assert 0 < page.locator(".hub-opps__item").count() < total
    assert page.locator(".hub-opps__subscribe a").first.get_attribute("href").startswith("webcal://")
    axe(page)
    page.locator(".hub-opps__title a").first.click()
    page.wait_for_selector(".hub-opp__organiser-time")
    # The reader's own time appears once the script has run, beside the organiser's and UTC.
    local = page.locator(".hub-opp__local")
    local.wait_for(state="visible")
    assert re.search(r"\d", local.locator("dd").inner_text())
    assert page.locator(".hub-opp__utc-time time").count() == 2
    axe(page)
    assert console_errors == []


def test_a_bad_month_is_named_on_the_page(live_resources, page, axe):
    page.goto(f"{live_resources.url}/ar/opportunities/?month=tomorrow")
    assert "tomorrow" in page.locator(".hub-opps__warning").inner_text()
    axe(page)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_mentorship_listing_and_a_programme(live_resources, page, axe, console_errors, lang):
    page.goto(f"{live_resources.url}/{lang}/mentorship/")
    axe(page)
    assert page.locator(".hub-opps__item").count() >= 6
    page.locator(".hub-opps__title a").first.click()
    page.wait_for_selector("article.hub-opp")
    axe(page)
    assert console_errors == []


def test_opportunity_pages_fit_a_320_pixel_screen_in_arabic(live_resources, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/ar/opportunities/", "/ar/opportunities/wikimania/", "/ar/mentorship/", "/ar/mentorship/outreachy/"):
        page.goto(f"{live_resources.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide"


def test_the_announce_form_is_accessible_and_shows_errors_in_arabic(live_resources, page, axe):
    page.goto(f"{live_resources.url}/ar/opportunities/announce/")
    axe(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#form-errors")
    assert page.locator(".cdx-field--status-error").count() >= 1
    axe(page)
