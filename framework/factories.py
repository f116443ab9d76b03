"""factory_boy factories for the framework's models (tests and benchmarks)."""

import factory

from .choices import Provenance, SkillCategory
from .models import Activity, Behavior, EngagementLevel, Skill, Source


class SourceFactory(factory.django.DjangoModelFactory):
    """A cited page on Meta-Wiki."""

    key = factory.Sequence(lambda n: f"source-{n}")
    title_en = factory.Sequence(lambda n: f"Source {n}")
    url = factory.Sequence(lambda n: f"https://meta.wikimedia.org/wiki/Source_{n}")
    note_en = "A page the framework cites."

    class Meta:
        model = Source
        django_get_or_create = ("key",)
        skip_postgeneration_save = True


class EngagementLevelFactory(factory.django.DjangoModelFactory):
    """A level with English and Spanish names."""

    slug = factory.Sequence(lambda n: f"level-{n}")
    order = factory.Sequence(lambda n: n + 100)
    name_en = factory.Sequence(lambda n: f"Level {n}")
    name_es = factory.Sequence(lambda n: f"Nivel {n}")
    short_description_en = "A stage of the journey."
    short_description_es = "Una etapa del camino."
    provenance = Provenance.SOURCE

    class Meta:
        model = EngagementLevel
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True


class _ItemFactory(factory.django.DjangoModelFactory):
    name_en = factory.Sequence(lambda n: f"Item {n}")
    name_es = factory.Sequence(lambda n: f"Elemento {n}")
    description_en = "What it means in practice."
    description_es = "Lo que significa en la práctica."
    provenance = Provenance.RECONSTRUCTION
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        """Link the given levels (``levels=[level]``)."""
        if create and extracted:
            self.levels.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        """Link the given sources (``sources=[source]``)."""
        if create and extracted:
            self.sources.set(extracted)


class SkillFactory(_ItemFactory):
    """A skill (pass ``levels=[...]`` to place it)."""

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    name_es = factory.Sequence(lambda n: f"Habilidad {n}")
    category = SkillCategory.INTERPERSONAL

    class Meta:
        model = Skill
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True


class BehaviorFactory(_ItemFactory):
    """A behavior (pass ``levels=[...]`` to place it)."""

    slug = factory.Sequence(lambda n: f"behavior-{n}")
    name_en = factory.Sequence(lambda n: f"Behavior {n}")
    name_es = factory.Sequence(lambda n: f"Comportamiento {n}")

    class Meta:
        model = Behavior
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True


class ActivityFactory(_ItemFactory):
    """An activity (pass ``levels=[...]`` and ``skills=[...]``)."""

    slug = factory.Sequence(lambda n: f"activity-{n}")
    name_en = factory.Sequence(lambda n: f"Activity {n}")
    name_es = factory.Sequence(lambda n: f"Actividad {n}")

    class Meta:
        model = Activity
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        """Link the skills this activity builds (``skills=[skill]``)."""
        if create and extracted:
            self.skills.set(extracted)
