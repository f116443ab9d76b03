"""A translator brings a PO file back in the admin, in a real browser (issue #12, point 5): upload, read the dry
run's report, confirm, and see the translation on the public Arabic page."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from hub.po_exchange import export_catalogue
from resources.models import ResourcePage
from tests.browser.conftest import admin_log_in, axe_within

pytestmark = pytest.mark.browser

NEW_SUMMARY = "ملخص جديد كتبه متطوعون في ملف PO."


def test_upload_check_confirm_and_read_it_on_the_arabic_page(live_resources, page, tmp_path, console_errors):
    guide = ResourcePage.objects.get(slug="help-introduction")
    ctx = f"resources.ResourcePage:{guide.slug}:summary"
    po = export_catalogue("ar", f"resources.ResourcePage:{guide.slug}")
    next(entry for entry in po if entry.msgctxt == ctx).msgstr = NEW_SUMMARY
    path = tmp_path / "hub-ar-help-introduction.po"
    po.save(str(path))
    base = live_resources.url
    admin_log_in(page, base, "translator")
    page.goto(f"{base}/admin/translations/po/")
    page.get_by_role("link", name="import a translated PO file").click()
    page.get_by_label("Language").select_option("ar")
    page.get_by_label("PO file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()

    report = page.locator("section[aria-labelledby=po-report-heading]")
    expect(report.get_by_role("heading", level=2)).to_have_text(
        "What hub-ar-help-introduction.po would change in Arabic"
    )
    row = report.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").last).to_have_text(NEW_SUMMARY)
    axe_within(page, "#main")
    guide.refresh_from_db()
    assert guide.summary_ar != NEW_SUMMARY

    page.get_by_role("button", name="Import this change").click()
    expect(page.locator(".messages")).to_contain_text(
        "hub-ar-help-introduction.po: 1 translation written (pages published: 1, saved as drafts: 0)."
    )
    axe_within(page, "#main")
    with translation.override("ar"):
        url = guide.get_url()
    page.goto(base + url)
    expect(page.locator("main")).to_contain_text(NEW_SUMMARY)
    assert console_errors == []
