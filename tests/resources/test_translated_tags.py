"""Tags named in the reader's language (issue #11 point 3): the listing's facets and cards, the resource page, the
API and site search read each tag's label in es, fr and ar; the language facet names languages in the reader's
language; the resources file carries every tag's names with located errors; the migration keeps slugs and links;
the Wagtail admin still edits a guide's tags."""

import importlib
import re
from html.parser import HTMLParser
from io import StringIO
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup
from django.apps import apps as global_apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from core.i18n import sort_key
from resources.datafile import DEFAULT_PATH, DEMO_RESOURCES_FILE
from resources.models import ResourceLanguage, ResourcePage, ResourcePageTag, ResourceTag
from tests.resources.listing_data import make_index, make_resource

pytestmark = pytest.mark.django_db

LABELS = {
    "grants": {"en": "grants", "es": "subvenciones", "fr": "subventions", "ar": "المنح"},
    "newcomers": {
        "en": "newcomers",
        "es": "personas recién llegadas",
        "fr": "nouveaux·elles arrivant·es",
        "ar": "الوافدون الجدد",
    },
    "wikidata": {"en": "wikidata", "es": "Wikidata", "fr": "Wikidata", "ar": "ويكي بيانات"},
}
LANGUAGES = ("es", "fr", "ar")


def make_tag(slug, labels):
    return ResourceTag.objects.create(
        name=labels["en"], slug=slug, **{f"label_{code}": text for code, text in labels.items()}
    )


@pytest.fixture
def tagged_guide(home_page):
    """A live guide with three translated tags, available in English and Spanish."""
    index = make_index()
    tags = [make_tag(slug, labels) for slug, labels in LABELS.items()]
    languages = [
        ResourceLanguage.objects.create(code="en", name="English"),
        ResourceLanguage.objects.create(code="es", name="español"),
        ResourceLanguage.objects.create(code="de", name="Deutsch"),
    ]
    return make_resource(index, "Small grants guide", tags=tags, languages=languages)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def tag_facet(page):
    """The tag facet's fieldset: ``[(slug, shown text)]`` and its HTML."""
    fieldset = next(field for field in page.select("fieldset") if field.select('input[name="tag"]'))
    options = []
    for box in fieldset.select('input[name="tag"]'):
        label = fieldset.select_one(f'label[for="{box["id"]}"] .cdx-label__label__text')
        count = label.select_one(".hub-listing__count")
        count.extract()
        options.append((box["value"], label.get_text(" ", strip=True)))
    return options, fieldset


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_listing_tag_facet_and_cards_name_tags_in_the_readers_language(client, tagged_guide, lang):
    page = soup(client.get(f"/{lang}/resources/"))
    options, fieldset = tag_facet(page)
    expected = {slug: labels[lang] for slug, labels in LABELS.items()}
    assert dict(options) == expected
    assert not fieldset.select(".hub-fallback, [lang]")
    card_tags = [chip.get_text(strip=True) for chip in page.select(".hub-listing__tags .hub-chip")]
    assert sorted(card_tags) == sorted(expected.values())
    assert not page.select(".hub-listing__tags .hub-fallback")


