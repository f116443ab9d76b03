"""The roles page and a pathway checklist in a real browser: ticks kept in the browser only, usable by keyboard,
right to left in Arabic, printable, accessible."""

import pytest

from tests.pathways.builders import build_pathways, make_levels

pytestmark = pytest.mark.browser


@pytest.fixture
def live_pathways(live_site):
    """A live server with four levels and a Mentor role (Emerging to Elevated) of three steps, plus 3 others."""
    levels = make_levels()
    build_pathways(levels, 4, 3)
    return live_site


def tick_box(page, number):
    return page.get_by_label(f"Done: Step {number} of mentor", exact=True)


def test_ticks_stay_in_the_browser_and_survive_a_reload(live_pathways, page, console_errors):
    page.goto(f"{live_pathways.url}/en/pathways/mentor/")
    progress = page.locator(".pathways-progress")
    assert progress.inner_text() == "0 of 3 steps done"
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    tick_box(page, 1).check()
    tick_box(page, 3).check()
    assert progress.inner_text() == "2 of 3 steps done"
    assert progress.get_attribute("role") == "status"
    assert requests == [], "ticking a step must not talk to the server"
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("Object.keys(localStorage)") == ["hub-pathway:mentor"]

    page.reload()
    assert tick_box(page, 1).is_checked()
    assert not tick_box(page, 2).is_checked()
    assert tick_box(page, 3).is_checked()
    assert page.locator(".pathways-progress").inner_text() == "2 of 3 steps done"

    page.get_by_role("button", name="Clear my ticks").click()
    assert page.locator(".pathways-progress").inner_text() == "0 of 3 steps done"
    page.reload()
    assert not any(tick_box(page, number).is_checked() for number in (1, 2, 3))
    assert page.evaluate("localStorage.length") == 0
    assert console_errors == []


def test_checklist_can_be_used_with_the_keyboard_alone(live_pathways, page):
    page.goto(f"{live_pathways.url}/en/pathways/mentor/")
    first_id = tick_box(page, 1).get_attribute("id")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first_id:
            break
    else:
        pytest.fail("The first step's checkbox could not be reached with the Tab key.")
    page.keyboard.press("Space")
    assert tick_box(page, 1).is_checked()
    assert page.locator(".pathways-progress").inner_text() == "1 of 3 steps done"
    page.keyboard.press("Space")
    assert not tick_box(page, 1).is_checked()


def test_without_javascript_the_pathway_is_a_plain_checklist(live_pathways, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_pathways.url}/en/pathways/mentor/")
    assert page.locator("ol.pathways-steps > li").count() == 3
    assert page.locator('input[type="checkbox"]:visible').count() == 0
    assert page.get_by_role("button", name="Clear my ticks").count() == 0
    context.close()


def test_printed_pathway_has_no_header_or_controls(live_pathways, page):
    page.goto(f"{live_pathways.url}/en/pathways/mentor/")
    page.emulate_media(media="print")
    assert not page.locator(".hub-header").is_visible()
    assert not page.locator(".hub-footer").is_visible()
    assert not tick_box(page, 1).is_visible()
    assert not page.get_by_role("button", name="Clear my ticks").is_visible()
    box = page.evaluate("getComputedStyle(document.querySelector('.pathways-step__title'), '::before').content")
    assert "\u2610" in box


def test_arabic_pathway_and_role_map_run_right_to_left(live_pathways, page, axe, console_errors):
    page.goto(f"{live_pathways.url}/ar/pathways/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    levels = page.locator(".pathways-map__head .pathways-map__level")
    assert levels.nth(0).bounding_box()["x"] > levels.nth(1).bounding_box()["x"]
    # Mentor runs from level 2 to level 4: its bar starts under level 2 and ends at level 4's left edge.
    bar = page.locator(".pathways-map__roles li", has_text="Mentor").locator(".pathways-map__bar").bounding_box()
    level_2, level_4 = levels.nth(1).bounding_box(), levels.nth(3).bounding_box()
    assert abs((bar["x"] + bar["width"]) - (level_2["x"] + level_2["width"])) < 12
    assert abs(bar["x"] - level_4["x"]) < 12
    axe(page)
    page.goto(f"{live_pathways.url}/ar/pathways/mentor/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".pathways-progress").inner_text() != ""
    axe(page)
    assert console_errors == []


def test_roles_and_pathway_pages_are_accessible(live_pathways, page, axe, console_errors):
    for path in ("/en/pathways/", "/es/pathways/", "/es/pathways/?level=nowhere", "/es/pathways/mentor/"):
        page.goto(f"{live_pathways.url}{path}")
        axe(page)
    assert console_errors == []


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
def test_role_map_is_readable_on_a_320_pixel_screen(live_resources, page, axe, console_errors, lang):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_resources.url}/{lang}/pathways/")
    levels = page.locator(".pathways-map__head .pathways-map__level")
    assert levels.count() == 4
    for element in [*levels.all(), *page.locator(".pathways-map__name").all()]:
        box = element.bounding_box()
        text = element.inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, f"{text!r} leaves the screen"
        cut = element.evaluate("e => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 1")
        assert not cut, f"{text!r} is cut"
    # Each level name on one line: no "Fundamenta/l".
    for element in levels.all():
        lines = element.evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; }"
        )
        assert lines == 1, f"{element.inner_text()!r} takes {lines} lines"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"
    axe(page)
    assert console_errors == []
