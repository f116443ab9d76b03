"""PO exchange of a guide's body: each text block (heading, paragraph, quote, step) is an entry named by its block
id; the import writes that language's body only, starting from a copy of the English structure, with the same
checks as any field (rich-text tags, stale English)."""

import polib
import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision

from resources.models import ResourcePage
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
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shipped(shipped_site):
    """Every test here reads the shipped content, translated in every language."""


ENGLISH_BODY = [
    {"type": "heading", "value": {"text": "Before you start", "level": "h2"}, "id": "b-heading"},
    {"type": "paragraph", "value": "<p>Read the <b>policies</b> first.</p>", "id": "b-paragraph"},
    {
        "type": "steps",
        "value": {
            "steps": [{"type": "item", "value": {"title": "Sign up", "text": "<p>Choose a name.</p>"}, "id": "s1"}]
        },
        "id": "b-steps",
    },
]


@pytest.fixture
def bodied_guide():
    """A live guide with an English body and no body in Arabic or French yet."""
    page = resource()
    page.body_en = ENGLISH_BODY
    page.body_ar = []
    page.body_fr = []
    page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk)


def body_context(page, part):
    return f"resources.ResourcePage:{page.slug}:body.{part}"


def body_of(client, page, language):
    soup = BeautifulSoup(public(client, page_url(page, language)), "html.parser")
    return soup.select_one(".hub-resource__body")


def test_a_guides_body_texts_are_in_the_file_block_by_block(tmp_path, bodied_guide):
    page = bodied_guide
    po = polib.pofile(str(export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")), wrapwidth=0)
    entries = {entry.msgctxt: entry for entry in po}
    expected = {
        "b-heading.text": "Before you start",
        "b-paragraph": "<p>Read the <b>policies</b> first.</p>",
        "b-steps.steps.s1.title": "Sign up",
        "b-steps.steps.s1.text": "<p>Choose a name.</p>",
    }
    for part, english in expected.items():
        entry = entries[body_context(page, part)]
        assert entry.msgid == english and entry.msgstr == ""
    # The heading's level is not a text: it is not in the file.
    assert body_context(page, "b-heading.level") not in entries
    assert "Rich text (HTML)" in entries[body_context(page, "b-paragraph")].comment
    assert "At most 255 characters." in entries[body_context(page, "b-heading.text")].comment


def test_a_translated_body_block_comes_back_into_that_languages_body_only(client, tmp_path, bodied_guide):
    page = bodied_guide
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    set_msgstr(path, body_context(page, "b-heading.text"), "قبل أن تبدأ")
    set_msgstr(path, body_context(page, "b-paragraph"), "<p>اقرأ <b>السياسات</b> أولًا.</p>")
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    others = {code: plain_body(page, code) for code in ("en", "es", "fr")}

    assert "ar: 2 changed" in run_import(path)

    page = ResourcePage.objects.get(pk=page.pk)
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 1
    assert {code: plain_body(page, code) for code in ("en", "es", "fr")} == others
    # The Arabic body started as a copy of the English structure; the translated blocks are in Arabic.
    arabic = list(page.body_ar.raw_data)
    assert [block["type"] for block in arabic] == [block["type"] for block in ENGLISH_BODY]
    assert arabic[0]["value"]["text"] == "قبل أن تبدأ"
    body = body_of(client, page, "ar")
    assert "hub-fallback" not in body["class"]
    assert "قبل أن تبدأ" in body.get_text() and "السياسات" in body.get_text()
    assert "Before you start" not in body.get_text()
    assert "Before you start" in body_of(client, page, "fr").get_text()
    assert page.translation_origin["ar"]["body"]["origin"] == "community"
    # Exported again, the file has the translations.
    again = {item.msgctxt: item.msgstr for item in polib.pofile(str(export(tmp_path, "ar", name="ar-2.po")))}
    assert again[body_context(page, "b-heading.text")] == "قبل أن تبدأ"


def plain_body(page, code):
    return list(getattr(page, f"body_{code}").raw_data)


def test_a_body_translation_with_other_tags_or_a_stale_english_is_refused(tmp_path, bodied_guide):
    page = bodied_guide
    path = export(tmp_path, "ar", "--object", f"resources.ResourcePage:{page.slug}")
    ctx = body_context(page, "b-paragraph")
    set_msgstr(path, ctx, "<p>اقرأ السياسات أولًا.</p>")
    before = rows()
    assert f"line {line_of(path, ctx)}, {ctx}: the translation's HTML tags are not the English's" in refused(path)
    assert rows() == before

    set_msgstr(path, ctx, "<p>اقرأ <b>السياسات</b> أولًا.</p>")
    heading = body_context(page, "b-heading.text")
    set_msgstr(path, heading, "قبل أن تبدأ")
    draft = page.get_latest_revision_as_object()
    draft.body_en = [{**ENGLISH_BODY[0], "value": {"text": "Before you begin", "level": "h2"}}, *ENGLISH_BODY[1:]]
    draft.save_revision().publish()
    before = rows()
    message = refused(path)
    assert f"line {line_of(path, heading)}, {heading}: the English has changed since this file was exported" in message
    assert rows() == before
