"""Bringing a translated PO file back through the admin (issue #12, point 5, "in the admin alone"): an upload that
shows what would change and writes nothing, then a confirmation that writes it as ``import_po`` does."""

import re
from datetime import timedelta

import polib
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from hub.po_upload import MAX_BYTES
from pathways.models import Role
from resources.models import ResourcePage
from tests.hub.test_po_exchange import page_url, public, resource, rows

pytestmark = pytest.mark.django_db

UPLOAD = reverse("hub_po_import")
CONFIRM = reverse("hub_po_import_confirm")


@pytest.fixture(autouse=True)
def _shipped(shipped_site):
    """Every test here reads the shipped content, translated in every language."""


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="pw")  # noqa: S106
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    """Wagtail's Editors: may edit every page, not publish."""
    return member(django_user_model, "editor", "Editors")


@pytest.fixture
def moderator(django_user_model):
    """Wagtail's Moderators: may edit and publish every page."""
    return member(django_user_model, "moderator", "Moderators")


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


def download(client, language, only=None):
    """The PO file as the admin's download gives it."""
    query = {"language": language, **({"only": only} if only else {})}
    response = client.get(reverse("hub_po_export"), query)
    assert response.status_code == 200
    return response.content.decode()


def with_msgstr(text, ctx, msgstr):
    po = polib.pofile(text, wrapwidth=0)
    next(entry for entry in po if entry.msgctxt == ctx).msgstr = msgstr
    return str(po)


