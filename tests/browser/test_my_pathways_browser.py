"""The "My pathways" section in a real browser on a phone: ticks made on a pathway show as progress on the roles
page and the home page, in English and in Arabic, with no request sent and no cookie set; "Clear all" empties it
after a confirmation; hidden without JavaScript or without ticks; accessible."""

import os
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
# What a script would use to talk to the server; none may be sent.
SCRIPTED = {"fetch", "xhr", "eventsource", "websocket", "ping"}
TEXT = {
    "en": {"title": "My pathways", "count": "2 of {total} steps", "clear": "Clear all", "cleared": "removed"},
    "ar": {"title": "مساراتي", "count": "2 من {total} خطوات", "clear": "مسح الكل", "cleared": "أُزيل"},
}


def mine(page):
    return page.locator("section[data-my-pathways]")


def tick_steps(page, base, lang, count):
    """Tick the first ``count`` steps of the Mentor pathway; returns how many steps it has."""
    page.goto(f"{base}/{lang}/pathways/mentor/")
    boxes = page.locator("input[data-step]")
    for number in range(count):
        boxes.nth(number).check()
    return boxes.count()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_ticked_steps_show_as_progress_without_a_request_or_a_cookie(live_resources, page, axe, console_errors, lang):
    base, text = live_resources.url, TEXT[lang]
    page.set_viewport_size(PHONE)
    requests, navigations = [], []
    page.on("request", lambda request: requests.append(request))

    navigations.append(f"{base}/{lang}/pathways/mentor/")
    total = tick_steps(page, base, lang, 1)
    if os.environ.get("HUB_SCREENSHOTS"):
        # `make screenshots` sets it: the committed picture of a pathway on a phone, one step ticked.
        page.locator("#steps-title").evaluate("element => { element.scrollIntoView(); window.scrollBy(0, -24); }")
        page.screenshot(path=SCREENSHOTS / f"pathway-{lang}-390.png")
    page.locator("input[data-step]").nth(1).check()

    for path in (f"/{lang}/pathways/", f"/{lang}/"):
        navigations.append(f"{base}{path}")
        page.goto(f"{base}{path}")
        section = mine(page)
        assert section.is_visible()
        assert section.get_by_role("heading", level=2).inner_text() == text["title"]
        items = section.locator(".pathways-mine__item")
        assert items.count() == 1
        link = items.first.get_by_role("link")
        assert link.get_attribute("href") == f"/{lang}/pathways/mentor/"
        assert items.first.locator(".pathways-mine__count").inner_text() == text["count"].format(total=total)
        # The bar fills from the line's start: the left in English, the right in Arabic.
        bar = items.first.locator(".pathways-mine__bar").bounding_box()
        fill = items.first.locator(".pathways-mine__fill").bounding_box()
        assert 0 < fill["width"] < bar["width"]
        if lang == "ar":
            assert abs((fill["x"] + fill["width"]) - (bar["x"] + bar["width"])) < 1
        else:
            assert abs(fill["x"] - bar["x"]) < 1
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        axe(page)

    # Every request was a navigation the test made, or a static file those pages name (styles, scripts, icons,
    # the favicon): no fetch, no XHR, no beacon.
    assert [request.url for request in requests if request.resource_type == "document"] == navigations
    others = [(request.resource_type, request.url) for request in requests if request.resource_type != "document"]
    assert [item for item in others if item[0] in SCRIPTED or "/static/" not in item[1]] == []
    assert page.context.cookies() == []

    # "Clear all" asks first: declined, nothing changes; accepted, every pathway's ticks are gone.
    count = len(requests)
    clear = mine(page).get_by_role("button", name=text["clear"])
    page.once("dialog", lambda dialog: dialog.dismiss())
    clear.click()
    assert mine(page).locator(".pathways-mine__item").count() == 1
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    clear.click()
    assert dialogs and dialogs[0]
    assert mine(page).locator(".pathways-mine__item").count() == 0
    assert not clear.is_visible()
    assert text["cleared"] in mine(page).get_by_role("status").inner_text()
    assert page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('hub-pathway:'))") == []
    assert len(requests) == count, "clearing must not talk to the server"
    assert page.context.cookies() == []
    axe(page)
    page.reload()
    assert not mine(page).is_visible()
    page.goto(f"{base}/{lang}/pathways/mentor/")
    assert page.locator("input[data-step]:checked").count() == 0
    assert console_errors == []


def test_the_section_stays_hidden_with_nothing_ticked_or_without_javascript(live_resources, page, browser):
    page.goto(f"{live_resources.url}/en/pathways/")
    assert mine(page).count() == 1 and not mine(page).is_visible()
    tick_steps(page, live_resources.url, "en", 1)
    page.goto(f"{live_resources.url}/en/")
    assert mine(page).is_visible()
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    for path in ("/en/", "/en/pathways/"):
        plain.goto(f"{live_resources.url}{path}")
        assert not mine(plain).is_visible()
    context.close()
