"""The data file's `roles` section: imported with the framework in one transaction, located errors, idempotent,
steps set to exactly the file's, and the export round trip."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from pathways.choices import RoleIcon
from pathways.models import PathwayStep, Role
from tests.data_files import (
    DATA_FILE,
    dump_tables,
    export_to,
    flush_framework_tables,
    import_errors,
    run_import,
    shipped_step_count,
    write_yaml,
)

TABLES = [Source, EngagementLevel, Skill, Behavior, Activity, FrameworkInfo, Role, PathwayStep]


def steps_of(slug):
    """A role's steps as ``(order, English title, level slug)``."""
    return [(step.sort_order, step.title_en, step.level.slug) for step in Role.objects.get(slug=slug).steps.all()]


@pytest.mark.django_db
def test_the_shipped_file_imports_nine_roles_with_their_steps_in_order():
    output = run_import(DATA_FILE)
    assert "roles: 9 created, 0 updated, 0 unchanged" in output
    assert "roles: no installed app" not in output
    assert list(Role.objects.values_list("slug", flat=True)) == [
        "content-editor",
        "patroller-administrator",
        "mentor",
        "trainer",
        "event-organizer",
        "partnerships-coordinator",
        "technical-contributor",
        "affiliate-board-member",
        "committee-member",
    ]
    assert PathwayStep.objects.count() == shipped_step_count()
    assert steps_of("content-editor")[:3] == [
        (1, "Learn the basics", "fundamental"),
        (2, "Edit with others", "fundamental"),
        (3, "Go deeper on a topic", "emerging"),
    ]

    role = Role.objects.get(slug="patroller-administrator")
    assert (role.name_en, role.name_es) == ("Patroller / administrator", "Patrullero(a) / bibliotecario(a)")
    assert role.description_es.startswith("Quienes patrullan revisan los cambios recientes")
    assert role.summary_es.startswith("Vigila las ediciones nuevas")
    assert (role.entry_level.slug, role.target_level.slug) == ("emerging", "expanding")
    assert role.icon == RoleIcon.EYE
    assert role.provenance == "source"
    assert list(role.sources.values_list("key", flat=True)) == ["roles_list"]
    assert role.translation_notes["es"]["uncertain"] is True
    assert Role.objects.get(slug="mentor").icon == RoleIcon.USER_MENTOR

    step = role.steps.get(key="step-2")
    assert step.title_es == "Gestionar disputas con equidad"
    assert set(step.skills.values_list("slug", flat=True)) == {
        "conflict-resolution",
        "addressing-harassment",
        "consensus-building",
    }
    assert set(step.behaviors.values_list("slug", flat=True)) == {
        "communicates-constructively",
        "respects-community-norms",
    }
    assert list(step.activities.values_list("slug", flat=True)) == ["mentor-newcomers"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda doc: doc["roles"][2]["suggested_steps"][1]["activities"].__setitem__(0, "x"),
            "roles[2].suggested_steps[1].activities[0]: unknown activity 'x'",
        ),
        (
            lambda doc: doc["roles"][0]["suggested_steps"][2].__setitem__("level", "expert"),
            "roles[0].suggested_steps[2].level: unknown level 'expert'",
        ),
        (lambda doc: doc["roles"][4].__setitem__("target_level", "top"), "roles[4].target_level: unknown level 'top'"),
        (
            lambda doc: doc["roles"][1]["suggested_steps"][1].__setitem__("order", 1),
            "roles[1].suggested_steps[1].order: order 1 is already used by roles[1].suggested_steps[0]",
        ),
        (lambda doc: doc["roles"][3].__setitem__("icon", "unicorn"), "roles[3].icon: unknown icon 'unicorn'"),
        (
            lambda doc: doc["roles"][5]["suggested_steps"][0].__setitem__("links", [{"title": "A", "url": "ftp://x"}]),
            "roles[5].suggested_steps[0].links[0].url: 'ftp://x' is not an http(s) URL",
        ),
        (lambda doc: doc["roles"][6].__setitem__("summry", "Typo"), "roles[6].summry: unknown key"),
    ],
    ids=["unknown activity", "unknown level", "unknown target level", "repeated order", "icon", "link", "key"],
)
def test_a_bad_step_or_role_is_located_and_nothing_is_written(tmp_path, document, change, expected):
    run_import(DATA_FILE)
    before = dump_tables(TABLES)
    document["skills"][0]["name"]["en"] = "Editing basics"  # a framework change that must roll back too
    document["roles"][0]["name"]["en"] = "Editor"
    change(document)
    errors = import_errors(write_yaml(tmp_path, document))
    assert expected in errors
    assert "nothing was written" in errors
    assert dump_tables(TABLES) == before


