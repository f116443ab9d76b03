"""Nothing lost (issue #12, point 7): an import of a PO file for one language changes that language only — for
every kind of content, every other language's columns, English, provenance and fingerprint records, the other
languages' exports and what their readers see stay as they were."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Revision

from hub.models import HomePage
from pathways.models import Role
from resources.models import ResourcePage
from tests.hub.po_files import (
    export,
    page_url,
    public,
    rows,
    run_import,
    without_language,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shipped(shipped_site):
    """Every test here reads the shipped content, translated in every language."""


KINDS = {
    "framework.EngagementLevel",
    "framework.Skill",
    "framework.Behavior",
    "framework.Activity",
    "framework.Source",
    "framework.FrameworkInfo",
    "pathways.Role",
    "pathways.PathwayStep",
    "hub.HomePage",
    "resources.ResourceIndexPage",
    "resources.ResourcePage",
    "resources.ResourceTag",
}


def main_text(client, url):
    soup = BeautifulSoup(public(client, url), "html.parser")
    return " ".join(soup.select_one("main").get_text(" ").split())


def test_an_import_of_one_language_leaves_every_other_language_of_every_kind_as_it_was(client, tmp_path):
    path = export(tmp_path, "fr")
    po = polib.pofile(str(path), wrapwidth=0)
    changed = {}
    for entry in po:
        kind = entry.msgctxt.split(":")[0]
        if kind in changed or "fuzzy" in entry.flags:
            continue
        entry.msgstr = f"{entry.msgstr or entry.msgid} (v2)"
        changed[kind] = entry
    po.save(str(path))
    assert set(changed) == KINDS
    page = ResourcePage.objects.get(slug=changed["resources.ResourcePage"].msgctxt.split(":")[1])
    role = Role.objects.get(slug=changed["pathways.Role"].msgctxt.split(":")[1])
    home = HomePage.objects.get()
    readers = [page_url(obj, code) for obj in (page, home) for code in ("en", "es", "ar")]
    with translation.override("ar"):
        readers.append(role.get_absolute_url())
    seen = {url: main_text(client, url) for url in readers}
    others = {code: export(tmp_path, code).read_text(encoding="utf-8") for code in ("es", "ar")}
    before = without_language(rows(), "fr")
    pages_before = {pk: Revision.objects.filter(object_id=str(pk)).count() for pk in (page.pk, home.pk)}

    assert f"fr: {len(KINDS)} changed" in run_import(path)

    # English, Spanish and Arabic: every column, provenance and fingerprint record of every row, every export and
    # what readers see, as they were.
    assert without_language(rows(), "fr") == before
    for code, text in others.items():
        assert export(tmp_path, code, name=f"{code}-after.po").read_text(encoding="utf-8") == text
    for url, text in seen.items():
        assert main_text(client, url) == text, url
    # The French is written, through a new revision for the pages, and French readers see it.
    french = {item.msgctxt: item.msgstr for item in polib.pofile(str(export(tmp_path, "fr", name="fr-after.po")))}
    assert all(french[entry.msgctxt] == entry.msgstr for entry in changed.values())
    assert all(Revision.objects.filter(object_id=str(pk)).count() > count for pk, count in pages_before.items())
    assert "(v2)" in main_text(client, page_url(page, "fr"))
