"""French and Arabic pages of each type in a real browser, with the shipped content: their own language, no
English fallback or hint inside a heading, one quiet review line, and no accessibility violation."""

import pytest

pytestmark = pytest.mark.browser

PATHS = [
    "/{lang}/",
    "/{lang}/framework/",
    "/{lang}/framework/expanding/",
    "/{lang}/framework/skills/mentoring-coaching/",
    "/{lang}/framework/behaviors/welcomes-newcomers/",
    "/{lang}/framework/activities/organize-event/",
    "/{lang}/framework/about/",
    "/{lang}/pathways/",
    "/{lang}/pathways/event-organizer/",
    "/{lang}/resources/",
    "/{lang}/resources/rapid-fund/",
]


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_french_and_arabic_pages_read_in_their_language_and_are_accessible(
    live_resources, page, axe, console_errors, lang, direction
):
    for template in PATHS:
        path = template.format(lang=lang)
        page.goto(f"{live_resources.url}{path}")
        assert page.locator("html").get_attribute("dir") == direction, path
        # No English fallback, and no hint of one, inside any heading.
        headings = page.locator("h1, h2, h3")
        assert headings.locator(".hub-fallback, [lang='en']").count() == 0, path
        texts = " ".join(headings.all_inner_texts())
        assert "not yet translated" not in texts and "pas encore traduit" not in texts, path
        assert page.locator(".hub-fallback").count() == 0, path
        # One quiet line, not a banner per item.
        assert page.locator(".hub-translation-status__review").count() == 1, path
        axe(page)
    assert console_errors == []
