"""A pathway on paper (issue #13, point 7) and the header and footer polish (point 8), in a real browser:
print media without the share panel or buttons, guide addresses written out, ticked steps ticked; a Print
button only with JavaScript; the current section marked; a header that fits; a footer at the bottom."""

import pytest

from resources.factories import ResourcePageFactory
from tests.pathways.builders import build_pathways, make_levels

pytestmark = pytest.mark.browser

GUIDE_URL = "https://learn.wiki/course/mentor"


@pytest.fixture
def live_pathways(live_site):
    """A live server with a Mentor role of three steps, each naming a guide elsewhere (GUIDE_URL)."""
    build_pathways(make_levels(), 1, 3)
    return live_site


def tick_box(page, number):
    return page.get_by_label(f"Done: Step {number} of mentor", exact=True)


def pseudo_content(page, selector, pseudo):
    return page.evaluate(
        "([selector, pseudo]) => getComputedStyle(document.querySelector(selector), pseudo).content", [selector, pseudo]
    )


def test_printed_pathway_drops_the_share_panel_and_buttons_and_keeps_the_ticks(live_pathways, page, console_errors):
    page.goto(f"{live_pathways.url}/en/pathways/mentor/")
    tick_box(page, 2).check()
    assert page.locator(".hub-share").is_visible()
    page.emulate_media(media="print")

    assert not page.locator(".hub-share").is_visible()
    assert page.locator(".hub-share textarea, .hub-share input").evaluate_all(
        "fields => fields.every(field => field.offsetParent === null)"
    )
    assert page.locator("button:visible").count() == 0
    assert not page.locator(".hub-nav").is_visible()
    assert not page.locator(".hub-search").is_visible()
    assert not page.locator(".hub-footer").is_visible()

    # The guide elsewhere prints with its address; a link inside the Hub does not.
    assert pseudo_content(page, f'.pathways-step a[href="{GUIDE_URL}"]', "::after") == f'" ({GUIDE_URL})"'
    assert pseudo_content(page, ".pathways-step__level a", "::after") in ("none", "normal")

    # The ticked step prints with a ticked box, the others with an empty one.
    titles = page.locator(".pathways-step__title")
    boxes = [pseudo_content(page, f"#{titles.nth(n).get_attribute('id')}", "::before") for n in range(3)]
    assert "\u2611" in boxes[1]
    assert "\u2610" in boxes[0] and "\u2610" in boxes[2]
    assert tick_box(page, 2).is_checked()
    assert not tick_box(page, 1).is_checked()
    assert console_errors == []


def test_print_button_appears_with_javascript_and_opens_the_print_dialog(live_pathways, page, axe, console_errors):
    # window.print is the browser's own dialog; the test records the call instead of opening it.
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    page.goto(f"{live_pathways.url}/en/pathways/mentor/")
    button = page.get_by_role("button", name="Print this pathway")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") == 1
    axe(page)
    page.goto(f"{live_pathways.url}/ar/pathways/mentor/")
    assert page.get_by_role("button", name="اطبع هذا المسار").is_visible()
    axe(page)
    assert console_errors == []


def test_without_javascript_there_is_no_print_button(live_pathways, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_pathways.url}/en/pathways/mentor/")
    assert page.locator("button[data-print]").count() == 1
    assert not page.locator("button[data-print]").is_visible()
    assert page.get_by_role("button", name="Print this pathway").count() == 0
    context.close()


@pytest.fixture
def live_guide(live_site):
    ResourcePageFactory(slug="welcome-guide", title="Welcome guide", tags=["newcomers", "wikidata"])
    return live_site


def test_resource_page_marks_resources_as_the_current_section_and_links_its_tags(live_guide, page, axe):
    page.goto(f"{live_guide.url}/en/resources/welcome-guide/")
    nav = page.get_by_role("navigation", name="Main")
    resources = nav.get_by_role("link", name="Resources")
    assert resources.get_attribute("aria-current") == "true"
    assert nav.locator("[aria-current]").count() == 1
    marker = resources.evaluate("link => getComputedStyle(link).boxShadow")
    assert marker != "none"
    assert nav.get_by_role("link", name="Framework").evaluate("link => getComputedStyle(link).boxShadow") == "none"

    tag = page.locator(".hub-resource__tags").get_by_role("link", name="wikidata")
    assert tag.get_attribute("href") == "/en/resources/?tag=wikidata"
    axe(page)
    tag.click()
    page.wait_for_url("**/en/resources/?tag=wikidata")
    assert nav.get_by_role("link", name="Resources").get_attribute("aria-current") == "page"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_footer_sits_at_the_bottom_of_a_short_page(live_site, page, axe, lang):
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(f"{live_site.url}/{lang}/no-such-page/")
    assert response.status == 404
    footer = page.locator(".hub-footer").bounding_box()
    assert abs(footer["y"] + footer["height"] - 900) <= 1
    axe(page)


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
def test_header_fits_in_two_rows_at_desktop_width(live_site, page, lang):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_site.url}/{lang}/")
    tops = page.evaluate(
        """() => Object.fromEntries(['.hub-brand', '.hub-languages', '.hub-nav', '.hub-search'].map(
            selector => [selector, document.querySelector(selector).getBoundingClientRect().top]))"""
    )
    # Row one: the brand and the languages; row two: the sections and the search; nothing wraps inside them.
    assert abs(tops[".hub-brand"] - tops[".hub-languages"]) < 16, tops
    assert abs(tops[".hub-nav"] - tops[".hub-search"]) < 16, tops
    assert tops[".hub-nav"] > tops[".hub-brand"], tops
    for row in (".hub-nav__list li", ".hub-languages__list li"):
        item_tops = page.locator(row).evaluate_all("items => items.map(item => item.getBoundingClientRect().top)")
        assert max(item_tops) - min(item_tops) < 2, (row, item_tops)


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
@pytest.mark.parametrize("width", [1280, 390, 320])
def test_search_placeholder_is_not_cut(live_site, page, lang, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_site.url}/{lang}/")
    room, needed = page.locator(".hub-search input").evaluate(
        """input => {
            const style = getComputedStyle(input);
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return [room, context.measureText(input.placeholder).width];
        }"""
    )
    assert needed <= room, (needed, room)
