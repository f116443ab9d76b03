"""The translators' dashboard in a real browser (issue #12, point 2): readable at 390 px wide without scrolling the
page sideways, no axe-core violation in what it adds to the admin, in the English and the Arabic admin; a
drill-down row opens the edit form on its language."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import admin_log_in, axe_within

pytestmark = pytest.mark.browser


def no_sideways_scroll(page):
    """The page itself is no wider than the screen (a wide table scrolls inside its own region)."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, width


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_dashboard_is_accessible_at_390_px_and_opens_an_edit_form_on_its_language(
    live_resources, page, console_errors, language
):
    page.set_viewport_size({"width": 390, "height": 844})
    admin_log_in(page, live_resources.url, "dashboard", language)
    # The admin home's panel links to the user's language (every language for the English admin).
    panel = page.locator("section[aria-labelledby=translations-panel-title]")
    expect(panel.locator("li[data-language]")).to_have_count(1 if language == "ar" else 3)

    page.goto(f"{live_resources.url}/admin/translations/")
    expect(page.locator("table.hub-dashboard-table")).to_have_count(3)
    axe_within(page, ".hub-dashboard")
    no_sideways_scroll(page)

    page.locator('tr[data-language="ar"][data-kind="resources"] th a').click()
    page.wait_for_url("**/admin/translations/items/?lang=ar&kind=resources")
    expect(page.locator("tr[data-identifier]").first).to_be_visible()
    axe_within(page, ".hub-dashboard")
    no_sideways_scroll(page)

    # The first row is the one most in need of Arabic; its link opens the edit form showing English and Arabic.
    page.locator("tr[data-identifier] th a").first.click()
    page.wait_for_url("**/edit/?lang=ar")
    expect(page.locator("[name=title_ar]")).to_be_visible()
    expect(page.locator("[name=title_en]")).to_be_visible()
    expect(page.locator("[name=title_es]")).to_be_hidden()
    expect(page.locator("[name=title_fr]")).to_be_hidden()
    assert [error for error in console_errors if "admin_language" in error] == []
