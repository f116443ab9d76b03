import pytest

from framework.factories import EngagementLevelFactory, SkillFactory
from pathways.factories import PathwayStepFactory, RoleFactory


@pytest.mark.django_db
def test_factories_build():
    level = EngagementLevelFactory()
    role = RoleFactory(entry_level=level)
    skill = SkillFactory(levels=[level])
    step = PathwayStepFactory(role=role, skills=[skill])
    step.refresh_from_db()
    assert list(step.skills.all()) == [skill]
    assert role.steps.count() == 1
