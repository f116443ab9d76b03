"""The home page in a real browser: English left-to-right, Arabic right-to-left, both accessible."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_in_english_is_left_to_right_and_accessible(live_site, page, axe, console_errors):
    page.goto(f"{live_site.url}/en/")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"
    brand = page.locator(".hub-brand").bounding_box()
    languages = page.locator("nav.hub-languages").bounding_box()
    assert brand["x"] < languages["x"]
    axe(page)
    assert console_errors == []


def test_home_page_in_arabic_is_right_to_left_and_accessible(live_site, page, axe, console_errors):
    page.goto(f"{live_site.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # Header flows from the right: the site name sits to the right of the language links.
    brand = page.locator(".hub-brand").bounding_box()
    languages = page.locator("nav.hub-languages").bounding_box()
    assert brand["x"] + brand["width"] > languages["x"] + languages["width"]
    # Codex's RTL stylesheet is the one applied.
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    assert any(href.endswith("codex.style-rtl.css") for href in sheets)
    axe(page)
    assert console_errors == []


def test_skip_link_moves_keyboard_focus_to_main_content(live_site, page):
    page.goto(f"{live_site.url}/es/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Saltar al contenido principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_leads_to_the_same_page_in_arabic(live_site, page):
    page.goto(f"{live_site.url}/en/")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="العربيّة").click()
    page.wait_for_url(f"{live_site.url}/ar/")
    assert page.locator("html").get_attribute("lang") == "ar"


def test_home_page_fits_a_320_pixel_screen(live_site, page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_site.url}/ar/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
