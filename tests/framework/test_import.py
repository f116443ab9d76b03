"""The framework's data file: located validation errors, all-or-nothing writes, idempotent upserts, dry runs,
the export round trip, and sections that other apps register."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from framework.factories import EngagementLevelFactory, SkillFactory
from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from tests.data_files import (
    DATA_FILE,
    dump_tables,
    export_to,
    flush_framework_tables,
    import_errors,
    run_import,
    strip_manifest,
    write_yaml,
)

FRAMEWORK_MODELS = [Source, EngagementLevel, Skill, Behavior, Activity, FrameworkInfo]
SHIPPED_COUNTS = {"sources": 23, "levels": 4, "skills": 28, "behaviors": 18, "activities": 26}
CONTEXT_SECTIONS = {"meta", "movement_supports", "barriers", "related_taxonomies"}


def _set(*keys_and_value):
    """A change to a document: ``_set("skills", 4, "levels", 1, "expert")``."""
    *keys, last, value = keys_and_value

    def change(document):
        target = document
        for key in keys:
            target = target[key]
        target[last] = value

    return change


def _drop(*keys):
    """Remove a key from a document: ``_drop("skills", 4, "name")``."""
    *keys, last = keys

    def change(document):
        target = document
        for key in keys:
            target = target[key]
        del target[last]

    return change


# --- Validation: every kind of problem, located ---------------------------------------------------

BAD_DOCUMENTS = {
    "missing name": (_drop("skills", 4, "name"), "skills[4]: missing required key 'name'"),
    "missing slug": (_drop("behaviors", 2, "slug"), "behaviors[2]: missing required key 'slug'"),
    "missing source url": (_drop("sources", 6, "url"), "sources[6]: missing required key 'url'"),
    "missing English name": (
        _drop("activities", 1, "name", "en"),
        "activities[1].name: the English text ('en') is required",
    ),
    "text instead of a list": (
        _set("skills", 4, "levels", "fundamental"),
        "skills[4].levels: expected a list of level keys, e.g. [a, b], got text",
    ),
    "text instead of a number": (
        _set("levels", 1, "order", "two"),
        "levels[1].order: expected a whole number, got text",
    ),
    "list instead of a mapping": (
        _set("skills", 2, "description", ["words"]),
        "skills[2].description: expected a mapping of language codes to text",
    ),
    "number instead of text": (
        _set("skills", 2, "name", "es", 12),
        "skills[2].name.es: expected text, got a number (12)",
    ),
    "item that is not a mapping": (
        _set("behaviors", 3, "asks-for-help"),
        "behaviors[3]: expected a mapping of keys to values, got text",
    ),
    "section that is not a list": (
        _set("behaviors", {"asks-for-help": "Asks for help"}),
        "behaviors: expected a list of items, got a mapping",
    ),
    "context section that is not a mapping": (_set("meta", ["draft"]), "meta: expected a mapping, got a list"),
    "duplicate slug": (
        _set("skills", 5, "slug", "communication"),
        "skills[5].slug: duplicate slug 'communication' (first at skills[4])",
    ),
    "duplicate source id": (
        _set("sources", 3, "id", "mlldp_main"),
        "sources[3].id: duplicate id 'mlldp_main' (first at sources[0])",
    ),
    "invalid slug": (
        _set("behaviors", 0, "slug", "asks for help"),
        "behaviors[0].slug: 'asks for help' is not a valid slug",
    ),
    "duplicate level order": (_set("levels", 2, "order", 2), "levels[2].order: order 2 is already used by levels[1]"),
    "unknown level": (_set("skills", 4, "levels", 1, "expert"), "skills[4].levels[1]: unknown level 'expert'"),
    "unknown skill": (
        _set("activities", 0, "skills", 0, "juggling"),
        "activities[0].skills[0]: unknown skill 'juggling'",
    ),
    "unknown source": (
        _set("behaviors", 1, "sources", 1, "nowhere"),
        "behaviors[1].sources[1]: unknown source 'nowhere'",
    ),
    "unknown source in a context section": (
        _set("barriers", "sources", ["nowhere"]),
        "barriers.sources[0]: unknown source 'nowhere'",
    ),
    "reference listed twice": (
        _set("skills", 0, "levels", ["fundamental", "fundamental"]),
        "skills[0].levels[1]: level 'fundamental' is listed twice",
    ),
    "no level": (_set("skills", 0, "levels", []), "skills[0].levels: at least one level is required"),
    "unknown language code": (
        _set("skills", 0, "name", "de", "Wiki-Grundlagen"),
        "skills[0].name: unknown language code 'de'",
    ),
    "unknown language in a translator note": (
        _set("skills", 0, "de_note", "Unsicher."),
        "skills[0].de_note: unknown language code 'de'",
    ),
    "translator flag that is not true/false": (
        _set("levels", 2, "es_uncertain", "maybe"),
        "levels[2].es_uncertain: expected true or false, got text",
    ),
    "unknown provenance": (
        _set("skills", 3, "provenance", "hearsay"),
        "skills[3].provenance: unknown provenance 'hearsay' (expected one of: source, source_paraphrase, "
        "reconstruction)",
    ),
    "unknown provenance of a level's part": (
        _set("levels", 0, "provenance", "order", "guess"),
        "levels[0].provenance.order: unknown provenance 'guess'",
    ),
    "unknown part in a level's provenance": (
        _set("levels", 0, "provenance", "colour", "source"),
        "levels[0].provenance.colour: unknown part 'colour'",
    ),
    "unknown provenance in a context section": (
        _set("barriers", "provenance", "folklore"),
        "barriers.provenance: unknown provenance 'folklore'",
    ),
    "unknown category": (_set("skills", 6, "category", "cooking"), "skills[6].category: unknown category 'cooking'"),
    "URL that is not http(s)": (
        _set("sources", 2, "url", "ftp://example.org/file"),
        "sources[2].url: 'ftp://example.org/file' is not an http(s) URL",
    ),
    "misspelt key": (_set("skills", 1, "descripton", {"en": "Typo."}), "skills[1].descripton: unknown key"),
    # A language block: the texts of each language, and who wrote them (translated_by).
    "empty French text": (
        _set("skills", 0, "name", "fr", ""),
        "skills[0].name.fr: must not be empty (leave the language out until it is written)",
    ),
    "Arabic text that is not text": (
        _set("behaviors", 2, "description", "ar", ["a", "list"]),
        "behaviors[2].description.ar: expected text, got a list",
    ),
    "unknown language in a role's name": (
        _set("roles", 0, "name", "fa", "ویرایشگر"),
        "roles[0].name: unknown language code 'fa'",
    ),
    "unknown translation origin": (
        _set("skills", 3, "translated_by", "fr", "robot"),
        "skills[3].translated_by.fr.origin: unknown origin 'robot' (expected one of community, team, machine-draft)",
    ),
    "reviewed flag that is not true/false": (
        _set("levels", 1, "translated_by", "ar", {"origin": "team", "reviewed": "yes"}),
        "levels[1].translated_by.ar.reviewed: expected true or false, got text",
    ),
    "provenance for English": (
        _set("activities", 0, "translated_by", "en", "team"),
        "activities[0].translated_by.en: English is the source text; it has no translation provenance",
    ),
    "provenance for a language without text": (
        _set("sources", 6, "translated_by", {"fr": "team"}),
        "sources[6].translated_by.fr: the item has no text in 'fr' for this provenance to describe",
    ),
    "provenance of an unknown field": (
        _set("skills", 0, "translated_by", "ar", {"summary": "team"}),
        "skills[0].translated_by.ar.summary: unknown field (expected one of name, description)",
    ),
    "unknown language in a step's provenance": (
        _set("roles", 2, "suggested_steps", 1, "translated_by", "xx", "team"),
        "roles[2].suggested_steps[1].translated_by: unknown language code 'xx'",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_each_kind_of_problem_is_reported_at_its_location_and_nothing_is_written(tmp_path, document, case):
    change, expected = case
    change(document)
    errors = import_errors(write_yaml(tmp_path, document))
    assert expected in errors
    assert "nothing was written" in errors
    assert not Skill.objects.exists()
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_every_problem_in_the_file_is_reported_at_once(tmp_path, document):
    document["skills"][4]["levels"][1] = "expert"
    document["behaviors"][0]["provenance"] = "hearsay"
    document["activities"][25]["skills"].append("juggling")
    document["levels"][3]["name"]["xx"] = "?"
    errors = import_errors(write_yaml(tmp_path, document))
    assert "4 problems found" in errors
    for expected in (
        "skills[4].levels[1]: unknown level 'expert'",
        "behaviors[0].provenance: unknown provenance 'hearsay'",
        "activities[25].skills[3]: unknown skill 'juggling'",
        "levels[3].name: unknown language code 'xx'",
    ):
        assert expected in errors


@pytest.mark.django_db
def test_yaml_syntax_error_is_reported_with_its_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("sources:\n  - id: a\n    url: https://example.org\nlevels: [one\nskills: []\n", encoding="utf-8")
    errors = import_errors(path)
    assert "line 5, column 7: YAML syntax error" in errors


@pytest.mark.django_db
def test_repeated_key_is_reported_with_its_line(tmp_path):
    path = tmp_path / "repeated.yaml"
    path.write_text("meta:\n  status: draft\n  status: final\n", encoding="utf-8")
    assert "line 3, column 3: key 'status' is repeated" in import_errors(path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "the file is empty"), ("- sources\n- levels\n", "the top level must be a mapping of sections, got a list")],
)
def test_a_file_that_is_not_a_mapping_of_sections_is_refused(tmp_path, text, expected):
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    assert expected in import_errors(path)


@pytest.mark.django_db
def test_a_date_in_a_context_section_is_refused_since_json_cannot_hold_it(tmp_path, document):
    document["meta"]["published"] = "2020-06-01"
    path = write_yaml(tmp_path, document)
    path.write_text(path.read_text(encoding="utf-8").replace("'2020-06-01'", "2020-06-01"), encoding="utf-8")
    assert "meta.published: cannot store a date (2020-06-01; quote it to keep it as text)" in import_errors(path)


@pytest.mark.django_db
def test_the_shared_files_unquoted_comma_is_reported_as_an_unknown_language(tmp_path):
    # The shared copy had `name: {en: Diversity, equity and inclusion, ...}`: YAML reads the words after the
    # comma as a key of their own. (The shipped file, an export, writes the name as a block mapping.)
    fixed = (
        "    name:\n      en: Diversity, equity and inclusion\n      es: Diversidad, equidad e inclusión\n"
        "      fr: Diversité, équité et inclusion\n      ar: التنوع والإنصاف والشمول\n"
    )
    text = strip_manifest(DATA_FILE.read_text(encoding="utf-8"))
    assert fixed in text
    path = tmp_path / "shared.yaml"
    path.write_text(
        text.replace(
            fixed,
            "    name: {en: Diversity, equity and inclusion, es: Diversidad, equidad e inclusión,"
            " fr: Diversité, ar: شمول}\n",
        ),
        encoding="utf-8",
    )
    errors = import_errors(path)
    assert "skills[20].name: unknown language code 'equity and inclusion'" in errors
    assert "skills[20].name: unknown language code 'equidad e inclusión'" in errors
    assert "unquoted comma" in errors


@pytest.mark.django_db
def test_a_bad_last_item_leaves_the_database_exactly_as_it_was(tmp_path, document):
    run_import(DATA_FILE)
    SkillFactory(slug="curated-in-the-admin", levels=[EngagementLevel.objects.get(slug="emerging")])
    before = dump_tables(FRAMEWORK_MODELS)
    # Changes that would be written if the import went section by section…
    document["sources"].append({"id": "new_source", "url": "https://example.org/new"})
    document["skills"][0]["name"]["en"] = "Editing basics"
    document["behaviors"][0]["levels"] = ["emerging"]
    # …and a problem in the very last item.
    document["activities"][-1]["skills"].append("no-such-skill")
    errors = import_errors(write_yaml(tmp_path, document))
    assert "activities[25].skills[3]: unknown skill 'no-such-skill'" in errors
    assert dump_tables(FRAMEWORK_MODELS) == before


# --- Writing ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_importing_the_shipped_file_creates_every_item_with_spanish_names():
    output = run_import(DATA_FILE)
    for section, count in SHIPPED_COUNTS.items():
        assert f"{section}: {count} created, 0 updated, 0 unchanged" in output
    assert (Source.objects.count(), EngagementLevel.objects.count()) == (23, 4)
    assert (Skill.objects.count(), Behavior.objects.count(), Activity.objects.count()) == (28, 18, 26)
    assert set(FrameworkInfo.objects.values_list("key", flat=True)) == CONTEXT_SECTIONS

    skill = Skill.objects.get(slug="diversity-equity-inclusion")
    assert (skill.name_en, skill.name_es) == ("Diversity, equity and inclusion", "Diversidad, equidad e inclusión")
    assert skill.position == 20
    assert set(skill.levels.values_list("slug", flat=True)) == {"fundamental", "emerging", "expanding", "elevated"}
    assert EngagementLevel.objects.get(slug="elevated").name_es == "Elevado"
    assert Behavior.objects.get(slug="asks-for-help").name_es == "Pide ayuda"
    activity = Activity.objects.get(slug="organize-event")
    assert set(activity.skills.values_list("slug", flat=True)) == {
        "event-organizing",
        "communication",
        "diversity-equity-inclusion",
    }
    assert set(activity.sources.values_list("key", flat=True)) == {"movement_organizers", "ccm", "capx_repo"}
    source = Source.objects.get(key="ldwg_appendix")
    assert source.seen_as.endswith("/Appendix/da")
    assert source.note_en.startswith("Alphabetized skills list")
    assert FrameworkInfo.objects.get(key="meta").data["dataset_version"] == "0.1"


@pytest.mark.django_db
def test_imported_items_are_found_by_search_in_spanish():
    run_import(DATA_FILE)
    found = list(get_search_backend().search("Diversidad", Skill))
    assert Skill.objects.get(slug="diversity-equity-inclusion") in found


@pytest.mark.django_db
def test_a_second_import_reports_every_section_unchanged_and_writes_nothing():
    run_import(DATA_FILE)
    with CaptureQueriesContext(connection) as queries:
        output = run_import(DATA_FILE)
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    for section, count in {**SHIPPED_COUNTS, **dict.fromkeys(CONTEXT_SECTIONS, 1)}.items():
        assert f"{section}: 0 created, 0 updated, {count} unchanged" in output


@pytest.mark.django_db
def test_changed_items_are_updated_and_links_set_to_exactly_the_file(tmp_path, document):
    run_import(DATA_FILE)
    document["skills"][0]["name"]["es"] = "Edición básica"
    document["skills"][1]["levels"] = ["emerging"]
    del document["skills"][2]["description"]["es"]
    path = write_yaml(tmp_path, document)
    # The level links and the Spanish description the file drops are removals: refused unless allowed.
    assert "nothing was written" in import_errors(path)
    output = run_import(path, "--allow-removals")
    assert "skills: 0 created, 3 updated, 25 unchanged" in output
    assert "behaviors: 0 created, 0 updated, 18 unchanged" in output
    assert Skill.objects.get(slug="wiki-editing-basics").name_es == "Edición básica"
    assert list(Skill.objects.get(slug="policies-and-norms").levels.values_list("slug", flat=True)) == ["emerging"]
    assert not Skill.objects.get(slug="research-and-sourcing").description_es


@pytest.mark.django_db
def test_items_missing_from_the_file_are_left_alone_and_counted(tmp_path, document):
    run_import(DATA_FILE)
    SkillFactory(slug="curated-in-the-admin", levels=[EngagementLevel.objects.get(slug="emerging")])
    del document["skills"][7]  # on-wiki-technical, which no activity builds
    del document["roles"]  # some steps build it
    output = run_import(write_yaml(tmp_path, document))
    assert "skills: 2 in the database are not in the file (left as they are)" in output
    assert Skill.objects.filter(slug__in=["curated-in-the-admin", "on-wiki-technical"]).count() == 2
    # Positions follow the file: the skill after the removed one moved up.
    assert Skill.objects.get(slug="structured-data").position == 7


@pytest.mark.django_db
def test_references_must_resolve_within_the_file_when_it_has_the_section(tmp_path, document):
    # The file stays importable into an empty database: a reference to an item dropped from the file is an
    # error even while the item is still in the database.
    run_import(DATA_FILE)
    del document["skills"][3]
    assert "activities[2].skills[1]: unknown skill 'digital-security'" in import_errors(write_yaml(tmp_path, document))


@pytest.mark.django_db
def test_levels_can_swap_their_order(tmp_path, document):
    run_import(DATA_FILE)
    document["levels"][0]["order"], document["levels"][1]["order"] = 2, 1
    run_import(write_yaml(tmp_path, document))
    assert list(EngagementLevel.objects.values_list("slug", flat=True)) == [
        "emerging",
        "fundamental",
        "expanding",
        "elevated",
    ]


@pytest.mark.django_db
def test_a_level_order_held_by_a_level_outside_the_file_is_refused(tmp_path, document):
    EngagementLevelFactory(slug="summit", order=4)
    errors = import_errors(write_yaml(tmp_path, document))
    assert "levels[3].order: order 4 is held by level 'summit' in the database" in errors


@pytest.mark.django_db
def test_a_file_without_levels_refers_to_the_levels_in_the_database(tmp_path, document):
    run_import(DATA_FILE)
    partial = {"skills": document["skills"]}
    partial["skills"][0]["levels"] = ["elevated"]
    output = run_import(write_yaml(tmp_path, partial), "--allow-removals")
    assert "skills: 0 created, 1 updated, 27 unchanged" in output
    partial["skills"][0]["levels"] = ["expert"]
    assert "skills[0].levels[0]: unknown level 'expert'" in import_errors(write_yaml(tmp_path, partial))


@pytest.mark.django_db
def test_dry_run_reports_what_would_change_and_writes_nothing():
    before = dump_tables(FRAMEWORK_MODELS)
    output = run_import(DATA_FILE, "--dry-run")
    assert "skills: 28 would be created, 0 would be updated, 0 unchanged" in output
    assert "Dry run: nothing was written." in output
    assert dump_tables(FRAMEWORK_MODELS) == before
    assert not Skill.objects.exists()


@pytest.mark.django_db
def test_the_roles_section_is_imported_by_the_pathways_app():
    output = run_import(DATA_FILE)
    assert "roles: 9 created, 0 updated, 0 unchanged" in output
    assert not FrameworkInfo.objects.filter(key="roles").exists()


# --- Export -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_then_export_is_byte_identical(tmp_path):
    run_import(DATA_FILE)
    first = export_to(tmp_path / "first.yaml")
    flush_framework_tables()
    run_import(tmp_path / "first.yaml")
    assert export_to(tmp_path / "second.yaml") == first
    stdout = StringIO()
    call_command("export_framework", stdout=stdout)
    assert stdout.getvalue().encode("utf-8") == first


@pytest.mark.django_db
def test_export_writes_the_import_format_in_a_canonical_order(tmp_path):
    run_import(DATA_FILE)
    Skill.objects.filter(slug="communication").update(name_fr="")
    text = export_to(tmp_path / "export.yaml").decode("utf-8")
    assert "Diversidad, equidad e inclusión" in text  # allow_unicode: no \u escapes
    exported = yaml.safe_load(text)
    assert list(exported) == [
        "manifest",
        "meta",
        "sources",
        "levels",
        "skills",
        "behaviors",
        "activities",
        "roles",
        "movement_supports",
        "barriers",
        "related_taxonomies",
    ]
    assert [level["slug"] for level in exported["levels"]] == ["fundamental", "emerging", "expanding", "elevated"]
    skill = exported["skills"][0]
    assert list(skill) == [
        "slug",
        "name",
        "category",
        "levels",
        "provenance",
        "sources",
        "description",
        "translated_by",
    ]
    assert list(skill["name"]) == ["en", "es", "fr", "ar"]  # languages in the site's order
    assert skill["translated_by"] == {"es": "team", "fr": "team", "ar": "team"}
    # References in the target's order, whatever the order in the data file.
    translation = next(item for item in exported["skills"] if item["slug"] == "translation-localization")
    assert translation["sources"] == ["mlldp_learned", "lldf_draft", "capx_repo"]
    activity = next(item for item in exported["activities"] if item["slug"] == "organize-event")
    assert activity["skills"] == ["communication", "event-organizing", "diversity-equity-inclusion"]
    assert exported["activities"][2]["sources"] == []
    communication = next(item for item in exported["skills"] if item["slug"] == "communication")
    assert list(communication["name"]) == ["en", "es", "ar"]  # empty translations are left out


@pytest.mark.django_db
def test_translator_notes_and_level_provenance_survive_the_round_trip(tmp_path, document):
    document["skills"][0]["fr_uncertain"] = True
    document["skills"][0]["fr_note"] = "« Édition » ou « modification » ?"
    run_import(write_yaml(tmp_path, document))
    first = export_to(tmp_path / "first.yaml")
    flush_framework_tables()
    run_import(tmp_path / "first.yaml")
    assert export_to(tmp_path / "second.yaml") == first

    level = EngagementLevel.objects.get(slug="elevated")
    assert level.translation_notes == {"es": {"uncertain": True, "note": document["levels"][3]["es_note"]}}
    assert level.provenance_detail == {"name": "source", "order": "source", "description": "reconstruction"}
    assert level.provenance == "reconstruction"
    assert Behavior.objects.get(slug="contributes-boldly").translation_notes == {
        "es": {"note": 'Echoes the Spanish Wikipedia guideline name "Sé valiente".'}
    }
    assert Skill.objects.get(slug="wiki-editing-basics").translation_notes == {
        "fr": {"uncertain": True, "note": "« Édition » ou « modification » ?"}
    }

    exported = yaml.safe_load(first)
    elevated = exported["levels"][3]
    assert elevated["es_uncertain"] is True
    assert elevated["es_note"] == document["levels"][3]["es_note"]
    assert elevated["provenance"] == {"name": "source", "order": "source", "description": "reconstruction"}
    assert exported["skills"][0]["fr_uncertain"] is True
    assert "es_uncertain" not in exported["behaviors"][3]
