"""Generated framework data at a chosen size, for query budgets and benchmarks."""

from framework.choices import Provenance, SkillCategory
from framework.models import Activity, Behavior, EngagementLevel, Skill, Source

LEVEL_SLUGS = ["fundamental", "emerging", "expanding", "elevated"]


def build_framework(scale):
    """Four levels with 28, 18 and 26 x ``scale`` skills, behaviors and activities, each linked to two
    levels and two sources, activities to two skills (the shipped file's shape, multiplied)."""
    sources = Source.objects.bulk_create(
        Source(key=f"source-{n}", url=f"https://meta.wikimedia.org/wiki/S{n}", note_en="Note.", position=n)
        for n in range(23)
    )
    levels = [
        EngagementLevel.objects.create(slug=slug, order=n + 1, name_en=slug.title(), name_es=slug, position=n)
        for n, slug in enumerate(LEVEL_SLUGS)
    ]
    categories = list(SkillCategory.values)

    def make(model, count, **extra):
        objects = model.objects.bulk_create(
            model(
                slug=f"{model._meta.model_name}-{n}",
                name_en=f"{model.__name__} {n}",
                name_es=f"{model.__name__} es {n}",
                description_en="Description.",
                provenance=Provenance.RECONSTRUCTION if n % 2 else Provenance.SOURCE,
                position=n,
                **{key: value(n) for key, value in extra.items()},
            )
            for n in range(count)
        )
        level_links = model.levels.through
        level_links.objects.bulk_create(
            level_links(**{f"{model._meta.model_name}_id": obj.pk, "engagementlevel_id": levels[(n + k) % 4].pk})
            for n, obj in enumerate(objects)
            for k in range(2)
        )
        source_links = model.sources.through
        source_links.objects.bulk_create(
            source_links(**{f"{model._meta.model_name}_id": obj.pk, "source_id": sources[(n + k) % 23].pk})
            for n, obj in enumerate(objects)
            for k in range(2)
        )
        return objects

    skills = make(Skill, 28 * scale, category=lambda n: categories[n % len(categories)])
    make(Behavior, 18 * scale)
    activities = make(Activity, 26 * scale)
    skill_links = Activity.skills.through
    skill_links.objects.bulk_create(
        skill_links(activity_id=activity.pk, skill_id=skills[(n + k) % len(skills)].pk)
        for n, activity in enumerate(activities)
        for k in range(2)
    )
    return levels
