"""The framework matrix in a real browser: Arabic right to left, usable by keyboard, accessible."""

import pytest

pytestmark = pytest.mark.browser


def test_arabic_matrix_is_right_to_left_and_accessible(live_framework, page, axe, console_errors):
    page.goto(f"{live_framework.url}/ar/framework/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Row headers (Skills, Behaviors, Activities) sit at the right edge, level columns flow leftwards.
    row_header = page.locator("table tbody th").first.bounding_box()
    first_cell = page.locator("table tbody tr").first.locator("td").first.bounding_box()
    assert row_header["x"] > first_cell["x"]
    levels = page.locator("table thead th")
    assert levels.nth(0).bounding_box()["x"] > levels.nth(1).bounding_box()["x"]
    axe(page)
    assert console_errors == []


def test_matrix_can_be_used_with_the_keyboard_alone(live_framework, page):
    page.goto(f"{live_framework.url}/ar/framework/")
    first_item = page.locator("table tbody td a").first
    href = first_item.get_attribute("href")
    # Tab from the top of the page until the first item of the matrix has focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == href:
            break
    else:
        pytest.fail("The first matrix item could not be reached with the Tab key.")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link shows no focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").count() == 1


def test_scrollable_matrix_region_takes_focus(live_framework, page):
    # Just wide enough for the table (narrower screens get one section per level).
    page.set_viewport_size({"width": 820, "height": 740})
    page.goto(f"{live_framework.url}/en/framework/")
    region = page.get_by_role("region", name="Engagement levels and what each suggests")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    assert page.evaluate("document.documentElement.scrollWidth") <= 820


def test_level_and_skill_pages_in_spanish_are_accessible(live_framework, page, axe, console_errors):
    for path in ("/es/framework/expanding/", "/es/framework/skills/communication/", "/es/framework/about/"):
        page.goto(f"{live_framework.url}{path}")
        axe(page)
    assert console_errors == []


@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_matrix_on_a_phone_is_one_section_per_level(live_framework, page, axe, console_errors, lang, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_framework.url}/{lang}/framework/")
    assert not page.locator("table").is_visible()
    sections = page.locator(".hub-matrix-level")
    assert sections.count() == 4
    for number in range(4):
        section = sections.nth(number)
        assert section.locator("h2 a").is_visible()
        assert section.locator(".hub-matrix__items a").count() > 0
        box = section.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a {width}px screen"
    axe(page)
    assert console_errors == []