@pytest.mark.django_db
def test_a_second_import_reports_the_roles_unchanged_and_writes_nothing():
    run_import(DATA_FILE)
    with CaptureQueriesContext(connection) as queries:
        output = run_import(DATA_FILE)
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert "roles: 0 created, 0 updated, 9 unchanged" in output


@pytest.mark.django_db
def test_a_step_removed_from_the_file_is_removed_and_changed_steps_updated(tmp_path, document):
    run_import(DATA_FILE)
    steps = document["roles"][2]["suggested_steps"]
    steps.remove(next(step for step in steps if step["key"] == "step-2"))
    steps[0]["title"]["en"] = "Answer questions in help spaces"
    steps[0]["behaviors"] = ["welcomes-newcomers"]
    output = run_import(write_yaml(tmp_path, document), "--allow-removals")
    assert "roles: 0 created, 1 updated, 8 unchanged" in output
    assert steps_of("mentor")[0] == (1, "Answer questions in help spaces", "emerging")
    assert "Take on mentees" not in [title for _order, title, _level in steps_of("mentor")]
    first = Role.objects.get(slug="mentor").steps.get(sort_order=1)
    assert list(first.behaviors.values_list("slug", flat=True)) == ["welcomes-newcomers"]
    assert PathwayStep.objects.count() == shipped_step_count() - 1


@pytest.mark.django_db
def test_roles_not_in_the_file_are_left_alone_and_counted(tmp_path, document):
    run_import(DATA_FILE)
    left_out = document["roles"].pop(8)
    output = run_import(write_yaml(tmp_path, document))
    assert "roles: 1 in the database are not in the file (left as they are)" in output
    assert Role.objects.get(slug="committee-member").steps.count() == len(left_out["suggested_steps"])


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_then_export_is_byte_identical(tmp_path):
    run_import(DATA_FILE)
    first = export_to(tmp_path / "first.yaml")
    exported = yaml.safe_load(first)
    assert list(exported)[6:9] == ["activities", "roles", "movement_supports"]
    assert [role["slug"] for role in exported["roles"]] == [role.slug for role in Role.objects.all()]
    assert "icon" not in exported["roles"][0]  # the default icon is not written out
    flush_framework_tables()
    run_import(tmp_path / "first.yaml")
    assert PathwayStep.objects.count() == shipped_step_count()
    assert export_to(tmp_path / "second.yaml") == first


@pytest.mark.django_db
def test_optional_step_keys_and_an_icon_survive_the_round_trip(tmp_path, document):
    role = document["roles"][3]
    role["icon"] = "speechBubbles"
    role["summary"] = {"en": "Leads learning sessions.", "es": "Dirige sesiones de aprendizaje."}
    step = role["suggested_steps"][0]
    step["description"] = {"en": "Sit in on a session.", "es": "Asiste a una sesión."}
    step["links"] = [
        {"title": {"en": "WikiLearn", "es": "WikiLearn en español"}, "url": "https://learn.wiki/en"},
        {
            "title": {"en": "Meta"},
            "url": {"en": "https://meta.wikimedia.org/en", "es": "https://meta.wikimedia.org/es"},
        },
    ]
    run_import(write_yaml(tmp_path, document))
    first = export_to(tmp_path / "first.yaml")
    flush_framework_tables()
    run_import(tmp_path / "first.yaml")
    assert export_to(tmp_path / "second.yaml") == first

    trainer = Role.objects.get(slug="trainer")
    assert (trainer.icon, trainer.summary_es) == ("speechBubbles", "Dirige sesiones de aprendizaje.")
    saved = trainer.steps.get(sort_order=1)
    assert saved.description_es == "Asiste a una sesión."
    assert [(link.value["title"], link.value["url"]) for link in saved.links_es] == [
        ("WikiLearn en español", "https://learn.wiki/en"),
        ("Meta", "https://meta.wikimedia.org/es"),
    ]
    exported = yaml.safe_load(first)["roles"][3]
    assert exported["icon"] == "speechBubbles"
    assert exported["suggested_steps"][0]["links"] == [
        {"title": {"en": "WikiLearn", "es": "WikiLearn en español"}, "url": "https://learn.wiki/en"},
        {
            "title": {"en": "Meta"},
            "url": {"en": "https://meta.wikimedia.org/en", "es": "https://meta.wikimedia.org/es"},
        },
    ]
    # A second import of the same file changes nothing, links included.
    assert "roles: 0 created, 0 updated, 9 unchanged" in run_import(tmp_path / "first.yaml")
