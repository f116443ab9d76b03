"""Translators in the Wagtail admin, in a real browser (issue #12, point 3): showing only one language keeps every
group's fields of that language reachable, and every per-language input says its language and direction, in the
English and in the Arabic admin."""

import pytest
from playwright.sync_api import expect

from pathways.models import Role
from resources.models import ResourceIndexPage, ResourcePage
from tests.browser.conftest import admin_log_in, axe_within

pytestmark = pytest.mark.browser


# Every input, text area and select of the edit form whose name ends in a language code.
LANGUAGE_INPUTS = """() => Array.from(document.querySelectorAll('form[data-edit-form] :is(input, textarea, select)'))
  .filter((el) => /_(en|es|fr|ar)$/.test(el.name))
  .map((el) => ({name: el.name, lang: el.getAttribute('lang'), dir: el.getAttribute('dir')}))"""


def toggle(page, code):
    page.locator("button.locale-toggle", has_text=code.upper()).click()


def test_showing_only_arabic_keeps_the_guides_arabic_details_reachable(live_resources, page, console_errors):
    admin_log_in(page, live_resources.url, "translator")
    guide = ResourcePage.objects.get(slug="help-introduction")
    page.goto(f"{live_resources.url}/admin/pages/{guide.pk}/edit/")
    toggle(page, "en")
    toggle(page, "ar")
    expect(page.locator("[name=title_en]")).to_be_hidden()
    for name in ("title_ar", "summary_ar", "external_url_ar", "estimated_time_ar", "audience_ar"):
        expect(page.locator(f"[name={name}]")).to_be_visible()
    # The group's heading stays, its other languages do not.
    # Found by what it holds: Wagtail derives a group's id from its heading (and its tab's) as first built, in
    # whatever language the admin had then, so the id differs from one test order to another.
    about = (
        page.locator("section[id$='-section']")
        .filter(has=page.locator("[name=external_url_ar]"))
        .filter(has=page.locator("[name=audience_ar]"))
        .last
    )
    expect(about).to_be_visible()
    for name in ("external_url_en", "audience_es", "audience_fr"):
        expect(page.locator(f"[name={name}]")).to_be_hidden()
    axe_within(page, "#" + about.get_attribute("id"))
    # Wagtail saves a draft by itself half a second after typing stops: wait for it, then publish.
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.locator("[name=audience_ar]").fill("المحررون الجدد في ويكيبيديا")
        page.locator("[name=estimated_time_ar]").fill("ساعة واحدة")
    _publish(page)
    page.wait_for_url(f"{live_resources.url}/admin/pages/{guide.get_parent().pk}/")
    guide.refresh_from_db()
    assert guide.audience_ar == "المحررون الجدد في ويكيبيديا"
    assert guide.estimated_time_ar == "ساعة واحدة"
    assert console_errors == []


def _publish(page):
    """Click "Publish" in the footer's action menu."""
    button = page.locator("button[name=action-publish]").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    button.click()


@pytest.mark.parametrize("admin_language", ["en", "ar"])
def test_every_language_input_says_its_language_and_direction(live_resources, page, admin_language):
    admin_log_in(page, live_resources.url, "translator", admin_language)
    assert page.locator("html").get_attribute("dir") == ("rtl" if admin_language == "ar" else "ltr")
    guide = ResourcePage.objects.get(slug="help-introduction")
    role = Role.objects.get(slug="mentor")
    index = ResourceIndexPage.objects.get()
    for url in (
        f"/admin/pages/{guide.pk}/edit/",
        f"/admin/pages/{index.pk}/edit/",
        f"/admin/snippets/pathways/role/edit/{role.pk}/",
    ):
        page.goto(live_resources.url + url)
        inputs = page.evaluate(LANGUAGE_INPUTS)
        assert len(inputs) >= 12, url
        for found in inputs:
            code = found["name"].rsplit("_", 1)[1]
            assert (found["lang"], found["dir"]) == (code, "rtl" if code == "ar" else "ltr"), (url, found)
    # A rich text's editor runs in its language's direction, whatever the admin's.
    page.goto(f"{live_resources.url}/admin/pages/{index.pk}/edit/")
    toggle(page, "ar")
    for code, direction in (("ar", "rtl"), ("en", "ltr")):
        editor = page.locator(f"[id$='-intro_{code}-section'] [contenteditable=true]")
        expect(editor).to_be_visible()
        assert editor.evaluate("(el) => getComputedStyle(el).direction") == direction
    # The role's translators' notes: a box and a text per language; the notes are written in English, left to right
    # in the Arabic admin too.
    page.goto(f"{live_resources.url}/admin/snippets/pathways/role/edit/{role.pk}/")
    note = page.locator("textarea[name=translation_notes-ar-note]")
    expect(note).to_have_attribute("dir", "ltr")
    expect(note).to_have_attribute("lang", "en")
    assert page.locator("textarea[name=translation_notes]").count() == 0
