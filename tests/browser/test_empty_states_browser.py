"""Empty states (`.hub-empty`: a search or a filter that finds nothing, a framework page with no guide) set apart
from the page in both directions: a bar on the start side of the line, left in English and right in Arabic,
padded, with links large enough to tap; accessible."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(("lang", "start"), [("en", "left"), ("ar", "right")])
def test_an_empty_search_offers_its_ways_on_in_a_box_marked_on_the_start_side(
    live_resources, page, axe, console_errors, lang, start
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_resources.url}/{lang}/resources/?q=zzzqqqxx")
    empty = page.locator(".hub-empty")
    assert empty.is_visible()
    style = empty.evaluate(
        """element => { const s = getComputedStyle(element);
           return {left: s.borderLeftWidth, right: s.borderRightWidth, padding: s.paddingTop,
                   background: s.backgroundColor}; }"""
    )
    end = "right" if start == "left" else "left"
    assert (style[start], style[end]) == ("2px", "0px")
    assert style["padding"] != "0px"
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    for link in empty.locator(".hub-empty__next a").all():
        assert link.bounding_box()["height"] >= 24, f"{link.inner_text()!r} is too small to tap"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    axe(page)
    assert console_errors == []
