"""factory_boy factories for roles and pathway steps (tests and benchmarks)."""

import factory

from framework.choices import Provenance
from framework.factories import EngagementLevelFactory

from .choices import RoleIcon
from .models import PathwayStep, Role


class RoleFactory(factory.django.DjangoModelFactory):
    """A role with English and Spanish text, spanning two levels (pass ``entry_level``/``target_level``)."""

    slug = factory.Sequence(lambda n: f"role-{n}")
    name_en = factory.Sequence(lambda n: f"Role {n}")
    name_es = factory.Sequence(lambda n: f"Rol {n}")
    summary_en = "What the role does."
    summary_es = "Lo que hace el rol."
    description_en = "A longer description of the role."
    description_es = "Una descripción más larga del rol."
    entry_level = factory.SubFactory(EngagementLevelFactory)
    target_level = factory.SelfAttribute("entry_level")
    icon = RoleIcon.USER_GROUP
    provenance = Provenance.SOURCE
    position = factory.Sequence(lambda n: n)

    class Meta:
        model = Role
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True


class PathwayStepFactory(factory.django.DjangoModelFactory):
    """A step of a role (pass ``role``, ``level`` and optionally ``skills=[…]``, ``activities=[…]``…)."""

    role = factory.SubFactory(RoleFactory)
    title_en = factory.Sequence(lambda n: f"Step {n}")
    title_es = factory.Sequence(lambda n: f"Paso {n}")
    description_en = "What to do in this step."
    level = factory.SelfAttribute("role.entry_level")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = PathwayStep
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Save once after every link is set: the step's links are a cluster's (ParentalManyToManyField), written
        by ``save()``, and each save also refreshes Wagtail's reference index, so one save per link cost four."""
        if create and results and any(results.values()):
            instance.save()

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        """Link skills (``skills=[skill]``)."""
        if create and extracted:
            self.skills.set(extracted)
            return True
        return False

    @factory.post_generation
    def behaviors(self, create, extracted, **kwargs):
        """Link behaviors (``behaviors=[behavior]``)."""
        if create and extracted:
            self.behaviors.set(extracted)
            return True
        return False

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        """Link activities (``activities=[activity]``)."""
        if create and extracted:
            self.activities.set(extracted)
            return True
        return False

    @factory.post_generation
    def resources(self, create, extracted, **kwargs):
        """Link resource pages (``resources=[page]``)."""
        if create and extracted:
            self.resources.set(extracted)
            return True
        return False
