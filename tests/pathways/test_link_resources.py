"""`link_pathway_resources`: the step-to-resource mapping, validated whole, applied idempotently, and the
step `resources` key of the data file."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.models import PathwayStep, Role
from tests.data_files import shipped_document

# Every test here runs on the shipped content, loaded once for the module (tests/conftest.py): whatever
# order the tests run in, they all find the same database.
pytestmark = pytest.mark.usefixtures("shipped_site")

DATA_FILE = Path(settings.BASE_DIR) / "framework" / "data" / "framework.yaml"
MAPPING = Path(settings.BASE_DIR) / "pathways" / "data" / "step_resources.yaml"


@pytest.fixture
def loaded(shipped_site, db):
    """The shipped framework and demo resources, as `make content` loads them before it links the steps' guides:
    the shipped content (loaded once for the module, tests/conftest.py) without those links."""
    PathwayStep.resources.through.objects.all().delete()


def mapped_steps():
    """How many steps the shipped mapping lists."""
    return sum(len(steps) for steps in yaml.safe_load(MAPPING.read_text(encoding="utf-8")).values())


def run_link(*args):
    """Run link_pathway_resources and return what it printed."""
    out = StringIO()
    call_command("link_pathway_resources", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def step_resources():
    """Every step's linked resource slugs, by role slug and order."""
    return {
        (step.role.slug, step.sort_order): sorted(step.resources.values_list("slug", flat=True))
        for step in PathwayStep.objects.select_related("role")
    }


def dump_links():
    """The steps' rows and links, for comparing before and after."""
    return serializers.serialize("json", PathwayStep.objects.order_by("pk"))


def test_the_shipped_mapping_names_every_role_and_one_to_three_resources_per_step():
    mapping = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    framework = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    resources = yaml.safe_load((Path(settings.BASE_DIR) / "resources" / "data" / "resources.yaml").read_text())
    assert set(mapping) == {role["slug"] for role in framework["roles"]}
    slugs = {resource["slug"] for resource in resources["resources"]}
    for steps in mapping.values():
        assert all(1 <= len(linked) <= 3 and set(linked) <= slugs for linked in steps.values())


@pytest.mark.django_db
def test_links_are_set_and_every_role_has_a_step_with_a_resource(loaded):
    output = run_link()
    assert f"steps: {mapped_steps()} updated, 0 unchanged" in output
    linked = step_resources()
    assert linked["content-editor", 1] == ["five-pillars", "help-introduction", "the-wikipedia-adventure"]
    for role in Role.objects.all():
        assert any(linked[role.slug, step.sort_order] for step in role.steps.all()), role.slug


@pytest.mark.django_db
def test_a_second_run_changes_nothing(loaded):
    run_link()
    with CaptureQueriesContext(connection) as queries:
        output = run_link()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert f"steps: 0 updated, {mapped_steps()} unchanged" in output


@pytest.mark.django_db
def test_problems_are_located_and_nothing_is_written(loaded, tmp_path):
    path = tmp_path / "links.yaml"
    path.write_text(
        "mentor:\n  1: [wikipedia-teahouse]\n  9: [five-pillars]\n"
        "trainer:\n  2: [lets-connect, no-such-guide, lets-connect]\n"
        "juggler:\n  1: [five-pillars]\n",
        encoding="utf-8",
    )
    before = dump_links()
    with pytest.raises(CommandError) as excinfo:
        run_link(path)
    errors = str(excinfo.value)
    assert "4 problems found; nothing was written." in errors
    assert "mentor.9: unknown step 9 of role 'mentor' (it has 1, 2, 3, 4, 5, 6)" in errors
    assert "trainer.2[1]: unknown resource 'no-such-guide'" in errors
    assert "trainer.2[2]: resource 'lets-connect' is listed twice" in errors
    assert "juggler: unknown role 'juggler'" in errors
    assert dump_links() == before


