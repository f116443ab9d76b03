"""Public pages of the framework: the overview matrix, a page per level and per item, and About."""

from itertools import groupby

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.i18n import translation_status
from core.memo import memoised

from . import queries
from .choices import SkillCategory


def _render(request, template, context, shown):
    """Render a framework page with the translation status of everything it shows."""
    context["translation"] = translation_status(shown)
    return render(request, template, context)


def _remembered(request, template, name, key, build):
    """Render a framework page from ``build()`` (its context and what it shows), both kept with the translation
    status per process and content version (core/memo.py); a page that does not exist raises, and is not kept."""
    context, translation = memoised(name, key, lambda: _with_status(*build()))
    return render(request, template, {**context, "translation": translation})


def _with_status(context, shown):
    return context, translation_status(shown)


@require_safe
def matrix(request):
    """Levels as columns; skills, behaviors and activities as rows, each item a link."""
    levels, rows, shown = memoised("framework:matrix", None, _matrix)
    # The status line reads every field of every item (a third of a rendering): kept with the items.
    context = {
        "levels": levels,
        "rows": rows,
        "translation": memoised("framework:matrix-status", None, lambda: translation_status(shown)),
    }
    return render(request, "framework/matrix.html", context)


def _matrix():
    """The matrix's levels, its rows and what it shows (kept per process and content version, core/memo.py)."""
    levels = queries.matrix_levels()
    rows = [
        (_("Skills"), [level.skills.all() for level in levels]),
        (_("Behaviors"), [level.behaviors.all() for level in levels]),
        (_("Activities"), [level.activities.all() for level in levels]),
    ]
    shown = [*levels, *(item for _label, cells in rows for cell in cells for item in cell)]
    return levels, rows, shown


@require_safe
def level_detail(request, level):
    """One level: its description, then its skills (by category), behaviors and activities."""
    return _remembered(request, "framework/level.html", "framework:level", level, lambda: _level(level))


def _level(slug):
    level, previous_level, next_level = queries.level_page(slug)
    skills = list(level.skills.all())
    skill_groups = [
        (SkillCategory(category).label, list(items)) for category, items in groupby(skills, key=lambda s: s.category)
    ]
    behaviors = list(level.behaviors.all())
    activities = list(level.activities.all())
    resources, guides_linked_to = queries.guides_for(level)
    roles = queries.roles_using(level)
    context = {
        "level": level,
        "resources": resources,
        "guides_linked_to": guides_linked_to,
        "roles": roles,
        "skill_groups": skill_groups,
        "behaviors": behaviors,
        "activities": activities,
        "previous_level": previous_level,
        "next_level": next_level,
    }
    return context, [level, *skills, *behaviors, *activities, *resources, *roles]


@require_safe
def skill_detail(request, slug):
    """One skill: description, levels, the activities that build it, related skills, sources."""
    return _remembered(request, "framework/item.html", "framework:skill", slug, lambda: _skill(slug))


def _skill(slug):
    skill, related = queries.skill_page(slug)
    activities = list(skill.activities.all())
    resources, guides_linked_to = queries.guides_for(skill)
    roles = queries.roles_using(skill)
    context = {
        "item": skill,
        "kind": "skill",
        "activities": activities,
        "related": related,
        "resources": resources,
        "guides_linked_to": guides_linked_to,
        "roles": roles,
    }
    return context, [skill, *activities, *related, *resources, *roles]


@require_safe
def behavior_detail(request, slug):
    """One behavior: description, levels, behaviors expected alongside it, guides for its levels, the roles
    whose pathways ask for it, sources."""
    return _remembered(request, "framework/item.html", "framework:behavior", slug, lambda: _behavior(slug))


def _behavior(slug):
    behavior, related = queries.behavior_page(slug)
    resources, guides_linked_to = queries.guides_for(behavior)
    roles = queries.roles_using(behavior)
    context = {
        "item": behavior,
        "kind": "behavior",
        "related": related,
        "resources": resources,
        "guides_linked_to": guides_linked_to,
        "roles": roles,
    }
    return context, [behavior, *related, *resources, *roles]


@require_safe
def activity_detail(request, slug):
    """One activity: description, levels, the skills it builds, activities that build the same skills, guides
    for those skills, the roles whose pathways include it, sources."""
    return _remembered(request, "framework/item.html", "framework:activity", slug, lambda: _activity(slug))


def _activity(slug):
    activity = queries.activity_page(slug)
    skills = list(activity.skills.all())
    related = queries.related_activities(activity)
    resources, guides_linked_to = queries.guides_for(activity)
    roles = queries.roles_using(activity)
    context = {
        "item": activity,
        "kind": "activity",
        "skills": skills,
        "related": related,
        "resources": resources,
        "guides_linked_to": guides_linked_to,
        "roles": roles,
    }
    return context, [activity, *skills, *related, *resources, *roles]


@require_safe
def about(request):
    """Where the framework comes from, who to credit, and how honest each part of it is."""
    levels, sections, sources = queries.about_page()
    context = {
        "levels": levels,
        "meta": sections.get("meta", {}),
        "supports": sections.get("movement_supports", {}),
        "barriers": sections.get("barriers", {}),
        "sources": sources,
    }
    return _render(request, "framework/about.html", context, [*levels, *sources])
