"""`manage.py load_demo_resources`: the whole file is checked first, every problem located, nothing written when
anything is wrong; a load creates published pages, and a second load changes nothing."""

import copy
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from resources.datafile import DEFAULT_PATH, validate_document
from resources.models import ResourceIndexPage, ResourceLanguage, ResourcePage
from tests.data_files import DATA_FILE

GOOD = {
    "slug": "help-introduction",
    "title": {"en": "Help:Introduction", "es": "Ayuda: introducción"},
    "summary": {"en": "Short tutorials for beginners.", "es": "Tutoriales breves."},
    "url": "https://en.wikipedia.org/wiki/Help:Introduction",
    "url_es": "https://es.wikipedia.org/wiki/Ayuda:Introducción",
    "type": "guide",
    "available_languages": ["en", "es", "pt-BR"],
    "levels": ["fundamental"],
    "skills": ["wiki-editing-basics"],
    "tags": ["newcomers", "editing"],
    "estimated_time": "1-2 h",
    "audience": "People making their first edits",
    "owner": "English Wikipedia volunteer community",
    "source": "verified at: https://en.wikipedia.org/wiki/Help:Introduction",
    "verification_notes": "Spanish page seen directly.",
    "es_title_is_ours": True,
    "last_reviewed": "2026-01-20",
}


def entry(**changes):
    item = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            item.pop(key)
        else:
            item[key] = value
    return item