@pytest.mark.django_db
def test_a_step_is_set_to_exactly_the_file_and_unlisted_steps_are_left_alone(loaded, tmp_path):
    run_link()
    path = tmp_path / "links.yaml"
    path.write_text("mentor:\n  1: [five-pillars]\n", encoding="utf-8")
    # The guides the step would lose are removals, refused unless allowed.
    with pytest.raises(CommandError, match="--allow-removals"):
        run_link(path)
    assert "steps: 1 updated, 0 unchanged" in run_link(path, "--allow-removals")
    linked = step_resources()
    assert linked["mentor", 1] == ["five-pillars"]
    # Mentor's "Take on mentees" (step-2) is its third step.
    assert linked["mentor", 3] == ["capacity-exchange", "growth-mentors-list", "programa-de-tutoria-eswiki"]


@pytest.mark.django_db
def test_the_framework_import_keeps_linked_resources_and_the_export_writes_them_back(loaded, tmp_path):
    run_link()
    before = step_resources()
    # A data file without `resources` keys leaves the links alone…
    assert "roles: 0 created, 0 updated, 9 unchanged" in _import(DATA_FILE)
    assert step_resources() == before
    # …and the export writes them, so that a database rebuilt from it has them again.
    call_command("export_framework", str(tmp_path / "export.yaml"), stdout=StringIO())
    exported = yaml.safe_load((tmp_path / "export.yaml").read_text(encoding="utf-8"))
    assert sorted(exported["roles"][0]["suggested_steps"][0]["resources"]) == before["content-editor", 1]
    PathwayStep.objects.all().delete()
    Role.objects.all().delete()
    _import(tmp_path / "export.yaml")
    assert step_resources() == before


@pytest.mark.django_db
def test_a_resource_in_the_data_file_must_exist_once_resources_are_loaded(loaded, tmp_path):
    document = shipped_document()
    document["roles"][1]["suggested_steps"][0]["resources"] = ["five-pillars", "no-such-guide"]
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CommandError, match=r"roles\[1\]\.suggested_steps\[0\]\.resources\[1\]: unknown resource"):
        _import(path)


def _import(path):
    out = StringIO()
    call_command("import_framework", str(path), stdout=out)
    return out.getvalue()


def test_skip_missing_leaves_steps_with_absent_resources_untouched(tmp_path, loaded):
    """`make setup` uses --skip-missing: on a site without the demo guides, set-up goes on and no step loses
    the links a curator gave it."""
    call_command("link_pathway_resources", stdout=StringIO())
    step = PathwayStep.objects.filter(role__slug="mentor").order_by("sort_order").first()
    kept = list(step.resources.all())
    mapping = tmp_path / "links.yaml"
    mapping.write_text(f"mentor:\n  {step.sort_order}: [{kept[0].slug if kept else 'x'}, not-on-this-site]\n")
    output = StringIO()
    call_command("link_pathway_resources", str(mapping), "--skip-missing", stdout=output)
    assert "not-on-this-site" in output.getvalue()
    assert list(step.resources.all()) == kept
    with pytest.raises(CommandError, match="unknown resource 'not-on-this-site'"):
        call_command("link_pathway_resources", str(mapping), stdout=StringIO())


@pytest.mark.django_db
def test_steps_are_named_by_key_and_a_lost_guide_is_refused_unless_allowed(loaded, tmp_path):
    run_link()
    before = dump_links()
    path = tmp_path / "links.yaml"
    path.write_text("mentor:\n  step-2: [growth-mentors-list, five-pillars]\n  step-9: [five-pillars]\n")
    with pytest.raises(CommandError, match=r"mentor\.step-9: unknown step 'step-9' of role 'mentor' \(it has step-1"):
        run_link(path)
    path.write_text("mentor:\n  step-2: [growth-mentors-list, five-pillars]\n", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        run_link(path)
    errors = str(excinfo.value)
    assert "it would remove 1 value that the database holds; nothing was written" in errors
    assert "mentor.step-2: step 'step-2' of role 'mentor' loses capacity-exchange, programa-de-tutoria-eswiki" in errors
    assert dump_links() == before
    output = run_link(path, "--dry-run", "--prune")
    assert "Would remove 1 value (--allow-removals):" in output
    assert "  mentor.step-2: step 'step-2' of role 'mentor' would be updated" in output
    assert dump_links() == before
    assert "steps: 1 updated, 0 unchanged" in run_link(path, "--allow-removals")
    assert step_resources()["mentor", 3] == ["five-pillars", "growth-mentors-list"]