def test_tag_options_are_sorted_by_their_name_in_the_readers_language(client, tagged_guide):
    # English: grants, newcomers, wikidata. Spanish: "personas…" before "subvenciones" before "Wikidata".
    assert [slug for slug, _text in tag_facet(soup(client.get("/en/resources/")))[0]] == [
        "grants",
        "newcomers",
        "wikidata",
    ]
    assert [slug for slug, _text in tag_facet(soup(client.get("/es/resources/")))[0]] == [
        "newcomers",
        "grants",
        "wikidata",
    ]
    # Arabic alphabetical order: الوافدون (و after م) comes after المنح; ويكي (و, no article) last.
    assert [slug for slug, _text in tag_facet(soup(client.get("/ar/resources/")))[0]] == [
        "grants",
        "newcomers",
        "wikidata",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_resource_page_chips_name_tags_in_the_readers_language(client, tagged_guide, lang):
    page = soup(client.get(f"/{lang}/resources/{tagged_guide.slug}/"))
    chips = page.select(".hub-resource__tags .hub-chip")
    # In the reader's alphabetical order.
    assert [chip.get_text(strip=True) for chip in chips] == sorted(
        (labels[lang] for labels in LABELS.values()), key=sort_key
    )
    assert not page.select(".hub-resource__tags .hub-fallback, .hub-resource__tags [lang]")
    assert all(chip["href"].startswith(f"/{lang}/resources/?tag=") for chip in chips)


def test_an_untranslated_tag_falls_back_to_english_marked_as_tr_marks_it(client, tagged_guide):
    ResourceTag.objects.filter(slug="grants").update(label_ar="")
    page = soup(client.get(f"/ar/resources/{tagged_guide.slug}/"))
    fallback = page.select_one(".hub-resource__tags .hub-fallback")
    assert (fallback.get_text(), fallback["lang"], fallback["dir"]) == ("grants", "en", "ltr")


def test_the_maintainer_is_kept_as_written_and_marked_as_english(client, tagged_guide):
    tagged_guide.maintainer = "English Wikipedia volunteer community"
    tagged_guide.save_revision().publish()
    page = soup(client.get(f"/ar/resources/{tagged_guide.slug}/"))
    name = next(
        span for span in page.select(".hub-resource__facts dd span") if span.get_text() == tagged_guide.maintainer
    )
    assert (name.get_text(), name["lang"], name["dir"]) == (tagged_guide.maintainer, "en", "ltr")


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["English", "German", "Spanish"]),
        ("es", ["Alemán", "Español", "Inglés"]),
        ("fr", ["Allemand", "Anglais", "Espagnol"]),
        # Arabic order of the names: الإسبانيّة, الألمانيّة, الإنجليزيّة (the alif forms sorted as one letter).
        ("ar", ["الإسبانيّة", "الألمانيّة", "الإنجليزيّة"]),
    ],
)
def test_the_language_facet_names_languages_in_the_readers_language_in_its_order(client, tagged_guide, lang, names):
    page = soup(client.get(f"/{lang}/resources/"))
    fieldset = next(field for field in page.select("fieldset") if field.select('input[name="lang"]'))
    shown = []
    for box in fieldset.select('input[name="lang"]'):
        label = fieldset.select_one(f'label[for="{box["id"]}"] .cdx-label__label__text')
        label.select_one(".hub-listing__count").extract()
        shown.append(label.get_text(strip=True))
    # Django's Arabic names carry a shadda where the site's catalogue has none: compare the letters.
    assert [re.sub("[\u064b-\u065f]", "", name) for name in shown] == [
        re.sub("[\u064b-\u065f]", "", name) for name in names
    ]
    assert not fieldset.select("[lang]")
    if lang == "ar":
        assert page.html["dir"] == "rtl"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_api_names_tags_in_the_response_language(client, tagged_guide, lang):
    data = client.get("/api/v1/resources/", {"lang": lang}).json()
    tags = {tag["slug"]: tag for tag in data["items"][0]["tags"]}
    assert {slug: tag["name"] for slug, tag in tags.items()} == {slug: labels[lang] for slug, labels in LABELS.items()}
    assert {tag["language"] for tag in tags.values()} == {lang}
    detail = client.get(f"/api/v1/resources/{tagged_guide.slug}/", {"lang": lang}).json()
    assert [tag["name"] for tag in detail["tags"]] == [tag["name"] for tag in data["items"][0]["tags"]]


def test_search_by_an_arabic_tag_name_finds_the_guide(client, tagged_guide):
    page = soup(client.get("/ar/search/", {"q": "المنح"}))
    assert tagged_guide.url_path and any(
        link["href"].endswith(f"/resources/{tagged_guide.slug}/") for link in page.select("main a[href]")
    )
    listing = soup(client.get("/ar/resources/", {"q": "المنح"}))
    assert [item.a["href"] for item in listing.select(".hub-listing__title")] == [f"/ar/resources/{tagged_guide.slug}/"]


def test_a_new_translation_of_a_tag_is_searchable_at_once(client, tagged_guide):
    tag = ResourceTag.objects.get(slug="wikidata")
    assert not soup(client.get("/fr/resources/", {"q": "donneeslibres"})).select(".hub-listing__title")
    tag.label_fr = "données libres"
    tag.save()
    found = soup(client.get("/fr/resources/", {"q": "données libres"})).select(".hub-listing__title")
    assert [item.a["href"] for item in found] == [f"/fr/resources/{tagged_guide.slug}/"]


