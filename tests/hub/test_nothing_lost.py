"""Nothing lost (issue #12, point 7): moving or copying a guide, and going back to an earlier revision, keep every
language — the texts, the provenance and fingerprint records, and what a reader of each language sees on the public
page. (Adding a language: test_nothing_lost_languages.py; a PO import of one language: test_po_exchange.py.)"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.models import Page

from core.translations import is_outdated
from resources.models import ResourceIndexPage, ResourcePage
from tests.admin_forms import form_values

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "es", "fr", "ar")
TRANSLATED = ("title", "seo_title", "search_description", "summary", "body", "external_url", "audience")
TRANSLATED += ("estimated_time",)


@pytest.fixture(autouse=True)
def _shipped(shipped_site):
    """The shipped guides, written in English and translated in Spanish, French and Arabic."""


def plain(value, *, ids=True):
    """A comparable form of a field value: a StreamField's raw blocks (their ids left out with ``ids=False``)."""
    if hasattr(value, "raw_data"):
        value = list(value.raw_data)
    if isinstance(value, dict):
        return {key: plain(item, ids=ids) for key, item in value.items() if ids or key != "id"}
    if isinstance(value, list):
        return [plain(item, ids=ids) for item in value]
    return value


def languages_of(page, *, ids=True):
    """Every language's text of every translated field of the guide as stored, its provenance and fingerprints,
    and what it links to."""
    page = ResourcePage.objects.get(pk=page.pk)
    state = {
        f"{name}_{code}": plain(getattr(page, f"{name}_{code}"), ids=ids) for name in TRANSLATED for code in LANGUAGES
    }
    state["translation_origin"] = page.translation_origin
    state["translation_sources"] = page.translation_sources
    state["levels"] = sorted(page.levels.values_list("pk", flat=True))
    state["skills"] = sorted(page.skills.values_list("pk", flat=True))
    state["tags"] = sorted(page.tags.names())
    return state


def text_of(html):
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def _texts(value):
    if isinstance(value, str):
        return [text_of(value)] if text_of(value) else []
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in ("id", "type", "level") for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def body_texts(page, code):
    """The texts of the guide's body in ``code`` that a reader reads (headings, paragraphs, quotes, steps)."""
    return [text for block in getattr(page, f"body_{code}").raw_data for text in _texts(block["value"])]


BODIES = {
    "en": ("Before you start", "Read the <b>policies</b> first.", "Be bold.", "Create an account"),
    "es": ("Antes de empezar", "Lee primero las <b>políticas</b>.", "Sé valiente.", "Crea una cuenta"),
    "fr": ("Avant de commencer", "Lisez d’abord les <b>règles</b>.", "N’hésitez pas.", "Créez un compte"),
    "ar": ("قبل أن تبدأ", "اقرأ <b>السياسات</b> أولًا.", "كن جريئًا.", "أنشئ حسابًا"),
}


def body(code):
    """A body as an editor writes it in one language: a heading, a paragraph, a quote, a list of steps."""
    heading, paragraph, quote, step = BODIES[code]
    return [
        {"type": "heading", "value": {"text": heading, "level": "h2"}, "id": f"{code}-heading"},
        {"type": "paragraph", "value": f"<p>{paragraph}</p>", "id": f"{code}-paragraph"},
        {"type": "quote", "value": {"quote": quote, "attribution": ""}, "id": f"{code}-quote"},
        {
            "type": "steps",
            "value": {
                "steps": [{"type": "item", "value": {"title": step, "text": f"<p>{step}.</p>"}, "id": f"{code}-1"}]
            },
            "id": f"{code}-steps",
        },
    ]


def guide():
    """A live shipped guide translated in every language, given a body in every language (the shipped guides have
    an English body at most)."""
    page = ResourcePage.objects.live().order_by("path").first()
    assert all(getattr(page, f"summary_{code}") and getattr(page, f"title_{code}") for code in LANGUAGES)
    for code in LANGUAGES:
        setattr(page, f"body_{code}", body(code))
    page.save_revision().publish()
    page = ResourcePage.objects.get(pk=page.pk)
    assert all(body_texts(page, code) for code in LANGUAGES)
    return page


def page_url(page, code):
    with translation.override(code):
        return Page.objects.get(pk=page.pk).specific.get_url()


def seen(client, page, code):
    """What a reader of ``code`` sees in the main part of the guide's public page: its text, folded."""
    url = page_url(page, code)
    assert url.startswith(f"/{code}/"), url
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == code
    return " ".join(soup.select_one("main").get_text(" ").split())


