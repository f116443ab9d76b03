"""The embeddable kinds, each declared once (the registry is ``embeds/registry.py``): how to load one for its card,
with the prefetches the card needs, and what the card shows.

A card is a teaser: a kind, a title, a summary and a few short lists linking to the Hub; the full page has the
rest. Each list is prefetched in the kind's ``objects()``, so a card costs the same queries however long its lists.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import field_text
from framework.models import Activity, Behavior, EngagementLevel, Skill
from framework.queries import prefetch_levels
from opportunities.models import MentorshipPage, OpportunityPage
from pathways.models import PathwayStep, Role
from resources.choices import ResourceType
from resources.models import ResourcePage
from resources.queries import external_link

from .registry import EmbedKind, TreePage, ViewPage, registry

# How many items of a list a card shows before "and N more".
FEW = 6


@dataclass
class Section:
    """A short list on the card: a heading, the items (each with the field to show and an optional link)."""

    heading: str
    items: list = field(default_factory=list)
    more: int = 0
    ordered: bool = False


def section(request, heading, objects, name_field="name", link=True, ordered=False, limit=FEW):
    """A list of the card: at most ``limit`` of ``objects`` (all when None), each linking to its own page on the
    Hub when ``link`` (absolute: the card lives in someone else's frame), and how many more there are."""
    objects = list(objects)
    shown = objects if limit is None else objects[:limit]
    items = [
        {"obj": obj, "field": name_field, "url": request.build_absolute_uri(obj.get_absolute_url()) if link else ""}
        for obj in shown
    ]
    return Section(heading, items, len(objects) - len(shown), ordered)


def _activities_in_order():
    return Prefetch("activities", queryset=Activity.objects.order_by("position", "slug"))


# --- Engagement levels ------------------------------------------------------------------------------------------


def _level_objects():
    return EngagementLevel.objects.prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("category", "position", "slug")), _activities_in_order()
    )


def _level_card(request, level):
    return {
        "summary_field": "short_description",
        "sections": [
            section(request, _("Skills"), level.skills.all()),
            section(request, _("Activities"), level.activities.all()),
        ],
    }


registry.register(
    EmbedKind(
        name="level",
        model=EngagementLevel,
        label=gettext_lazy("Engagement level"),
        title_field="name",
        page=ViewPage("framework:level", kwarg="level"),
        context_name="level",
        objects=_level_objects,
        card=_level_card,
    )
)


# --- Skills -----------------------------------------------------------------------------------------------------


def _skill_objects():
    return Skill.objects.prefetch_related(prefetch_levels(), _activities_in_order())


def _skill_card(request, skill):
    return {
        "summary_field": "description",
        "sections": [
            section(request, _("Levels"), skill.levels.all(), limit=None),
            section(request, _("Activities that build it"), skill.activities.all()),
        ],
    }


registry.register(
    EmbedKind(
        name="skill",
        model=Skill,
        label=gettext_lazy("Skill"),
        title_field="name",
        page=ViewPage("framework:skill"),
        context_name="item",
        objects=_skill_objects,
        card=_skill_card,
    )
)


# --- Behaviors --------------------------------------------------------------------------------------------------


def _behavior_objects():
    return Behavior.objects.prefetch_related(prefetch_levels())


def _behavior_card(request, behavior):
    return {
        "summary_field": "description",
        "sections": [section(request, _("Levels"), behavior.levels.all(), limit=None)],
    }


registry.register(
    EmbedKind(
        name="behavior",
        model=Behavior,
        label=gettext_lazy("Behavior"),
        title_field="name",
        page=ViewPage("framework:behavior"),
        context_name="item",
        objects=_behavior_objects,
        card=_behavior_card,
    )
)


# --- Activities -------------------------------------------------------------------------------------------------


def _activity_objects():
    return Activity.objects.prefetch_related(
        prefetch_levels(), Prefetch("skills", queryset=Skill.objects.order_by("position", "slug"))
    )


def _activity_card(request, activity):
    return {
        "summary_field": "description",
        "sections": [
            section(request, _("Levels"), activity.levels.all(), limit=None),
            section(request, _("Skills it builds"), activity.skills.all()),
        ],
    }


registry.register(
    EmbedKind(
        name="activity",
        model=Activity,
        label=gettext_lazy("Activity"),
        title_field="name",
        page=ViewPage("framework:activity"),
        context_name="item",
        objects=_activity_objects,
        card=_activity_card,
    )
)


# --- Roles' pathways --------------------------------------------------------------------------------------------


def _role_objects():
    return Role.objects.select_related("entry_level", "target_level").prefetch_related(
        Prefetch("steps", queryset=PathwayStep.objects.order_by("sort_order", "pk"))
    )


def _role_card(request, role):
    steps = role.steps.all()
    return {
        "summary_field": "summary" if field_text(role, "summary").value else "description",
        "sections": [section(request, _("Steps"), steps, name_field="title", link=False, ordered=True, limit=None)],
    }


registry.register(
    EmbedKind(
        name="role",
        model=Role,
        label=gettext_lazy("Learning pathway"),
        title_field="name",
        page=ViewPage("pathways:role"),
        context_name="role",
        objects=_role_objects,
        card=_role_card,
        template="embeds/role.html",
    )
)


# --- Resources --------------------------------------------------------------------------------------------------


def _resource_objects():
    # Only a published page nobody restricted: a draft or a private guide has no public card.
    return ResourcePage.objects.live().public().prefetch_related(prefetch_levels())


def _resource_card(request, page):
    context = {
        "summary_field": "summary",
        "external_link": external_link(page, list(page.languages.order_by("code"))),
        "sections": [section(request, _("Levels"), page.levels.all(), limit=None)],
    }
    if page.resource_type in ResourceType.values:
        context["kind_label"] = ResourceType(page.resource_type).label
    return context


def _is_live(page):
    return page.live


registry.register(
    EmbedKind(
        name="resource",
        model=ResourcePage,
        label=gettext_lazy("Resource"),
        title_field="title",
        page=TreePage("resources"),
        context_name="page",
        objects=_resource_objects,
        card=_resource_card,
        template="embeds/resource.html",
        has_card=_is_live,
    )
)


# --- Learning opportunities and mentorship programmes -----------------------------------------------------------


def _opportunity_objects():
    # Only a published page nobody restricted, like a guide.
    return OpportunityPage.objects.live().public().prefetch_related(prefetch_levels())


def _mentorship_objects():
    return MentorshipPage.objects.live().public().prefetch_related(prefetch_levels())


def _opportunity_card(request, page):
    return {
        "summary_field": "summary",
        "kind_label": page.get_kind_display(),
        "sections": [section(request, _("Levels"), page.levels.all(), limit=None)],
    }


def _mentorship_card(request, page):
    return {"summary_field": "summary", "sections": [section(request, _("Levels"), page.levels.all(), limit=None)]}


registry.register(
    EmbedKind(
        name="opportunity",
        model=OpportunityPage,
        label=gettext_lazy("Learning opportunity"),
        title_field="title",
        page=TreePage("opportunities"),
        context_name="page",
        objects=_opportunity_objects,
        card=_opportunity_card,
        has_card=_is_live,
    )
)
registry.register(
    EmbedKind(
        name="mentorship",
        model=MentorshipPage,
        label=gettext_lazy("Mentorship programme"),
        title_field="title",
        page=TreePage("mentorship"),
        context_name="page",
        objects=_mentorship_objects,
        card=_mentorship_card,
        has_card=_is_live,
    )
)