def write(tmp_path, items, name="resources.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"resources": items}, allow_unicode=True), encoding="utf-8")
    return path


def load(path, *args):
    out = StringIO()
    call_command("load_demo_resources", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def framework(framework_items, home_page):
    """The levels and skills the test entries refer to."""
    return framework_items


def problems_of(items):
    _entries, problems = validate_document({"resources": items})
    return [str(problem) for problem in problems]


def test_every_problem_is_reported_with_its_location(framework):
    problems = problems_of(
        [
            entry(url=None),
            entry(slug="b", levels=["expert"]),
            entry(slug="c", type="podcast"),
            entry(slug="help-introduction"),
            entry(slug="e", available_languages=["English"]),
            entry(slug="f", url="ftp://example.org/guide"),
            entry(slug="g", last_reviewed="2024-13-01"),
            entry(slug="h", skills=["wiki-editing-basics", "juggling"]),
            entry(slug="i", title={"es": "Solo en español"}),
            entry(slug="j", colour="blue"),
            entry(slug="k", tags="newcomers"),
            entry(slug="l", last_reviewed="2999-01-01"),
            entry(slug="not a slug"),
            entry(slug="n", title={"en": "Title", "xx": "?"}),
        ]
    )
    assert problems[0] == "resources[0]: missing required key 'url'"
    expected = [
        "resources[1].levels[0]: unknown level 'expert'",
        "resources[2].type: unknown resource type 'podcast'",
        "resources[3].slug: 'help-introduction' is already used by resources[0]",
        "resources[4].available_languages[0]: 'English' is not a language code",
        "resources[5].url: 'ftp://example.org/guide' is not an http(s) URL",
        "resources[6].last_reviewed: '2024-13-01' is not a date (YYYY-MM-DD)",
        "resources[7].skills[1]: unknown skill 'juggling'",
        "resources[8].title: the English text ('en') is required",
        "resources[9].colour: unknown key 'colour'",
        "resources[10].tags: expected a list of tags",
        "resources[11].last_reviewed: 2999-01-01 is in the future",
        "resources[12].slug: 'not a slug' is not a valid slug",
        "resources[13].title: unknown language code 'xx'",
    ]
    for start in expected:
        assert any(problem.startswith(start) for problem in problems), (start, problems)
    assert len(problems) == 1 + len(expected)


def test_file_must_hold_a_resources_list(framework):
    _entries, problems = validate_document({"resources": {"slug": "x"}, "extra": []})
    assert [str(problem) for problem in problems] == [
        "extra: unknown section (expected only 'tags', 'resources')",
        "resources: expected a list of items, got a mapping",
    ]


def test_yaml_syntax_error_is_located(tmp_path, framework):
    path = tmp_path / "broken.yaml"
    path.write_text("resources:\n  - slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line \d+, column \d+: YAML syntax error"):
        load(path)


def test_bad_last_entry_leaves_the_database_unchanged(tmp_path, framework):
    path = write(tmp_path, [entry(), entry(slug="second"), entry(slug="third", levels=["expert"])])
    with pytest.raises(CommandError) as error:
        load(path)
    assert "1 problem found; nothing was written" in str(error.value)
    assert "resources[2].levels[0]: unknown level 'expert'" in str(error.value)
    assert not ResourcePage.objects.exists()
    assert not ResourceIndexPage.objects.exists()
    assert not ResourceLanguage.objects.exists()


FOUR_LANGUAGES = {
    "title": {"en": "Help:Introduction", "es": "Ayuda: introducción", "fr": "Aide:Introduction", "ar": "مساعدة: مقدمة"},
    "estimated_time": {"en": "1-2 h", "es": "1-2 h", "fr": "1 à 2 h", "ar": "ساعة إلى ساعتين"},
    "audience": {"en": "Beginners", "es": "Principiantes", "fr": "Débutant·es", "ar": "المبتدئون"},
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": {**FOUR_LANGUAGES["title"], "fr": "  "}}, "resources[1].title.fr: must not be empty"),
        ({"audience": {"en": "Beginners", "ar": 7}}, "resources[1].audience.ar: expected text, got a number (7)"),
        ({"estimated_time": {"en": "1 h", "fa": "۱ ساعت"}}, "resources[1].estimated_time: unknown language code 'fa'"),
        ({"translated_by": {"es": "volunteer"}}, "resources[1].translated_by.es.origin: unknown origin 'volunteer'"),
        ({"translated_by": {"fr": "team"}}, "resources[1].translated_by.fr: the item has no text in 'fr'"),
        (
            {"translated_by": {"es": {"origin": "team", "reviewed": "no"}}},
            "resources[1].translated_by.es.reviewed: expected true or false, got text",
        ),
        ({"translated_by": "team"}, "resources[1].translated_by: expected a mapping, got text"),
    ],
)
def test_a_malformed_language_block_is_refused_with_its_location_and_nothing_written(
    tmp_path, framework, changes, expected
):
    path = write(tmp_path, [entry(**FOUR_LANGUAGES), entry(slug="second", **changes)])
    with pytest.raises(CommandError) as error:
        load(path)
    assert "1 problem found; nothing was written" in str(error.value)
    assert expected in str(error.value)
    assert not ResourcePage.objects.exists()


def test_four_languages_and_their_provenance_are_stored_and_a_second_load_changes_nothing(tmp_path, framework):
    origins = {"es": "team", "fr": {"origin": "community", "reviewed": True}, "ar": "machine-draft"}
    path = write(tmp_path, [entry(**FOUR_LANGUAGES, translated_by=origins)])
    load(path)
    page = ResourcePage.objects.get(slug="help-introduction")
    for field, texts in FOUR_LANGUAGES.items():
        assert {code: getattr(page, f"{field}_{code}") for code in texts} == texts
    assert page.translation_origin["fr"]["audience"] == {"origin": "community", "reviewed": True}
    assert page.translation_origin["ar"] == {
        field: {"origin": "machine-draft", "reviewed": False} for field in ("title", "estimated_time", "audience")
    }
    # Spanish has a summary too, so its provenance covers it; Arabic has none.
    assert set(page.translation_origin["es"]) == {"title", "summary", "estimated_time", "audience"}
    assert "resources: 0 created, 0 updated, 1 unchanged" in load(path)


def test_load_creates_published_pages_with_both_languages(tmp_path, framework):
    output = load(write(tmp_path, [entry()]))
    assert "Resource index page created." in output
    assert "resources: 1 created, 0 updated, 0 unchanged" in output
    index = ResourceIndexPage.objects.get()
    assert (index.title_en, index.title_es, index.live) == ("Resources", "Recursos", True)
    assert index.intro_es
    page = ResourcePage.objects.child_of(index).get(slug="help-introduction")
    assert page.live and not page.has_unpublished_changes
    assert (page.title_en, page.title_es) == ("Help:Introduction", "Ayuda: introducción")
    assert (page.summary_en, page.summary_es) == ("Short tutorials for beginners.", "Tutoriales breves.")
    assert page.external_url_en == "https://en.wikipedia.org/wiki/Help:Introduction"
    assert page.external_url_es == "https://es.wikipedia.org/wiki/Ayuda:Introducción"
    assert page.resource_type == "guide"
    assert page.maintainer == "English Wikipedia volunteer community"
    assert page.estimated_time_en == "1-2 h"
    assert page.audience_en == "People making their first edits"
    assert page.last_reviewed.isoformat() == "2026-01-20"
    assert page.review_by is None
    assert "verified at: https://en.wikipedia.org" in page.curator_notes
    assert "Spanish page seen directly." in page.curator_notes
    assert [level.slug for level in page.levels.all()] == ["fundamental"]
    assert [skill.slug for skill in page.skills.all()] == ["wiki-editing-basics"]
    assert sorted(tag.name for tag in page.tags.all()) == ["editing", "newcomers"]
    assert {language.code: language.name for language in page.languages.all()} == {
        "en": "English",
        "es": "español",
        "pt-BR": "português do Brasil",
    }


def test_second_load_changes_nothing(tmp_path, framework):
    path = write(tmp_path, [entry(), entry(slug="second", tags=["events"])])
    load(path)
    revisions = Revision.objects.count()
    output = load(path)
    assert "resources: 0 created, 0 updated, 2 unchanged" in output
    assert "index page" not in output
    assert Revision.objects.count() == revisions


def test_changed_entry_is_updated_with_a_new_revision(tmp_path, framework):
    load(write(tmp_path, [entry(), entry(slug="second")]))
    revisions = Revision.objects.count()
    changed = write(tmp_path, [entry(summary={"en": "New words."}, tags=["newcomers"]), entry(slug="second")])
    output = load(changed, "--allow-removals")
    assert "resources: 0 created, 1 updated, 1 unchanged" in output
    assert Revision.objects.count() == revisions + 1
    page = ResourcePage.objects.get(slug="help-introduction")
    assert page.summary_en == "New words."
    assert page.summary_es in ("", None)
    assert [tag.name for tag in page.tags.all()] == ["newcomers"]


def test_dry_run_writes_nothing(tmp_path, framework):
    output = load(write(tmp_path, [entry()]), "--dry-run")
    assert "resources: 1 would be created" in output
    assert "Dry run: nothing was written." in output
    assert not ResourcePage.objects.exists()


def test_shipped_file_loads_a_varied_published_collection(home_page):
    call_command("import_framework", str(DATA_FILE), verbosity=0)
    output = load(DEFAULT_PATH)
    assert "0 updated, 0 unchanged" in output
    pages = ResourcePage.objects.live().prefetch_related("levels", "tagged_items__tag")
    assert pages.count() >= 30
    assert len({page.resource_type for page in pages}) >= 6
    assert {level.slug for page in pages for level in page.levels.all()} == {
        "fundamental",
        "emerging",
        "expanding",
        "elevated",
    }
    assert len({tag.name for page in pages for tag in page.tags.all()}) >= 20
    assert {page.slug for page in pages if page.needs_review} == {
        "wlm-organise-2018",
        "content-translation-screencast",
        "lp-mix-newcomers-and-veterans",
    }
    assert ResourcePage.objects.filter(external_url_es__gt="").count() == 10
    assert "0 created, 0 updated" in load(DEFAULT_PATH)


def test_if_empty_leaves_existing_resources_alone(home_page):
    call_command("import_framework", str(DATA_FILE), verbosity=0)
    load(DEFAULT_PATH)
    page = ResourcePage.objects.get(slug="wikipedia-teahouse")
    page.summary_fr = "Un espace d’entraide écrit par une personne curatrice."
    page.save_revision().publish()
    output = load(DEFAULT_PATH, "--if-empty")
    assert "not loaded" in output
    page.refresh_from_db()
    assert page.summary_fr == "Un espace d’entraide écrit par une personne curatrice."


def test_a_load_that_would_remove_values_is_refused_unless_allowed(tmp_path, framework):
    load(write(tmp_path, [entry()]))
    revisions = Revision.objects.count()
    path = write(tmp_path, [entry(summary={"en": "Short tutorials for beginners."}, tags=["newcomers"])])
    with pytest.raises(CommandError) as error:
        load(path)
    message = str(error.value)
    assert "it would remove 2 values that the database holds; nothing was written" in message
    assert "resources[0].summary.es: resource 'help-introduction' loses \"Tutoriales breves.\"" in message
    assert "resources[0].tags: resource 'help-introduction' loses editing" in message
    assert Revision.objects.count() == revisions
    assert ResourcePage.objects.get(slug="help-introduction").summary_es == "Tutoriales breves."
    output = load(path, "--dry-run", "--allow-removals")
    assert "  resources[0]: resource 'help-introduction' would be updated (summary.es, tags)" in output
    output = load(path, "--allow-removals")
    assert output.splitlines()[0] == "Removed 2 values (--allow-removals):"
    assert ResourcePage.objects.get(slug="help-introduction").summary_es in ("", None)