def test_the_page_cache_shows_a_changed_tag_name(tagged_guide):
    url = f"/es/resources/{tagged_guide.slug}/"
    first = Client().get(url)
    assert first["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    tag = ResourceTag.objects.get(slug="grants")
    tag.label_es = "becas"
    tag.save()
    again = Client().get(url)
    assert again["X-Page-Cache"] == "miss"
    assert "becas" in again.content.decode()


# --- The resources file ----------------------------------------------------------------------------


GUIDE = {
    "slug": "small-grants",
    "title": {"en": "Small grants"},
    "summary": {"en": "How to ask for a small grant."},
    "url": "https://meta.wikimedia.org/wiki/Grants",
    "type": "guide",
    "tags": ["grants"],
    "last_reviewed": "2026-01-20",
}
TAG = {"slug": "grants", "name": dict(LABELS["grants"]), "translated_by": {"es": "team", "fr": "team", "ar": "team"}}


def write(tmp_path, tags, resources=(GUIDE,)):
    path = tmp_path / "resources.yaml"
    path.write_text(yaml.safe_dump({"tags": tags, "resources": list(resources)}, allow_unicode=True), encoding="utf-8")
    return path


def load(path, *args):
    out = StringIO()
    call_command("load_demo_resources", str(path), *args, stdout=out)
    return out.getvalue()


def test_tags_of_the_file_are_stored_in_four_languages_with_their_provenance(tmp_path, home_page):
    output = load(write(tmp_path, [TAG]))
    assert "tags: 1 created, 0 updated, 0 unchanged" in output
    tag = ResourceTag.objects.get(slug="grants")
    assert (tag.name, tag.label_es, tag.label_fr, tag.label_ar) == ("grants", "subvenciones", "subventions", "المنح")
    assert tag.translation_origin["ar"] == {"label": {"origin": "team", "reviewed": False}}
    assert [t.slug for t in ResourcePage.objects.get(slug="small-grants").tags.all()] == ["grants"]
    assert "tags: 0 created, 0 updated, 1 unchanged" in load(write(tmp_path, [TAG]))


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ({**TAG, "name": {**TAG["name"], "xx": "?"}}, "tags[1].name: unknown language code 'xx'"),
        (
            {**TAG, "name": {**TAG["name"], "ar": 7}, "translated_by": {"es": "team"}},
            "tags[1].name.ar: expected text, got a number (7)",
        ),
        ({**TAG, "name": {**TAG["name"], "fr": "  "}, "translated_by": {}}, "tags[1].name.fr: must not be empty"),
        (
            {**TAG, "name": {"es": "subvenciones"}, "translated_by": {"es": "team"}},
            "tags[1].name: the English text ('en') is required",
        ),
        (
            {**TAG, "name": "grants", "translated_by": {"es": "team"}},
            "tags[1].translated_by.es: the item has no text in 'es'",
        ),
        ({**TAG, "translated_by": {"fr": "volunteer"}}, "tags[1].translated_by.fr.origin: unknown origin 'volunteer'"),
        ({**TAG, "label": {"en": "grants"}}, "tags[1].label: unknown key 'label'"),
    ],
)
def test_a_malformed_tag_language_block_is_refused_with_its_location_and_nothing_written(
    tmp_path, home_page, tag, expected
):
    first = {"slug": "newcomers", "name": LABELS["newcomers"]}
    with pytest.raises(CommandError) as error:
        load(write(tmp_path, [first, tag]))
    assert "1 problem found; nothing was written" in str(error.value)
    assert expected in str(error.value)
    assert not ResourceTag.objects.exists()
    assert not ResourcePage.objects.exists()


def test_a_resource_naming_a_tag_the_file_does_not_list_is_refused(tmp_path, home_page):
    with pytest.raises(CommandError) as error:
        load(write(tmp_path, [TAG], [{**GUIDE, "tags": ["grants", "grnats"]}]))
    assert "resources[0].tags[1]: unknown tag 'grnats'" in str(error.value)
    assert not ResourceTag.objects.exists()


def test_a_load_that_would_remove_a_tag_translation_is_refused(tmp_path, home_page):
    load(write(tmp_path, [TAG]))
    with pytest.raises(CommandError) as error:
        load(
            write(
                tmp_path,
                [
                    {
                        **TAG,
                        "name": {"en": "grants", "es": "subvenciones", "fr": "subventions"},
                        "translated_by": {"es": "team", "fr": "team"},
                    }
                ],
            )
        )
    assert "tags[0].name.ar: tag 'grants' loses \"المنح\"" in str(error.value)
    assert ResourceTag.objects.get(slug="grants").label_ar == "المنح"


def test_every_shipped_tag_is_named_in_every_language_and_counted_at_100_percent(home_page):
    document = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    used = {tag for item in document["resources"] for tag in item.get("tags", [])}
    assert {tag["slug"] for tag in document["tags"]} == used
    for tag in document["tags"]:
        assert set(tag["name"]) == {"en", "es", "fr", "ar"}, tag["slug"]
        assert tag["name"]["ar"] != tag["name"]["en"], tag["slug"]
        assert re.search("[\u0600-\u06ff]", tag["name"]["ar"]), tag["slug"]
    DEMO_RESOURCES_FILE.import_document({"tags": document["tags"], "resources": []})
    out = StringIO()
    call_command("translation_status", stdout=out)
    row = next(line for line in out.getvalue().splitlines() if line.startswith("tags "))
    count = len(document["tags"])
    assert row.split()[1] == str(count)
    assert row.count(f"100% {count:>4}/{count:<4}") == 3, row


