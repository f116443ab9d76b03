"""An affiliate organiser copies the embed snippet of a page in a real browser: the Copy buttons appear
once the script runs, the clipboard receives the snippet, and the panel stays accessible in Spanish and
Arabic."""

import pytest

from resources.models import ResourcePage

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    """Let the page write to and read from the clipboard, as a reader's click would."""
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}


def test_copy_button_copies_the_embed_snippet(live_framework, page, console_errors):
    page.goto(f"{live_framework.url}/es/framework/skills/wiki-editing-basics/")
    button = page.locator("button[data-copy=hub-share-embed]")
    assert button.is_visible()
    snippet = page.locator("#hub-share-embed").input_value()
    assert snippet.startswith(f'<iframe src="{live_framework.url}/es/embed/skill/wiki-editing-basics/"')
    button.click()
    status = page.locator("[data-share-status]")
    status.filter(has_text="Copiado").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    assert console_errors == []


def test_copy_buttons_stay_hidden_without_javascript(live_framework, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_framework.url}/en/framework/fundamental/")
        assert page.locator("#hub-share-link").is_visible()
        assert page.locator("button[data-copy]").count() == 3
        assert not page.locator("button[data-copy]").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_pages_with_the_share_panel_are_accessible(live_resources, page, axe, console_errors, lang):
    resource = ResourcePage.objects.live().order_by("path").first()
    for path in ("/framework/fundamental/", f"/resources/{resource.slug}/"):
        page.goto(f"{live_resources.url}/{lang}{path}")
        assert page.locator("section.hub-share").is_visible()
        assert page.locator("button[data-copy]").first.is_visible()
        axe(page)
    assert console_errors == []