def upload(client, content, language="ar", name="hub-ar.po"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(UPLOAD, {"language": language, "file": SimpleUploadedFile(name, data)})


def text_of(response):
    """The page's main content as a person reads it (tags dropped, spaces collapsed)."""
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main") or soup
    return " ".join(main.get_text(" ").split())


def token_of(response):
    field = BeautifulSoup(response.content, "html.parser").find("input", {"name": "token"})
    return field["value"] if field else None


def confirm_button(response):
    form = BeautifulSoup(response.content, "html.parser").find("form", {"action": CONFIRM})
    return " ".join(form.find("button").get_text().split()) if form else None


def guide_file(client, page, ctx_field="summary", msgstr="ملخص جديد كتبه متطوعون."):
    text = download(client, "ar", f"resources.ResourcePage:{page.slug}")
    return with_msgstr(text, f"resources.ResourcePage:{page.slug}:{ctx_field}", msgstr)


def test_round_trip_through_the_admin(admin_client):
    page = resource()
    ctx = f"resources.ResourcePage:{page.slug}:summary"
    old = page.summary_ar
    # The link from the download's page to the import.
    assert UPLOAD in download_page(admin_client)
    edited = with_msgstr(download(admin_client, "ar"), ctx, "ملخص جديد كتبه متطوعون للدليل.")
    before = rows()

    report = upload(admin_client, edited)

    assert report.status_code == 200
    shown = text_of(report)
    assert "Nothing has been written yet." in shown
    assert f"{page.title_en}" in shown and f"resources.ResourcePage:{page.slug}" in shown
    assert f"summary {line_of(edited, ctx)} {old} ملخص جديد كتبه متطوعون للدليل." in shown
    assert "Translations to write 1" in shown
    assert confirm_button(report) == "Import this change"
    assert rows() == before
    assert "ملخص جديد كتبه متطوعون للدليل." not in public(admin_client, page_url(page, "ar"))

    done = admin_client.post(CONFIRM, {"token": token_of(report)}, follow=True)

    assert "1 translation written (pages published: 1, saved as drafts: 0)" in text_of(done)
    assert "ملخص جديد كتبه متطوعون للدليل." in public(admin_client, page_url(page, "ar"))
    page.refresh_from_db()
    assert page.translation_origin["ar"]["summary"] == {"origin": "community", "reviewed": False}
    again = polib.pofile(download(admin_client, "ar"), wrapwidth=0)
    assert next(entry for entry in again if entry.msgctxt == ctx).msgstr == "ملخص جديد كتبه متطوعون للدليل."
    assert str(again) == edited
    # The token was used up: confirming again writes nothing more.
    revisions = Revision.objects.count()
    repeat = admin_client.post(CONFIRM, {"token": token_of(report)}, follow=True)
    assert "This import is no longer waiting" in text_of(repeat)
    assert Revision.objects.count() == revisions


def download_page(client):
    return client.get(reverse("hub_po_export")).content.decode()


def line_of(text, ctx):
    return next(number for number, line in enumerate(text.splitlines(), 1) if line == f'msgctxt "{ctx}"')


def test_report_counts_unchanged_fuzzy_and_empty_entries_and_offers_the_count_of_changes(admin_client):
    page = resource()
    text = guide_file(admin_client, page)
    text = with_msgstr(text, f"resources.ResourcePage:{page.slug}:title", "عنوان جديد")
    po = polib.pofile(text, wrapwidth=0)
    audience = next(entry for entry in po if entry.msgctxt == f"resources.ResourcePage:{page.slug}:audience")
    audience.msgstr = "ترجمة لم يتأكد منها أحد"
    audience.flags.append("fuzzy")
    estimated = next(entry for entry in po if entry.msgctxt == f"resources.ResourcePage:{page.slug}:estimated_time")
    estimated.msgstr = ""
    untouched = len(po) - 4
    shown = text_of(report := upload(admin_client, str(po)))
    assert "Translations to write 2" in shown
    assert f"Unchanged {untouched}" in shown
    assert "Still marked fuzzy, left alone 1" in shown
    assert "Empty, left alone 1" in shown
    assert f"resources.ResourcePage:{page.slug}:audience" in shown
    assert confirm_button(report) == "Import these 2 changes"


def test_a_file_that_changes_nothing_offers_no_confirmation(admin_client):
    page = resource()
    report = upload(admin_client, download(admin_client, "ar", f"resources.ResourcePage:{page.slug}"))
    assert "The file changes nothing: there is nothing to import." in text_of(report)
    assert confirm_button(report) is None


def _replace(old, new):
    return lambda text, ctx: text.replace(old(ctx), new(ctx), 1)


BAD = {
    "syntax error": (
        _replace(lambda ctx: f'msgctxt "{ctx}"', lambda ctx: f'msgctxt "{ctx}"\nmsgid_broken "x"'),
        "The file cannot be read as a PO file: Syntax error",
    ),
    "unknown msgctxt": (
        _replace(lambda ctx: f'msgctxt "{ctx}"', lambda ctx: 'msgctxt "resources.ResourcePage:no-such-guide:summary"'),
        "no resources.ResourcePage with the key 'no-such-guide'",
    ),
    "stale msgid": (
        _replace(lambda ctx: f'msgctxt "{ctx}"\nmsgid "', lambda ctx: f'msgctxt "{ctx}"\nmsgid "Older English. '),
        "the English has changed since this file was exported",
    ),
    "wrong Language header": (
        lambda text, ctx: text.replace('"Language: ar\\n"', '"Language: fr\\n"', 1),
        "the file is for language 'fr', not 'ar'",
    ),
    "no Language header": (
        lambda text, ctx: text.replace('"Language: ar\\n"\n', "", 1),
        "the file has no Language header",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_file_is_refused_on_the_form_and_nothing_changes(admin_client, case):
    page = resource()
    ctx = f"resources.ResourcePage:{page.slug}:audience"
    # A good change in the same file: it must not be written either.
    text = guide_file(admin_client, page, "title", "عنوان لن يُكتب")
    line = line_of(text, ctx)
    change, expected = BAD[case]
    bad = change(text, ctx)
    assert bad != text
    before = rows()

    response = upload(admin_client, bad)

    assert response.status_code == 400
    shown = text_of(response)
    assert expected in shown
    if case in ("unknown msgctxt", "stale msgid"):
        assert "The file is refused: 1 problem, listed below. Nothing was imported." in shown
        advice = "Fix these in the file (or download it again), then upload it again. Nothing was written."
        assert f"Refused entries {advice} Line msgctxt Problem {line}" in shown
    if case == "stale msgid":
        assert ctx in shown
    assert token_of(response) is None
    assert rows() == before


@pytest.mark.parametrize(
    ("case", "content", "expected"),
    [
        (
            "not UTF-8",
            'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgctxt "a:b:c"\nmsgid "x"\nmsgstr "é"\n'.encode("cp1252"),
            "The file is not in UTF-8.",
        ),
        ("too large", b"#" * (MAX_BYTES + 1), "The file is larger than 5 MB"),
        ("empty", b"", "The submitted file is empty."),
        (
            "NUL character",
            b'msgid ""\nmsgstr "Language: ar\\n"\n\nmsgctxt "a:b:c"\nmsgid "x"\nmsgstr "a\x00b"\n',
            "NUL",
        ),
    ],
)
def test_unreadable_upload_is_refused_on_the_form(admin_client, case, content, expected):
    before = rows()
    response = upload(admin_client, content)
    assert response.status_code == 400
    assert expected in text_of(response)
    assert token_of(response) is None
    assert rows() == before


NAME = "<img src=x onerror=alert(1)>"


def test_markup_in_the_file_and_its_name_is_shown_as_text(admin_client):
    page = resource()
    markup = '<script>alert("po")</script>'
    report = upload(admin_client, guide_file(admin_client, page, msgstr=markup), name=f"{NAME}.po")
    html = report.content.decode()
    assert markup not in html and NAME not in html
    assert markup in text_of(report)
    done = admin_client.post(CONFIRM, {"token": token_of(report)}, follow=True)
    assert NAME not in done.content.decode()
    assert f"{NAME}.po: 1 translation written" in text_of(done)


def test_no_file_at_all_is_refused(admin_client):
    response = admin_client.post(UPLOAD, {"language": "ar"})
    assert response.status_code == 400
    assert "This field is required." in text_of(response)


def test_a_file_for_another_language_than_the_one_chosen_is_refused(admin_client):
    page = resource()
    french = with_msgstr(
        download(admin_client, "fr", f"resources.ResourcePage:{page.slug}"),
        f"resources.ResourcePage:{page.slug}:title",
        "Un titre qui ne sera pas écrit",
    )
    before = rows()
    response = upload(admin_client, french, language="ar", name="hub-fr.po")
    assert response.status_code == 400
    assert "the file is for language 'fr', not 'ar'" in text_of(response)
    assert token_of(response) is None
    assert rows() == before


def _pending(admin_client):
    page = resource()
    report = upload(admin_client, guide_file(admin_client, page))
    assert report.status_code == 200
    return page, token_of(report)


def test_confirm_with_a_tampered_token_is_refused(admin_client):
    page, token = _pending(admin_client)
    before = rows()
    for forged in (token[:-1] + ("A" if token[-1] != "A" else "B"), "", "../../etc", "x" * 43):
        response = admin_client.post(CONFIRM, {"token": forged}, follow=True)
        assert "This import is no longer waiting" in text_of(response)
    assert rows() == before


def test_confirm_after_an_hour_is_refused(admin_client):
    page, token = _pending(admin_client)
    before = rows()
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        response = admin_client.post(CONFIRM, {"token": token}, follow=True)
    assert "This import is no longer waiting (it expired after an hour" in text_of(response)
    assert rows() == before


def test_another_users_token_is_refused(admin_client, client, django_user_model):
    page, token = _pending(admin_client)
    other = django_user_model.objects.create_superuser("other", password="pw")  # noqa: S106
    client.force_login(other)
    before = rows()
    response = client.post(CONFIRM, {"token": token}, follow=True)
    assert "This import is no longer waiting" in text_of(response)
    assert rows() == before


def test_get_of_the_confirmation_writes_nothing(admin_client):
    page, token = _pending(admin_client)
    before = rows()
    response = admin_client.get(CONFIRM, {"token": token})
    assert response.status_code == 405
    assert rows() == before


def test_content_changed_since_the_check_is_refused_and_the_new_report_shown(admin_client):
    page, token = _pending(admin_client)
    # An editor changes the same Arabic summary in the meantime.
    ResourcePage.objects.filter(pk=page.pk).update(summary_ar="ملخص كتبه محرر في الأثناء.")
    before = rows()
    response = admin_client.post(CONFIRM, {"token": token})
    assert response.status_code == 409
    shown = text_of(response)
    assert "The content changed since the file was checked: nothing was imported." in shown
    assert "ملخص كتبه محرر في الأثناء." in shown
    assert rows() == before
    # The new report can be confirmed.
    assert token_of(response) not in (None, token)
    done = admin_client.post(CONFIRM, {"token": token_of(response)}, follow=True)
    assert "1 translation written" in text_of(done)


def test_english_changed_since_the_check_refuses_the_confirmation_with_the_entry(admin_client):
    page, token = _pending(admin_client)
    ResourcePage.objects.filter(pk=page.pk).update(summary_en="The English, rewritten meanwhile.")
    before = rows()
    response = admin_client.post(CONFIRM, {"token": token})
    assert response.status_code == 409
    shown = text_of(response)
    assert "The content changed since the file was checked: nothing was imported." in shown
    assert f"resources.ResourcePage:{page.slug}:summary the English has changed since this file was exported" in shown
    assert token_of(response) is None
    assert rows() == before


@pytest.fixture
def access_only(django_user_model):
    """A user who reaches the admin (and may download) but may not edit the site's pages."""
    user = django_user_model.objects.create_user("reader", password="pw")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


@pytest.mark.parametrize("who", ["access only", "Curators"])
def test_import_needs_permission_to_edit_the_pages(admin_client, client, access_only, who):
    page, token = _pending(admin_client)
    if who == "Curators":
        access_only.groups.add(Group.objects.get(name="Curators"))
    client.force_login(access_only)
    before = rows()
    assert client.get(reverse("hub_po_export")).status_code == 200
    assert UPLOAD not in download_page(client)
    for response in (
        client.get(UPLOAD),
        upload(client, guide_file(client, page)),
        client.post(CONFIRM, {"token": token}),
    ):
        assert response.status_code == 403
        assert "it needs permission to edit the home page" in text_of(response)
    assert rows() == before


def test_an_editor_who_may_not_publish_gets_the_translation_in_a_draft(client, editor):
    client.force_login(editor)
    page = resource()
    live = page.summary_ar
    report = upload(client, guide_file(client, page, msgstr="ملخص في مسودة المحرر."))
    done = client.post(CONFIRM, {"token": token_of(report)}, follow=True)
    assert "1 translation written (pages published: 0, saved as drafts: 1)" in text_of(done)
    assert "ملخص في مسودة المحرر." not in public(client, page_url(page, "ar"))
    page.refresh_from_db()
    assert page.summary_ar == live
    assert page.get_latest_revision_as_object().summary_ar == "ملخص في مسودة المحرر."


def test_a_change_to_an_object_the_user_may_not_edit_is_refused(admin_client, client, django_user_model):
    role = Role.objects.order_by("position").first()
    ctx = f"pathways.Role:{role.slug}:name"
    text = with_msgstr(download(admin_client, "ar", f"pathways.Role:{role.slug}"), ctx, "اسم جديد للدور")
    before = rows()
    # Moderators edit pages, not the roles (snippets).
    response = upload(admin_client, text)
    assert response.status_code == 400
    assert f"{line_of(text, ctx)} {ctx} you may not edit this object in the admin" in text_of(response)
    assert rows() == before
    # A superuser may.
    client.force_login(django_user_model.objects.create_superuser("root", password="pw"))  # noqa: S106
    done = client.post(CONFIRM, {"token": token_of(upload(client, text))}, follow=True)
    assert "1 translation written (pages published: 0, saved as drafts: 0)" in text_of(done)
    role.refresh_from_db()
    assert role.name_ar == "اسم جديد للدور"


def test_forms_are_csrf_protected(editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    page = resource()
    response = upload(strict, guide_file(strict, page))
    assert response.status_code == 403
    assert strict.post(CONFIRM, {"token": "x" * 43}).status_code == 403


def test_the_upload_page_is_translated(admin_client, moderator):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "ar"
    profile.save()
    shown = text_of(admin_client.get(UPLOAD))
    assert "استيراد ملف PO مترجم" in shown
    assert re.search(r"التحقق من الملف", shown)


def test_a_translator_brings_back_a_file_for_a_guide_and_a_role(client, django_user_model):
    """The Translators group (data migration, issue #12 point 4) is who this screen is for: a member imports a
    guide's and a role's Arabic; the guide's goes into a draft for an editor to publish, the role's is written."""
    translator = member(django_user_model, "translator", "Translators")
    client.force_login(translator)
    page = resource()
    role = Role.objects.order_by("position").first()
    live = page.summary_ar
    guide = guide_file(client, page, msgstr="ملخص راجعه مترجم متطوع.")
    ctx = f"pathways.Role:{role.slug}:name"
    role_text = with_msgstr(download(client, "ar", f"pathways.Role:{role.slug}"), ctx, "اسم الدور كما ترجمه متطوع")

    for text, written in ((guide, "pages published: 0, saved as drafts: 1"), (role_text, "saved as drafts: 0")):
        report = upload(client, text)
        assert report.status_code == 200, text_of(report)
        done = client.post(CONFIRM, {"token": token_of(report)}, follow=True)
        assert "1 translation written" in text_of(done) and written in text_of(done)

    page.refresh_from_db()
    assert page.summary_ar == live
    assert page.get_latest_revision_as_object().summary_ar == "ملخص راجعه مترجم متطوع."
    role.refresh_from_db()
    assert role.name_ar == "اسم الدور كما ترجمه متطوع"
