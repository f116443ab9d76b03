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
from tests.framework.bad_documents import BAD_DOCUMENTS

FRAMEWORK_MODELS = [Source, EngagementLevel, Skill, Behavior, Activity, FrameworkInfo]
SHIPPED_COUNTS = {"sources": 23, "levels": 4, "skills": 28, "behaviors": 18, "activities": 26}
CONTEXT_SECTIONS = {"meta", "movement_supports", "barriers", "related_taxonomies"}


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
