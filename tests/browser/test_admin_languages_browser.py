"""Translators in the Wagtail admin, in a real browser (issue #12, point 3): showing only one language keeps every
group's fields of that language reachable, and every per-language input says its language and direction, in the
English and in the Arabic admin."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from pathways.models import Role
from resources.models import ResourceIndexPage, ResourcePage
from tests.browser.conftest import AXE_PATH, AXE_TAGS, format_violations

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password-4-browsers"


def log_in(page, base_url, language="en"):
    """Create a superuser whose admin is in ``language`` and log in through the admin's own form."""
    user = get_user_model().objects.create_superuser("translator", "translator@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill("translator")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


# Every input, text area and select of the edit form whose name ends in a language code.
LANGUAGE_INPUTS = """() => Array.from(document.querySelectorAll('form[data-edit-form] :is(input, textarea, select)'))
  .filter((el) => /_(en|es|fr|ar)$/.test(el.name))
  .map((el) => ({name: el.name, lang: el.getAttribute('lang'), dir: el.getAttribute('dir')}))"""


def axe_within(page, selector):
    """axe-core's WCAG checks on one part of an admin page (the rest is Wagtail's own)."""
    page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    result = page.evaluate(
        "([selector, tags]) => axe.run(document.querySelector(selector), {runOnly: {type: 'tag', values: tags}})",
        [selector, AXE_TAGS],
    )
    assert result["violations"] == [], format_violations(result["violations"])


def toggle(page, code):
    page.locator("button.locale-toggle", has_text=code.upper()).click()


def test_showing_only_arabic_keeps_the_guides_arabic_details_reachable(live_resources, page, console_errors):
    log_in(page, live_resources.url)
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
    log_in(page, live_resources.url, admin_language)
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