# --- The migration ---------------------------------------------------------------------------------


def migration(name):
    return importlib.import_module(f"resources.migrations.{name}")


def state_apps(name):
    return MigrationExecutor(connection).loader.project_state(("resources", name)).apps


def test_the_migration_moves_tags_with_their_ids_slugs_and_links(home_page):
    from taggit.models import Tag

    guide = make_resource(make_index(), "Old guide")
    old = Tag.objects.create(name="Small Wikis", slug="small-wikis-2")
    unused = Tag.objects.create(name="nobody", slug="nobody")
    # The links as they were before 0006: tag ids of taggit's table (the constraint is checked at commit).
    ResourcePageTag.objects.bulk_create([ResourcePageTag(content_object_id=guide.pk, tag_id=old.pk)])
    # The functions use only the schema editor's connection (a real one cannot open inside the test's transaction).
    editor = SimpleNamespace(connection=connection)
    # The models as the latest migration leaves them: the test database has every later column (a NOT NULL one
    # among them, which 0005's models would leave empty).
    migration("0005_resource_tags").copy_tags(state_apps("0008_translation_sources"), editor)
    moved = ResourceTag.objects.get()
    assert (moved.pk, moved.name, moved.slug, moved.label_en) == (old.pk, "Small Wikis", "small-wikis-2", "Small Wikis")
    guide = ResourcePage.objects.get(pk=guide.pk)
    assert [tag.slug for tag in guide.tags.all()] == ["small-wikis-2"]
    # The next tag gets a new id (PostgreSQL's sequence was moved past the copied ones).
    assert ResourceTag.objects.create(name="fresh").pk != old.pk

    migration("0007_remove_moved_taggit_tags").remove_moved(state_apps("0007_remove_moved_taggit_tags"), editor)
    assert list(Tag.objects.values_list("slug", flat=True)) == ["nobody"]
    migration("0007_remove_moved_taggit_tags").restore(state_apps("0007_remove_moved_taggit_tags"), editor)
    restored = Tag.objects.get(pk=old.pk)
    assert (restored.name, restored.slug) == ("Small Wikis", "small-wikis-2")
    assert unused.pk in set(Tag.objects.values_list("pk", flat=True))
    assert global_apps.get_model("resources", "ResourcePageTag")._meta.get_field("tag").related_model is ResourceTag


# --- The Wagtail admin -----------------------------------------------------------------------------


class _FormFields(HTMLParser):
    """The named inputs, text areas and selects of the page edit form, with their values, as a browser posts them."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select, self._option = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def test_editing_a_guides_tags_in_the_wagtail_admin_uses_the_resources_tags(client, admin_user, tagged_guide):
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:edit", args=[tagged_guide.pk])
    form = client.get(url)
    assert form.status_code == 200
    # The tag field autocompletes from our tag model, not taggit's.
    assert reverse("wagtailadmin_tag_model_autocomplete", args=["resources", "resourcetag"]) in form.content.decode()
    parser = _FormFields()
    parser.feed(form.content.decode())
    data = parser.data
    # StreamFields are built by the admin's JavaScript: an empty body in every language.
    for key in [key for key in data if key.startswith("body") and key.endswith("-count")] or []:
        data[key] = ["0"]
    for code in ("en", "es", "fr", "ar"):
        data.setdefault(f"body_{code}-count", ["0"])
    data["tags"] = ['newcomers, "new topic"']
    data["action-publish"] = ["action-publish"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = ResourcePage.objects.get(pk=tagged_guide.pk)
    assert sorted(tag.slug for tag in guide.tags.all()) == ["new-topic", "newcomers"]
    # The existing tag kept its translations; the new one is a ResourceTag named in English.
    assert ResourceTag.objects.get(slug="newcomers").label_ar == LABELS["newcomers"]["ar"]
    new = ResourceTag.objects.get(slug="new-topic")
    assert (new.name, new.label_en) == ("new topic", "new topic")
    page = soup(Client().get(f"/es/resources/{guide.slug}/"))
    chips = {chip.get_text(strip=True) for chip in page.select(".hub-resource__tags .hub-chip")}
    assert chips == {LABELS["newcomers"]["es"], "new topic"}


def test_an_english_name_already_used_by_another_tag_is_refused(tmp_path, home_page):
    ResourceTag.objects.create(name="grants", slug="money")
    with pytest.raises(CommandError) as error:
        load(write(tmp_path, [TAG]))
    assert "tags[0].name.en: 'grants' is the name of the tag 'money'" in str(error.value)
    assert list(ResourceTag.objects.values_list("slug", flat=True)) == ["money"]
