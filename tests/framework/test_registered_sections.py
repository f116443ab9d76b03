"""Sections that other apps register with the framework data file: they check references to the framework's
sections, are written in the same transaction, and a problem or a failure in one stops the whole import."""

import pytest
import yaml

from core.datafile.checker import Checker
from core.datafile.modelsection import sync_object
from core.datafile.problems import at
from core.datafile.sections import Section, SectionResult
from framework.datafile import FRAMEWORK_FILE
from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from tests.data_files import dump_tables, export_to, import_errors, run_import, write_yaml

FRAMEWORK_MODELS = [Source, EngagementLevel, Skill, Behavior, Activity, FrameworkInfo]


@pytest.fixture
def badges_section():
    """A section as another app would register it: badges that name skills, kept in a FrameworkInfo row.
    A badge whose slug is ``explode`` makes the write fail."""

    def validate(data, context):
        checker = Checker(context)
        for _index, path, item in checker.entries(data, "badges") or []:
            checker.slug(item.get("slug"), at(path, "slug"))
            checker.references(item.get("skills"), at(path, "skills"), "skills", "skill", required=True)
        return checker.problems

    def write(data, context):
        if any(item["slug"] == "explode" for item in data):
            raise RuntimeError("the badge service is down")
        existing = FrameworkInfo.objects.filter(key="badges").first()
        values = {"key": "badges", "data": {"items": data}, "position": 65}
        result = SectionResult()
        result.count(sync_object(FrameworkInfo, existing, values)[1])
        return result

    def export():
        info = FrameworkInfo.objects.filter(key="badges").first()
        return info.data["items"] if info else None

    section = FRAMEWORK_FILE.register(Section(name="badges", order=65, validate=validate, write=write, export=export))
    yield section
    FRAMEWORK_FILE.unregister("badges")


@pytest.mark.django_db
def test_a_registered_section_resolves_references_to_earlier_sections_and_is_written(
    tmp_path, document, badges_section
):
    document["badges"] = [{"slug": "mentor-badge", "skills": ["mentoring-coaching", "communication"]}]
    output = run_import(write_yaml(tmp_path, document))
    assert "badges: 1 created, 0 updated, 0 unchanged" in output
    assert FrameworkInfo.objects.get(key="badges").data == {"items": document["badges"]}
    text = export_to(tmp_path / "export.yaml").decode("utf-8")
    assert list(yaml.safe_load(text))[6:8] == ["activities", "badges"]


@pytest.mark.django_db
def test_a_problem_in_a_registered_section_stops_the_whole_import(tmp_path, document, badges_section):
    document["badges"] = [{"slug": "mentor-badge", "skills": ["mentoring-coaching", "juggling"]}]
    errors = import_errors(write_yaml(tmp_path, document))
    assert "badges[0].skills[1]: unknown skill 'juggling'" in errors
    assert not Skill.objects.exists()


@pytest.mark.django_db
def test_a_failing_write_in_a_registered_section_rolls_back_the_framework_sections(tmp_path, document, badges_section):
    document["badges"] = [{"slug": "explode", "skills": ["communication"]}]
    with pytest.raises(RuntimeError, match="badge service"):
        run_import(write_yaml(tmp_path, document))
    assert dump_tables(FRAMEWORK_MODELS) == {model.__name__: "[]" for model in FRAMEWORK_MODELS}


def test_a_section_name_cannot_be_registered_twice():
    skills = FRAMEWORK_FILE.get("skills")
    with pytest.raises(ValueError, match="already registered"):
        FRAMEWORK_FILE.register(skills)
