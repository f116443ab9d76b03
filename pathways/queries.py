"""Read helpers for the pathway pages: each returns what a page shows, prefetched, so a page costs the same
few queries however many roles and steps there are."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from framework.models import Activity, Behavior, EngagementLevel, Skill, Source
from resources.models import ResourcePage

from .models import PathwayStep, Role


def levels():
    """Engagement levels in their order."""
    return EngagementLevel.objects.order_by("order")


def roles():
    """Every role with its entry and target levels, grouped by entry level (levels in order), then by position."""
    return Role.objects.select_related("entry_level", "target_level").order_by("entry_level__order", "position", "slug")


def roles_at(queryset, selected_levels):
    """Roles whose span (entry level to target level, inclusive) includes one of ``selected_levels``."""
    if not selected_levels:
        return queryset
    condition = Q(pk__in=[])
    for level in selected_levels:
        condition |= Q(entry_level__order__lte=level.order, target_level__order__gte=level.order)
    return queryset.filter(condition)


def steps():
    """Pathway steps in their order, with everything a step shows: its level, skills, behaviors, activities,
    live guides on the Hub with the languages each is in (the resource pages' other relations are not read)."""
    return (
        PathwayStep.objects.select_related("level")
        .order_by("sort_order", "pk")
        .prefetch_related(
            Prefetch("skills", queryset=Skill.objects.order_by("position", "slug")),
            Prefetch("behaviors", queryset=Behavior.objects.order_by("position", "slug")),
            Prefetch("activities", queryset=Activity.objects.order_by("position", "slug")),
            Prefetch(
                "resources",
                queryset=ResourcePage.objects.live().public().prefetch_related("languages").order_by("title", "pk"),
            ),
        )
    )


def with_sources(queryset):
    """``queryset`` of roles with their sources prefetched, in file order."""
    return queryset.prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("position", "key")))


def with_steps(queryset):
    """``queryset`` of roles with their sources and ordered steps prefetched."""
    return with_sources(queryset).prefetch_related(Prefetch("steps", queryset=steps()))


def role_page(slug):
    """A role with its levels, sources and ordered steps (each with what it shows)."""
    return get_object_or_404(with_steps(roles()), slug=slug)


def step_links(step, lang):
    """A step's guides elsewhere in ``lang``: the step's own links in that language when a translator gave
    some, else the English step's links. Each is ``{"title", "url", "hreflang"}``, ``hreflang`` being the
    language of the step text the links were chosen for."""
    own = getattr(step, f"links_{lang}", None)
    if own:
        chosen, link_lang = own, lang
    else:
        chosen, link_lang = getattr(step, "links_en", None) or [], "en"
    return [
        {"title": block.value["title"], "url": block.value["url"], "hreflang": link_lang}
        for block in chosen
        if block.block_type == "link"
    ]
