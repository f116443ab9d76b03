"""The PO exchange for community translators (issue #12, point 5): a language's content strings exported as a PO
file, translated offline and imported back, checked whole first, one language at a time."""

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Revision

from framework.models import Skill
from hub.models import HomePage
from pathways.models import PathwayStep, Role
from resources.models import ResourceTag
from tests.hub.po_files import (
    export,
    line_of,
    page_url,
    public,
    refused,
    resource,
    rows,
    run_import,
    set_msgstr,
    without_language,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shipped(shipped_site):
    """Every test here reads the shipped content, translated in every language."""


def test_export_names_each_field_and_gives_the_translator_context(tmp_path):
    page = resource()
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "ar"
    entries = {entry.msgctxt: entry for entry in po}
    summary = entries[f"resources.ResourcePage:{page.slug}:summary"]
    assert summary.msgid == page.summary_en
    assert summary.msgstr == page.summary_ar
    assert "fuzzy" not in summary.flags
    assert f"Shown at http://testserver{page_url(page, 'ar')}" in summary.comment
    audience = entries[f"resources.ResourcePage:{page.slug}:audience"]
    assert "At most 255 characters." in audience.comment
    assert f"“{page.title_en}”" in audience.comment
    # The body is a StreamField: not offered as one string.
    assert not any(ctx.endswith(":body") for ctx in entries)
    # One object only: nothing of another page.
    assert all(ctx.startswith(f"resources.ResourcePage:{page.slug}:") for ctx in entries)


def test_whole_site_export_covers_every_kind_of_content(tmp_path):
    po = polib.pofile(str(export(tmp_path, "fr")))
    models = {entry.msgctxt.split(":")[0] for entry in po}
    assert models == {
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


def test_round_trip_shows_the_new_translations_on_the_public_pages(client, tmp_path):
    page = resource()
    role = Role.objects.order_by("position").first()
    step = PathwayStep.objects.filter(role=role).order_by("sort_order").first()
    home = HomePage.objects.get()
    with translation.override("ar"):
        role_url = role.get_absolute_url()
        about_url = reverse("framework:about")
    # Fill the page cache first: the import must make the pages show the new text at once.
    for url in (page_url(page, "ar"), role_url, about_url, page_url(home, "ar")):
        public(client, url)
    path = export(tmp_path, "ar")
    new = {
        f"resources.ResourcePage:{page.slug}:summary": "ملخص جديد كتبه متطوعون للدليل.",
        f"resources.ResourcePage:{page.slug}:title": "عنوان جديد للدليل",
        f"pathways.Role:{role.slug}:summary": "وصف قصير جديد للدور.",
        f"pathways.PathwayStep:{role.slug}/{step.key}:title": "خطوة أولى بعنوان جديد",
        f"hub.HomePage:{home.slug}:lead": "جملة افتتاحية جديدة للموقع.",
        "framework.FrameworkInfo:movement_supports:items.0": "نص جديد في صفحة حول الإطار.",
    }
    for ctx, text in new.items():
        set_msgstr(path, ctx, text)
    edited = path.read_text(encoding="utf-8")

    report = run_import(path)

    assert f"ar: {len(new)} changed" in report
    assert "ملخص جديد كتبه متطوعون للدليل." in public(client, page_url(page, "ar"))
    assert "عنوان جديد للدليل" in public(client, page_url(page, "ar"))
    role_page = public(client, role_url)
    assert "وصف قصير جديد للدور." in role_page
    assert "خطوة أولى بعنوان جديد" in role_page
    assert "جملة افتتاحية جديدة للموقع." in public(client, page_url(home, "ar"))
    assert "نص جديد في صفحة حول الإطار." in public(client, about_url)
    # Exported again, the file is the one the translator gave back.
    assert export(tmp_path, "ar", name="again.po").read_text(encoding="utf-8") == edited


def test_imported_translations_are_community_work_awaiting_review(client, tmp_path):
    page = resource()
    role = Role.objects.order_by("position").first()
    path = export(tmp_path, "ar")
    set_msgstr(path, f"resources.ResourcePage:{page.slug}:summary", "ملخص جديد.")
    set_msgstr(path, f"pathways.Role:{role.slug}:name", "اسم جديد للدور")
    run_import(path)
    page.refresh_from_db()
    role.refresh_from_db()
    assert page.translation_origin["ar"]["summary"] == {"origin": "community", "reviewed": False}
    assert role.translation_origin["ar"]["name"] == {"origin": "community", "reviewed": False}
    # The fields not in the file keep their provenance.
    assert role.translation_origin["ar"].get("summary", {}).get("origin") != "community"


def test_page_import_makes_a_published_revision_that_keeps_every_language(tmp_path):
    page = resource()
    french_summary = page.summary_fr
    revisions = Revision.objects.count()
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    set_msgstr(path, f"resources.ResourcePage:{page.slug}:summary", "ملخص في مراجعة جديدة.")
    report = run_import(path)
    assert "pages: 1 published, 0 saved as draft only" in report
    page.refresh_from_db()
    assert Revision.objects.count() == revisions + 1
    assert page.live_revision_id == page.latest_revision_id
    content = page.latest_revision.content
    assert content["summary_ar"] == "ملخص في مراجعة جديدة."
    assert content["summary_fr"] == french_summary
    assert content["summary_en"] == page.summary_en
    assert page.summary_ar == "ملخص في مراجعة جديدة."


def test_page_with_a_pending_draft_gets_the_translation_in_the_draft_only(tmp_path):
    page = resource()
    live_summary = page.summary_ar
    draft = page.get_latest_revision_as_object()
    draft.maintainer = "An editor's draft"
    draft.save_revision()
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    set_msgstr(path, f"resources.ResourcePage:{page.slug}:summary", "ملخص في المسودة.")
    assert "0 published, 1 saved as draft only" in run_import(path)
    page.refresh_from_db()
    assert page.summary_ar == live_summary
    latest = page.get_latest_revision_as_object()
    assert latest.summary_ar == "ملخص في المسودة."
    assert latest.maintainer == "An editor's draft"


BAD = {
    "syntax error": lambda text, ctx: text.replace(f'msgctxt "{ctx}"', f'msgctxt "{ctx}"\nmsgid_broken "x"', 1),
    "unknown msgctxt": lambda text, ctx: text.replace(
        f'msgctxt "{ctx}"', 'msgctxt "resources.ResourcePage:no-such-guide:summary"', 1
    ),
    "field that is not translated": lambda text, ctx: text.replace(
        f'msgctxt "{ctx}"', f'msgctxt "{ctx.rsplit(":", 1)[0]}:curator_notes"', 1
    ),
    "stale msgid": lambda text, ctx: text.replace(
        f'msgctxt "{ctx}"\nmsgid "', f'msgctxt "{ctx}"\nmsgid "An older English text. ', 1
    ),
}
EXPECTED = {
    "syntax error": "Syntax error",
    "unknown msgctxt": "no resources.ResourcePage with the key 'no-such-guide'",
    "field that is not translated": "'curator_notes' is not a translatable field of resources.ResourcePage",
    "stale msgid": "the English has changed since this file was exported",
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_file_is_refused_with_its_location_and_nothing_changes(tmp_path, case):
    page = resource()
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    # A good change in the same file: it must not be written either.
    set_msgstr(path, f"resources.ResourcePage:{page.slug}:title", "عنوان لن يُكتب")
    ctx = f"resources.ResourcePage:{page.slug}:audience"
    line = line_of(path, ctx)
    path.write_text(BAD[case](path.read_text(encoding="utf-8"), ctx), encoding="utf-8")
    before = rows()

    message = refused(path)

    assert EXPECTED[case] in message
    assert f"line {line + 1}" in message if case == "syntax error" else f"line {line}" in message
    if case in ("stale msgid",):
        assert ctx in message
    assert "nothing imported" in message
    assert rows() == before


def test_wrong_language_header_is_refused_and_nothing_changes(tmp_path):
    page = resource()
    path = export(tmp_path, "fr", "--object", f"resources.ResourcePage:{page.slug}")
    set_msgstr(path, f"resources.ResourcePage:{page.slug}:title", "Un titre qui ne sera pas écrit")
    before = rows()
    assert "the file is for language 'fr', not 'ar'" in refused(path, "--language", "ar")
    path.write_text(path.read_text(encoding="utf-8").replace('"Language: fr\\n"\n', ""), encoding="utf-8")
    assert "the file has no Language header" in refused(path)
    assert rows() == before


def test_translation_longer_than_the_field_is_refused(tmp_path):
    page = resource()
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    ctx = f"resources.ResourcePage:{page.slug}:audience"
    set_msgstr(path, ctx, "ن" * 256)
    before = rows()
    message = refused(path)
    assert f"line {line_of(path, ctx)}, {ctx}: the translation has 256 characters, at most 255" in message
    assert rows() == before


def test_rich_text_translation_must_keep_the_english_tags(tmp_path):
    home = HomePage.objects.get()
    path = export(tmp_path, "ar", "--object", f"hub.HomePage:{home.slug}")
    ctx = f"hub.HomePage:{home.slug}:intro"
    english = next(entry for entry in polib.pofile(str(path)) if entry.msgctxt == ctx).msgid
    assert "<p>" in english
    set_msgstr(path, ctx, english.replace("</p>", "<script>alert(1)</script></p>", 1))
    before = rows()
    message = refused(path)
    assert f"line {line_of(path, ctx)}, {ctx}: the translation's HTML tags are not the English's" in message
    assert rows() == before


def test_dry_run_reports_the_changes_and_writes_nothing(tmp_path):
    page = resource()
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    ctx = f"resources.ResourcePage:{page.slug}:summary"
    set_msgstr(path, ctx, "ملخص للتجربة فقط.")
    before = rows()
    report = run_import(path, "--dry-run")
    assert f"would change: line {line_of(path, ctx)}, {ctx}:" in report
    assert "ملخص للتجربة فقط." in report
    assert "Dry run: nothing was written." in report
    assert rows() == before


def test_fuzzy_entries_are_not_imported(tmp_path):
    page = resource()
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    ctx = f"resources.ResourcePage:{page.slug}:summary"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgctxt == ctx)
    entry.msgstr = "ترجمة لم يتأكد منها أحد."
    entry.flags.append("fuzzy")
    po.save(str(path))
    before = rows()
    assert f"skipped (still marked fuzzy): {ctx}" in run_import(path)
    assert rows() == before


# What a page's new revision and publication change whatever the language: not the import's doing.


def test_import_for_french_never_touches_arabic(tmp_path):
    page = resource()
    role = Role.objects.order_by("position").first()
    arabic = export(tmp_path, "ar").read_text(encoding="utf-8")
    spanish = export(tmp_path, "es").read_text(encoding="utf-8")
    path = export(tmp_path, "fr")
    set_msgstr(path, f"resources.ResourcePage:{page.slug}:summary", "Un résumé écrit par des bénévoles.")
    set_msgstr(path, f"pathways.Role:{role.slug}:name", "Un nouveau nom de rôle")
    about = next(entry for entry in polib.pofile(str(path)) if entry.msgctxt.startswith("framework.FrameworkInfo:"))
    set_msgstr(path, about.msgctxt, "Un texte nouveau pour la page À propos.")
    before = without_language(rows(), "fr")

    assert "fr: 3 changed" in run_import(path)

    assert without_language(rows(), "fr") == before
    assert export(tmp_path, "ar", name="ar-after.po").read_text(encoding="utf-8") == arabic
    assert export(tmp_path, "es", name="es-after.po").read_text(encoding="utf-8") == spanish
    page.refresh_from_db()
    assert page.summary_fr == "Un résumé écrit par des bénévoles."


def test_export_refuses_english_and_unknown_objects(tmp_path):
    with pytest.raises(CommandError, match="'en' is not a language to translate into"):
        export(tmp_path, "en")
    with pytest.raises(CommandError, match="names nothing that is translated"):
        export(tmp_path, "ar", "--object", "resources.ResourcePage:no-such-guide")


def test_admin_download_for_a_signed_in_editor(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = reverse("hub_po_export")

    form = client.get(url)
    assert form.status_code == 200
    assert "Download PO file" in form.content.decode()
    # Reachable from the admin menu (Reports).
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()

    page = resource()
    response = client.get(url, {"language": "ar", "only": f"resources.ResourcePage:{page.slug}"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="hub-ar-resources.ResourcePage-{page.slug}.po"'
    po = polib.pofile(response.content.decode())
    assert po.metadata["Language"] == "ar"
    assert {entry.msgctxt for entry in po} >= {f"resources.ResourcePage:{page.slug}:summary"}

    whole = client.get(url, {"language": "es"})
    assert whole.status_code == 200
    assert "pathways.Role:" in whole.content.decode()

    unknown = client.get(url, {"language": "ar", "only": "pathways.Role:nobody"})
    assert unknown.status_code == 400
    assert "Nothing translated has this name" in unknown.content.decode()


def test_admin_download_refused_for_anonymous_visitors(client):
    response = client.get(reverse("hub_po_export"), {"language": "ar"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert b"msgctxt" not in response.content


def test_a_translation_whose_english_changed_is_exported_fuzzy_and_a_new_text_makes_it_current(tmp_path):
    skill = Skill.objects.order_by("pk").first()
    ctx = f"framework.Skill:{skill.slug}:name"

    def entry(language):
        po = polib.pofile(str(export(tmp_path, language, "--object", f"framework.Skill:{skill.slug}")), wrapwidth=0)
        return next(item for item in po if item.msgctxt == ctx)

    assert "fuzzy" not in entry("fr").flags
    skill.name_en = f"{skill.name_en} (revised)"
    skill.save()
    outdated = entry("fr")
    assert "fuzzy" in outdated.flags and outdated.msgid == skill.name_en
    assert "fuzzy" in entry("ar").flags

    path = export(tmp_path, "fr", "--object", f"framework.Skill:{skill.slug}", name="fr-new.po")
    set_msgstr(path, ctx, f"{skill.name_fr} (révisé)")
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        if item.msgctxt == ctx and "fuzzy" in item.flags:
            item.flags.remove("fuzzy")
    po.save(str(path))
    run_import(path)
    assert "fuzzy" not in entry("fr").flags
    assert "fuzzy" in entry("ar").flags


def test_a_tag_label_comes_back_from_a_po_file(client, tmp_path):
    tag = ResourceTag.objects.filter(tagged_resources__isnull=False).order_by("slug").first()
    ctx = f"resources.ResourceTag:{tag.slug}:label"
    path = export(tmp_path, "fr")
    set_msgstr(path, ctx, "étiquette revue")
    run_import(path)
    tag.refresh_from_db()
    assert tag.label_fr == "étiquette revue"
    assert tag.translation_origin["fr"]["label"]["origin"] == "community"