def assert_reads_in_every_language(client, page):
    """The public page of ``page`` in each language shows that language's title, summary, audience and body."""
    page = ResourcePage.objects.get(pk=page.pk)
    for code in LANGUAGES:
        text = seen(client, page, code)
        for value in (getattr(page, f"title_{code}"), getattr(page, f"summary_{code}"), *body_texts(page, code)):
            assert text_of(value) in text, (code, value)
        audience = getattr(page, f"audience_{code}")
        if audience:
            assert audience in text, code


@pytest.fixture
def other_index(home_page):
    """A second resource index (an archive), so a guide can move to another parent. The site allows one index
    (``max_count``), which binds the admin's "add page" only: this one is added as code would add it."""
    index = ResourceIndexPage(
        title_en="Archive",
        title_es="Archivo",
        title_fr="Archives",
        title_ar="الأرشيف",
        slug="archive",
        intro_en="<p>Older guides.</p>",
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return ResourceIndexPage.objects.get(pk=index.pk)


def test_moving_a_guide_under_another_parent_keeps_every_language(client, other_index):
    page = guide()
    before = languages_of(page)
    old_urls = {code: page_url(page, code) for code in LANGUAGES}

    Page.objects.get(pk=page.pk).move(other_index, pos="last-child")

    assert languages_of(page) == before
    moved = ResourcePage.objects.get(pk=page.pk)
    assert moved.get_parent().pk == other_index.pk
    for code in LANGUAGES:
        assert page_url(moved, code) == f"/{code}/archive/{moved.slug}/"
        # The old address leads readers of each language to the guide's new one.
        redirect = client.get(old_urls[code])
        assert redirect.status_code == 301 and redirect["Location"] == page_url(moved, code), code
    assert_reads_in_every_language(client, moved)
    for code in ("es", "fr", "ar"):
        assert not is_outdated(moved, "summary", code)


def test_a_new_slug_redirects_the_old_address_in_every_language(client, django_capture_on_commit_callbacks):
    page = guide()
    old_urls = {code: page_url(page, code) for code in LANGUAGES}
    new_slug = f"{page.slug}-renamed"
    draft = page.get_latest_revision_as_object()
    draft.slug = new_slug
    # Wagtail tells of a changed slug once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

    renamed = ResourcePage.objects.get(pk=page.pk)
    for code in LANGUAGES:
        assert page_url(renamed, code) == f"/{code}/resources/{new_slug}/"
        redirect = client.get(old_urls[code])
        assert redirect.status_code == 301 and redirect["Location"] == page_url(renamed, code), code
    assert_reads_in_every_language(client, renamed)


def test_moving_a_guide_in_the_admin_keeps_every_language(admin_client, client, other_index):
    page = guide()
    before = languages_of(page)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, other_index.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    assert response.status_code == 302

    assert ResourcePage.objects.get(pk=page.pk).get_parent().pk == other_index.pk
    assert languages_of(page) == before
    assert_reads_in_every_language(client, page)


def assert_copy_keeps_every_language(client, original, before, copy, new_slug):
    """The copy holds every language of the original (block ids may differ: they name blocks, not texts), its own
    slug in every language, and both pages read in every language."""
    state = languages_of(copy, ids=False)
    expected = {**before}
    assert state == expected
    assert languages_of(original, ids=False) == before
    copy = ResourcePage.objects.get(pk=copy.pk)
    assert copy.slug == new_slug
    for code in LANGUAGES:
        assert page_url(copy, code) == f"/{code}/resources/{new_slug}/"
        assert page_url(original, code) == f"/{code}/resources/{original.slug}/"
    assert_reads_in_every_language(client, copy)
    assert_reads_in_every_language(client, original)


def test_copying_a_guide_keeps_every_language(client):
    page = guide()
    before = languages_of(page, ids=False)
    copy = page.copy(update_attrs={"slug": f"{page.slug}-copy"}, keep_live=True)
    assert copy.live
    assert_copy_keeps_every_language(client, page, before, copy, f"{page.slug}-copy")


def test_copying_a_guide_in_the_admin_keeps_every_language(admin_client, client):
    page = guide()
    before = languages_of(page, ids=False)
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    values = form_values(admin_client.get(url).content, field="new_slug")
    values.update({"new_slug": [f"{page.slug}-copy"], "publish_copies": ["on"]})
    response = admin_client.post(url, values)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    copy = ResourcePage.objects.get(slug=f"{page.slug}-copy")
    assert copy.live
    assert_copy_keeps_every_language(client, page, before, copy, f"{page.slug}-copy")


def block_post(prefix, block, state):
    """The POST fields the admin's editor script would send for a block whose form state is ``state``."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(state))}
        for index, item in enumerate(state):
            item_prefix = f"{prefix}-{index}"
            data.update({f"{item_prefix}-type": item["type"], f"{item_prefix}-id": item.get("id") or ""})
            data.update({f"{item_prefix}-deleted": "", f"{item_prefix}-order": str(index)})
            data.update(block_post(f"{item_prefix}-value", block.child_blocks[item["type"]], item["value"]))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(state))}
        for index, item in enumerate(state):
            item_prefix = f"{prefix}-{index}"
            data.update({f"{item_prefix}-id": item.get("id") or "", f"{item_prefix}-deleted": ""})
            data[f"{item_prefix}-order"] = str(index)
            data.update(block_post(f"{item_prefix}-value", block.child_block, item["value"]))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_post(f"{prefix}-{name}", child, state.get(name)))
        return data
    if isinstance(state, dict):  # a chooser's state: the chosen object
        state = state.get("id")
    if isinstance(state, list):  # a select's state: its chosen values
        return {prefix: [str(item) for item in state]}
    return {prefix: "" if state is None else str(state)}


def edit_form(admin_client, page, url=None):
    """The guide's edit form (or the revert form at ``url``) as the admin's browser would post it: the fields in
    the page, and each language's body as the editor's script fills it in."""
    url = url or reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.get(url)
    assert response.status_code == 200, url
    values = form_values(response.content.decode(), field="title_en")
    shown = ResourcePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    if "revisions" in url:
        shown = page.revisions.get(pk=url.rstrip("/").split("/")[-2]).as_object()
    for code in LANGUAGES:
        body = getattr(shown, f"body_{code}")
        state = body.stream_block.get_form_state(body)
        posted = block_post(f"body_{code}", body.stream_block, state)
        values.update({name: value if isinstance(value, list) else [value] for name, value in posted.items()})
    return url, values


def publish_in_admin(admin_client, page, changes, url=None):
    url, values = edit_form(admin_client, page, url)
    values.update({name: [value] for name, value in changes.items()})
    values["action-publish"] = ["action-publish"]
    response = admin_client.post(url, values)
    soup = BeautifulSoup(response.content, "html.parser")
    errors = [element.get_text(" ", strip=True) for element in soup.select(".error-message, .help-critical, .messages")]
    assert response.status_code == 302, errors


def revised(page, mark):
    """New texts for every language of the guide: each field and each body paragraph ends with ``mark``."""
    changes = {}
    for code in LANGUAGES:
        changes[f"title_{code}"] = f"{getattr(page, f'title_{code}')} {mark}"
        changes[f"summary_{code}"] = f"{getattr(page, f'summary_{code}')} {mark}"
        changes[f"audience_{code}"] = f"{getattr(page, f'audience_{code}') or 'Everyone'} {mark}"
    return changes


def test_reverting_to_an_earlier_revision_in_the_admin_brings_back_every_language(admin_client, client):
    page = guide()
    # First the guide as the admin saves it, in four languages.
    publish_in_admin(admin_client, page, revised(page, "(v1)"))
    first = ResourcePage.objects.get(pk=page.pk)
    first_revision = first.live_revision
    kept = languages_of(first, ids=False)
    assert "(v1)" in seen(client, first, "ar")

    # Revised in every language, the bodies too.
    changes = revised(first, "(v2)")
    url, values = edit_form(admin_client, first)
    for code in LANGUAGES:
        paragraph = next(
            name
            for name in values
            if name.startswith(f"body_{code}-") and name.endswith("-type") and values[name] == ["paragraph"]
        )
        value_name = paragraph.replace("-type", "-value")
        changes[value_name] = values[value_name][0].replace('"text": "', '"text": "(v2) ', 1)
    publish_in_admin(admin_client, first, changes)
    second = ResourcePage.objects.get(pk=page.pk)
    for code in LANGUAGES:
        assert getattr(second, f"title_{code}").endswith("(v2)")
        assert any(text.startswith("(v2)") for text in body_texts(second, code)), code
        assert "(v2)" in seen(client, second, code)

    # Back to the first revision, published from the revisions view.
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first_revision.pk])
    publish_in_admin(admin_client, second, {}, url=revert)

    back = ResourcePage.objects.get(pk=page.pk)
    assert languages_of(back, ids=False) == kept
    for code in LANGUAGES:
        text = seen(client, back, code)
        assert "(v2)" not in text and "(v1)" in text, code
    assert_reads_in_every_language(client, back)
    for code in ("es", "fr", "ar"):
        assert not is_outdated(back, "summary", code)


def test_publishing_an_older_revision_brings_back_every_language(client):
    page = guide()
    before = languages_of(page)
    old = page.save_revision()
    draft = page.get_latest_revision_as_object()
    for code in LANGUAGES:
        setattr(draft, f"summary_{code}", f"{getattr(draft, f'summary_{code}')} (later)")
    draft.save_revision().publish()
    assert "(later)" in seen(client, page, "ar")

    old.publish()

    assert languages_of(page) == before
    assert_reads_in_every_language(client, page)
    for code in LANGUAGES:
        assert "(later)" not in seen(client, page, code)
