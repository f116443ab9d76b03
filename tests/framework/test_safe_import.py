"""Imports that cannot lose data: a copy cut short or missing a section is refused by the manifest the export
wrote at its top; a file that would remove or blank what the database holds is refused unless the command is
given --allow-removals, which lists each removal first; a dry run lists every change; re-importing keeps the guides
linked to the steps, which are matched by key."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from core.datafile import manifest
from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from pathways.models import PathwayStep, Role
from tests.data_files import (
    DATA_FILE,
    dump_tables,
    export_to,
    flush_framework_tables,
    import_errors,
    run_import,
    shipped_document,
    write_yaml,
)

# Every test here runs on the shipped content, loaded once for the module (tests/conftest.py): whatever
# order the tests run in, they all find the same database.
pytestmark = pytest.mark.usefixtures("shipped_site")

TABLES = [Source, EngagementLevel, Skill, Behavior, Activity, FrameworkInfo, Role, PathwayStep]


@pytest.fixture
def content(shipped_site, home_page):
    """The framework, the demo resources and the steps' guides, as `make content` loads them (loaded once for
    the module, tests/conftest.py)."""


def write_text(tmp_path, text, name="framework.yaml"):
    """Write a data file's text where the command can read it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cut_at_half():
    """The shipped file cut at half its bytes (at the character boundary just before)."""
    data = DATA_FILE.read_bytes()
    return data[: len(data) // 2].decode("utf-8", errors="ignore")


def cut_in_roles():
    """The shipped file cut inside the roles section: in the first role's second step, just before its
    activities, so that the role keeps two of its three steps and the second loses its activities."""
    text = DATA_FILE.read_text(encoding="utf-8")
    role = text.index("  - slug: content-editor")
    return text[: text.index("activities:", text.index("key: step-2", role))]


def step_guides():
    """Every step's linked guides, by role and step key, with the step's row id."""
    return {
        (step.role.slug, step.key): (step.pk, sorted(step.resources.values_list("slug", flat=True)))
        for step in PathwayStep.objects.select_related("role")
    }


def run(*args):
    """Run import_framework; returns ``(output, error)``, the error None when it succeeded."""
    out = StringIO()
    try:
        call_command("import_framework", *[str(arg) for arg in args], stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


# --- The manifest ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_shipped_file_is_an_export_with_a_manifest_at_its_top(tmp_path):
    text = DATA_FILE.read_text(encoding="utf-8")
    assert next(line for line in text.splitlines() if line and not line.startswith("#")) == "manifest:"
    document = yaml.safe_load(text)
    assert list(document)[0] == "manifest"
    assert document["manifest"]["sections"]["roles"] == 9
    assert manifest.verify(document)[1] == []
    flush_framework_tables()  # the module's database holds the shipped content: import into an empty framework
    run_import(DATA_FILE)
    assert export_to(tmp_path / "export.yaml") == DATA_FILE.read_bytes()


@pytest.mark.django_db
def test_a_copy_cut_at_half_its_bytes_is_refused_and_changes_nothing(tmp_path, content):
    text = cut_at_half()
    assert isinstance(yaml.safe_load(text), dict)  # still valid YAML: the manifest is what tells
    before = dump_tables(TABLES)
    errors = import_errors(write_text(tmp_path, text))
    assert "does not match the manifest at its top; nothing was written" in errors
    assert "manifest.sha256: the content does not match the checksum" in errors
    # Half the bytes end before the last section, wherever the cut falls as the content grows.
    assert (
        "manifest.sections.related_taxonomies: the file has no section 'related_taxonomies' (the manifest counts 4)"
        in errors
    )
    assert "export it again, or delete the `manifest:` block" in errors
    assert dump_tables(TABLES) == before


@pytest.mark.django_db
def test_a_copy_cut_inside_the_roles_is_refused_and_changes_nothing(tmp_path, content):
    before = dump_tables(TABLES)
    errors = import_errors(write_text(tmp_path, cut_in_roles()))
    assert "manifest.sections.roles: the manifest counts 9, the file has 1" in errors
    assert "manifest.sha256: the content does not match the checksum" in errors
    assert dump_tables(TABLES) == before


@pytest.mark.django_db
def test_without_its_manifest_the_cut_copy_is_refused_for_what_it_would_remove(tmp_path, content):
    text = without_manifest(cut_in_roles())
    before = dump_tables(TABLES)
    errors = import_errors(write_text(tmp_path, text))
    # The second step loses its activities and, cut before it, the record of who translated it; the steps after
    # it are lost too.
    lost = len(shipped_document()["roles"][0]["suggested_steps"]) - 2
    assert f"it would remove {2 + lost} values that the database holds; nothing was written" in errors
    assert "roles[0].suggested_steps[1].translated_by: role 'content-editor' loses " in errors
    assert (
        "roles[0].suggested_steps: role 'content-editor' loses 'step-3' \"Go deeper on a topic\" with 2 skills, "
        "2 activities, 3 resources" in errors
    )
    assert "roles[0].suggested_steps[1].activities: role 'content-editor' loses " in errors
    assert "--allow-removals" in errors
    assert dump_tables(TABLES) == before


@pytest.mark.django_db
def test_a_file_with_a_section_missing_is_refused_and_changes_nothing(tmp_path, content):
    document = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    del document["barriers"]
    before = dump_tables(TABLES)
    errors = import_errors(write_yaml(tmp_path, document))
    assert "manifest.sections.barriers: the file has no section 'barriers' (the manifest counts 3)" in errors
    assert dump_tables(TABLES) == before


@pytest.mark.django_db
def test_the_manifest_holds_whatever_the_formatting_but_not_an_edit(tmp_path, content):
    document = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    # Another layout, another key order, even JSON: the same content, accepted and changing nothing.
    reordered = {key: document[key] for key in reversed(list(document))}
    reordered["levels"] = [dict(reversed(list(level.items()))) for level in reordered["levels"]]
    output, error = run(write_yaml(tmp_path, reordered, "reordered.yaml"))
    assert error is None
    assert "skills: 0 created, 0 updated, 28 unchanged" in output
    # One changed word is not the exported content any more…
    document["skills"][0]["name"]["es"] = "Edición básica"
    _output, error = run(write_yaml(tmp_path, document))
    assert "manifest.sha256: the content does not match the checksum" in error
    # …and once the manifest block is deleted, the edit imports.
    del document["manifest"]
    output, error = run(write_yaml(tmp_path, document))
    assert error is None
    assert Skill.objects.get(slug="wiki-editing-basics").name_es == "Edición básica"


@pytest.mark.django_db
def test_a_manifest_of_another_format_is_refused(tmp_path):
    document = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    document["manifest"]["format"] = 2
    before = dump_tables(TABLES)
    errors = import_errors(write_yaml(tmp_path, document))
    assert "manifest.format: this Hub reads manifest format 1, the file has 2" in errors
    assert dump_tables(TABLES) == before


# --- Removals ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_removal_is_refused_without_the_flag_and_made_and_listed_first_with_it(tmp_path, content):
    document = shipped_document()
    activity = next(item for item in document["activities"] if item["slug"] == "create-user-page")
    spanish = activity["description"].pop("es")
    mentor_steps = document["roles"][2]["suggested_steps"]
    mentor_steps.remove(next(step for step in mentor_steps if step["key"] == "step-3"))
    path = write_yaml(tmp_path, document)
    before = dump_tables(TABLES)
    errors = import_errors(path)
    index = document["activities"].index(activity)
    shown = " ".join(spanish.split())[:20]
    assert f"activities[{index}].description.es: activity 'create-user-page' loses \"{shown}" in errors
    assert "roles[2].suggested_steps: role 'mentor' loses 'step-3' \"Mentor the mentors\"" in errors
    assert dump_tables(TABLES) == before

    for flag in ("--allow-removals", "--prune"):
        output, error = run(path, flag, "--dry-run")
        assert error is None, flag
        assert output.splitlines()[0] == "Would remove 2 values (--allow-removals):"
    output = run_import(path, "--allow-removals")
    lines = output.splitlines()
    assert lines[0] == "Removed 2 values (--allow-removals):"
    assert lines[1].startswith(f"  activities[{index}].description.es: activity 'create-user-page' loses")
    assert lines[2].startswith("  roles[2].suggested_steps: role 'mentor' loses 'step-3'")
    assert not Activity.objects.get(slug="create-user-page").description_es
    assert "step-3" not in Role.objects.get(slug="mentor").steps.values_list("key", flat=True)


@pytest.mark.django_db
def test_items_left_out_of_the_file_are_not_removals(tmp_path, content):
    document = shipped_document()
    left_out = document["roles"].pop(8)
    del document["barriers"]
    output, error = run(write_yaml(tmp_path, document))
    assert error is None
    assert "roles: 1 in the database are not in the file (left as they are)" in output
    assert Role.objects.get(slug="committee-member").steps.count() == len(left_out["suggested_steps"])
    assert FrameworkInfo.objects.filter(key="barriers").exists()


@pytest.mark.django_db
def test_a_dry_run_lists_every_change_and_removal(tmp_path, content):
    document = shipped_document()
    document["skills"][0]["name"]["es"] = "Edición básica"
    new_skill = {"slug": "listening", "name": {"en": "Listening"}, "category": "interpersonal"}
    document["skills"].append({**new_skill, "levels": ["fundamental"], "provenance": "reconstruction"})
    # The note goes in every language, and with it the record of who translated it.
    del document["sources"][0]["note"]
    del document["sources"][0]["translated_by"]
    path = write_yaml(tmp_path, document)
    before = dump_tables(TABLES)
    output, error = run(path, "--dry-run")
    assert "Changes:" in output
    assert "  skills[0]: skill 'wiki-editing-basics' would be updated (name.es)" in output
    assert "  skills[28]: skill 'listening' would be created" in output
    assert (
        "  sources[0]: source 'mlldp_main' would be updated (note.en, note.es, note.fr, note.ar, translated_by)"
        in output
    )
    assert "sources[0].note.en: source 'mlldp_main' loses \"Project overview" in error
    assert "sources[0].note.ar: source 'mlldp_main' loses \"نظرة عامة على المشروع" in error
    assert "sources[0].translated_by: source 'mlldp_main' loses" in error
    output = run_import(path, "--dry-run", "--allow-removals")
    assert "  skills[28]: skill 'listening' would be created" in output
    assert "Dry run: nothing was written." in output
    assert dump_tables(TABLES) == before


# --- Steps keep their identity -------------------------------------------------------------------------


def without_manifest(text):
    """A data file's text without its manifest block."""
    return text[: text.index("manifest:")] + text[text.index("# About the data set.") :]


@pytest.mark.django_db
def test_a_re_import_keeps_every_steps_linked_guides(tmp_path, content):
    before = step_guides()
    assert all(guides for _pk, guides in before.values())
    # A copy cut short, with or without its manifest, takes nothing away…
    assert run(write_text(tmp_path, cut_in_roles()))[1] is not None
    assert run(write_text(tmp_path, without_manifest(cut_in_roles())))[1] is not None
    # …and the whole file again finds every step as it was, matched by key.
    output = run_import(DATA_FILE)
    assert "roles: 0 created, 0 updated, 9 unchanged" in output
    assert step_guides() == before


@pytest.mark.django_db
def test_a_reordered_step_keeps_its_guides(tmp_path, content):
    before = step_guides()
    document = shipped_document()
    steps = document["roles"][0]["suggested_steps"]
    steps[0]["order"], steps[2]["order"] = 3, 1
    steps.reverse()
    output = run_import(write_yaml(tmp_path, document))
    assert "roles: 0 created, 1 updated, 8 unchanged" in output
    role = Role.objects.get(slug="content-editor")
    assert [step.key for step in role.steps.all()][:3] == ["step-3", "step-2", "step-1"]
    assert step_guides() == before
