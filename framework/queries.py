"""Read helpers for the framework's pages: each returns what a page shows, prefetched, so a page
costs the same few queries however many items the framework holds."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source


def levels():
    """Levels in their order (a fresh queryset each call: a module-level one would cache its rows)."""
    return EngagementLevel.objects.order_by("order")


def sources():
    """Sources in file order."""
    return Source.objects.order_by("position", "key")


def prefetch_levels():
    """Prefetch an item's (or a resource's) levels in their order."""
    return Prefetch("levels", queryset=levels())


def _sources_only():
    return Prefetch("sources", queryset=sources())


def matrix_levels():
    """Every level in order, with its skills, behaviors and activities (for the overview matrix)."""
    return list(
        levels().prefetch_related(
            Prefetch("skills", queryset=Skill.objects.order_by("position", "slug")),
            Prefetch("behaviors", queryset=Behavior.objects.order_by("position", "slug")),
            Prefetch("activities", queryset=Activity.objects.order_by("position", "slug")),
        )
    )


def level_page(slug):
    """A level with its items (each with its sources), its own sources, and its neighbours."""
    level = get_object_or_404(
        levels().prefetch_related(
            Prefetch(
                "skills", queryset=Skill.objects.order_by("category", "position").prefetch_related(_sources_only())
            ),
            Prefetch("behaviors", queryset=Behavior.objects.order_by("position").prefetch_related(_sources_only())),
            Prefetch(
                "activities",
                queryset=Activity.objects.order_by("position").prefetch_related(
                    _sources_only(), Prefetch("skills", queryset=Skill.objects.order_by("position"))
                ),
            ),
            _sources_only(),
        ),
        slug=slug,
    )
    neighbours = list(levels().filter(order__in=[level.order - 1, level.order + 1]).exclude(pk=level.pk))
    previous_level = next((other for other in neighbours if other.order < level.order), None)
    next_level = next((other for other in neighbours if other.order > level.order), None)
    return level, previous_level, next_level


def skill_page(slug):
    """A skill with its levels, sources, the activities that build it, and skills of the same category."""
    skill = get_object_or_404(
        Skill.objects.prefetch_related(
            prefetch_levels(),
            _sources_only(),
            Prefetch("activities", queryset=Activity.objects.order_by("position").prefetch_related(prefetch_levels())),
        ),
        slug=slug,
    )
    related = list(Skill.objects.filter(category=skill.category).exclude(pk=skill.pk).order_by("position"))
    return skill, related


def behavior_page(slug):
    """A behavior with its levels and sources, and other behaviors expected at the same levels."""
    behavior = get_object_or_404(Behavior.objects.prefetch_related(prefetch_levels(), _sources_only()), slug=slug)
    level_ids = [level.pk for level in behavior.levels.all()]
    related = list(
        Behavior.objects.filter(levels__in=level_ids).exclude(pk=behavior.pk).distinct().order_by("position")
    )
    return behavior, related


def activity_page(slug):
    """An activity with its levels, sources and the skills it builds (each with its levels)."""
    activity = get_object_or_404(
        Activity.objects.prefetch_related(
            prefetch_levels(),
            _sources_only(),
            Prefetch("skills", queryset=Skill.objects.order_by("position").prefetch_related(prefetch_levels())),
        ),
        slug=slug,
    )
    return activity


def related_activities(activity):
    """Other activities that build one of the skills ``activity`` builds (one query, none without skills)."""
    skill_ids = [skill.pk for skill in activity.skills.all()]
    if not skill_ids:
        return []
    return list(Activity.objects.filter(skills__in=skill_ids).exclude(pk=activity.pk).distinct().order_by("position"))


def about_page():
    """The levels, the context sections of the data file (by key) and every source."""
    sections = {info.key: info.data for info in FrameworkInfo.objects.all()}
    return list(levels()), sections, list(sources())


def roles_using(item):
    """Roles with a pathway step at a level or building a skill (or recommending a guide), in the roles' own
    order, through the reverse relation the pathways app adds (framework never imports it); one query, and
    empty when that app is not installed."""
    if item.pk is None:  # an unsaved page in the admin's preview points at nothing yet
        return []
    steps = getattr(item, "pathway_steps", None)
    if steps is None:
        return []
    role_model = steps.model._meta.get_field("role").related_model
    return list(role_model.objects.filter(steps__in=steps.all()).distinct())


# How many guides an item page lists before pointing to the listing: a next step, not a catalogue.
GUIDES_SHOWN = 6


def guides_for(item):
    """The guides an item page suggests, and what they are linked to (``"item"``, ``"skills"`` or
    ``"levels"``), in one query. Levels and skills have guides of their own; an activity suggests the guides
    of the skills it builds (those teach what it practises), or of its levels when it builds none; a behavior
    suggests the guides of the levels where it is expected. Through the reverse relation the resources app adds
    to levels (framework never imports it); empty when that app is not installed."""
    try:
        resource_model = EngagementLevel._meta.get_field("resources").related_model
    except FieldDoesNotExist:
        return [], "item"
    if isinstance(item, EngagementLevel):
        linked_to, condition = "item", {"levels": item.pk}
    elif isinstance(item, Skill):
        linked_to, condition = "item", {"skills": item.pk}
    elif isinstance(item, Activity) and item.skills.all():
        linked_to, condition = "skills", {"skills__in": [skill.pk for skill in item.skills.all()]}
    else:
        linked_to, condition = "levels", {"levels__in": [level.pk for level in item.levels.all()]}
    if item.pk is None:
        return [], linked_to
    guides = resource_model.objects.live().filter(**condition).distinct().order_by("title", "pk")
    return list(guides[:GUIDES_SHOWN]), linked_to
