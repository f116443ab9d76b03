"""PO exchange: an outdated translation (exported fuzzy) that a translator checks and sends back unchanged without
its fuzzy mark is confirmed, and is current again on the page, in the status report and in the next export."""

import polib
import pytest
from bs4 import BeautifulSoup

from core.translations import is_outdated
from framework.models import Skill
from resources.models import ResourcePage
from tests.hub.po_files import (
    export,
    line_of,
    page_url,
    public,
    resource,
    run_import,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shipped(shipped_site):
    """Every test here reads the shipped content, translated in every language."""


def unfuzzy(path, ctx):
    """The translator's check: the fuzzy mark of ``ctx`` removed, its text left as it is."""
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(item for item in po if item.msgctxt == ctx)
    entry.flags.remove("fuzzy")
    po.save(str(path))
    return entry


def outdated_marks(client, url):
    """The texts the public page at ``url`` marks as possibly out of date."""
    soup = BeautifulSoup(public(client, url), "html.parser")
    return [element.get_text(" ", strip=True) for element in soup.select(".hub-outdated")]


def test_an_outdated_translation_checked_and_kept_by_the_translator_becomes_current(client, tmp_path):
    page = resource()
    ctx = f"resources.ResourcePage:{page.slug}:summary"
    arabic = page.summary_ar
    # The English changes (published through a revision, as an editor does): the translations are outdated.
    draft = page.get_latest_revision_as_object()
    draft.summary_en = f"{page.summary_en} Now with a checklist."
    draft.save_revision().publish()
    page = ResourcePage.objects.get(pk=page.pk)
    assert is_outdated(page, "summary", "ar") and is_outdated(page, "summary", "fr")
    assert outdated_marks(client, page_url(page, "ar")) == [arabic]

    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    entry = unfuzzy(path, ctx)
    assert entry.msgstr == arabic and entry.msgid == page.summary_en

    dry = run_import(path, "--dry-run")
    assert f"would confirm (outdated, checked and kept): line {line_of(path, ctx)}, {ctx}" in dry
    assert "ar: 0 would change, 1 confirmed," in dry
    assert is_outdated(ResourcePage.objects.get(pk=page.pk), "summary", "ar")

    report = run_import(path)
    assert f"confirmed (outdated, checked and kept): line {line_of(path, ctx)}, {ctx}" in report
    assert "ar: 0 changed, 1 confirmed," in report
    assert "pages: 1 published" in report

    page = ResourcePage.objects.get(pk=page.pk)
    assert page.summary_ar == arabic
    assert not is_outdated(page, "summary", "ar")
    # Only the Arabic was confirmed: the French is still outdated.
    assert is_outdated(page, "summary", "fr")
    assert outdated_marks(client, page_url(page, "ar")) == []
    assert arabic in public(client, page_url(page, "ar"))
    assert outdated_marks(client, page_url(page, "fr")) == [page.summary_fr]
    again = polib.pofile(str(export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}", name="2.po")))
    assert "fuzzy" not in next(item for item in again if item.msgctxt == ctx).flags
    # Who made it is unchanged: a confirmation is not a new translation.
    assert page.translation_origin.get("ar", {}).get("summary", {}).get("origin") != "community"


def test_a_confirmed_snippet_translation_is_current_in_the_status_report(tmp_path):
    skill = Skill.objects.order_by("pk").first()
    ctx = f"framework.Skill:{skill.slug}:name"
    skill.name_en = f"{skill.name_en} (revised)"
    skill.save()
    path = export(tmp_path, "fr", "--object", f"framework.Skill:{skill.slug}")
    unfuzzy(path, ctx)
    assert "fr: 0 changed, 1 confirmed," in run_import(path)
    skill.refresh_from_db()
    assert not is_outdated(skill, "name", "fr")
    assert is_outdated(skill, "name", "ar")
    again = polib.pofile(str(export(tmp_path, "fr", "--object", f"framework.Skill:{skill.slug}", name="2.po")))
    assert "fuzzy" not in next(item for item in again if item.msgctxt == ctx).flags


def test_an_entry_still_marked_fuzzy_or_current_is_not_a_confirmation(tmp_path):
    skill = Skill.objects.order_by("pk").first()
    skill.name_en = f"{skill.name_en} (revised)"
    skill.save()
    path = export(tmp_path, "fr", "--object", f"framework.Skill:{skill.slug}")
    report = run_import(path)
    assert "fr: 0 would change, 0 confirmed, 1 unchanged, 0 left untranslated, 1 fuzzy skipped" in report
    skill.refresh_from_db()
    assert is_outdated(skill, "name", "fr")
