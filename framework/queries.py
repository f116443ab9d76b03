"""Read helpers for the framework's pages: each returns what a page shows, prefetched, so a page
costs the same few queries however many items the framework holds."""

from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import Prefetch, Q, Subquery, prefetch_related_objects
from django.http import Http404
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


def attach_sources(*groups):
    """Give every object of ``groups`` (lists of levels, skills, behaviors or activities) its sources, read as
    ``obj.sources.all()``: one query whatever the number of kinds (one prefetch per kind would cost two each),
    the links of every kind in one union joined to the sources they name, sorted in file order here."""
    parts, params, database = [], [], None
    for number, objects in enumerate(groups):
        if objects:
            field = type(objects[0]).sources.field
            owner, source = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            links = field.remote_field.through.objects.filter(**{f"{owner}__in": [obj.pk for obj in objects]})
            sql, part_params = links.order_by().values_list(owner, source).query.sql_with_params()
            # Only an integer and the ORM's own SQL (two columns, owner then source): nothing a reader sends.
            parts.append(
                f"SELECT {number:d} AS hub_group, links{number:d}.{owner} AS hub_owner, "  # noqa: S608
                f"links{number:d}.{source} AS hub_source FROM ({sql}) links{number:d}"
            )
            params.extend(part_params)
            database = links.db
    by_owner = {}
    if parts:
        connection = connections[database]
        quote = connection.ops.quote_name
        columns = [field.column for field in Source._meta.concrete_fields]
        names = [field.attname for field in Source._meta.concrete_fields]
        selected = ", ".join(f"s.{quote(column)}" for column in columns)
        # The model's own table and columns around the union above: no value a reader sends.
        sql = (
            f"SELECT u.hub_group, u.hub_owner, {selected} FROM ({' UNION ALL '.join(parts)}) u "  # noqa: S608
            f"INNER JOIN {quote(Source._meta.db_table)} s ON s.{quote(Source._meta.pk.column)} = u.hub_source"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        found = {}
        for number, owner, *values in rows:
            source = found.get(values[names.index(Source._meta.pk.attname)])
            if source is None:
                source = Source.from_db(database, names, values)
                found[source.pk] = source
            by_owner.setdefault((number, owner), []).append(source)
    for number, objects in enumerate(groups):
        for obj in objects:
            shown = sorted(by_owner.get((number, obj.pk), []), key=lambda source: (source.position, source.key))
            queryset = obj.sources.all()
            queryset._result_cache, queryset._prefetch_done = shown, True
            obj._prefetched_objects_cache = {**getattr(obj, "_prefetched_objects_cache", {}), "sources": queryset}


def level_page(slug):
    """A level with its items (each with its sources), its own sources, and its neighbours: the level and its
    neighbours in one query, its items in one per kind, every source in one (:func:`attach_sources`)."""
    order = EngagementLevel.objects.filter(slug=slug).values("order")[:1]
    found = list(levels().filter(Q(slug=slug) | Q(order=Subquery(order) - 1) | Q(order=Subquery(order) + 1)))
    level = next((each for each in found if each.slug == slug), None)
    if level is None:
        raise Http404
    prefetch_related_objects(
        [level],
        Prefetch("skills", queryset=Skill.objects.order_by("category", "position")),
        Prefetch("behaviors", queryset=Behavior.objects.order_by("position")),
        Prefetch(
            "activities",
            queryset=Activity.objects.order_by("position").prefetch_related(
                Prefetch("skills", queryset=Skill.objects.order_by("position"))
            ),
        ),
    )
    attach_sources([level], list(level.skills.all()), list(level.behaviors.all()), list(level.activities.all()))
    neighbours = [other for other in found if other.pk != level.pk]
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
