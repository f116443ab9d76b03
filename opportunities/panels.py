""" "Coming up" and "find a mentor" panels for the pages of the floors below (levels, skills, roles and their
steps) and "this month" for the home page, registered on their slots (core/panels.py) by the app's ``ready()``.
Those apps never import this one, nor do their templates load a library of it; each panel costs one or two
queries whatever the amount of content."""

import datetime
import functools

from django.db.models import Prefetch, Q
from django.utils import timezone

from core.i18n import current_language
from core.memo import memoised
from core.pagecache import fresh_until
from core.panels import register_panel
from pathways.models import PathwayStep

from .listing import month_end, upcoming
from .models import MentorshipPage, OpportunityPage
from .queries import mentorship_for, not_ended

COMING_UP = 3


def _serving(kind, obj):
    """The condition for the opportunities (or programmes) that serve ``obj``, a level, skill or role."""
    if kind == "role":
        through = OpportunityPage.pathway_steps.through
        by_step = through.objects.filter(pathwaystep__role=obj).values("opportunitypage_id")
        return Q(roles=obj) | Q(pk__in=by_step)
    return Q(**{f"{kind}s": obj})


def coming_up(kind, obj):
    """The next few opportunities serving a level, skill or role (for a role: its steps too, each opportunity
    naming the steps it serves). Two queries for a role, one otherwise."""
    queryset = (
        OpportunityPage.objects.live()
        .public()
        .filter(pk__in=OpportunityPage.objects.filter(_serving(kind, obj)).values("pk"))
        .defer("description", "accessibility")
    )
    if kind == "role":
        steps = PathwayStep.objects.filter(role=obj).order_by("sort_order")
        queryset = queryset.prefetch_related(Prefetch("pathway_steps", queryset=steps, to_attr="served_steps"))
    now = timezone.now()
    found = upcoming(queryset, now)[:COMING_UP]
    return {"items": found, "kind": kind, "obj": obj}


def mentorship(kind, obj):
    """Programmes open now or opening later for a level or role: "find a mentor", and for the Mentor role
    "become a mentor" first. One query."""
    programmes = mentorship_for(Q(pk__in=MentorshipPage.objects.filter(_serving(kind, obj)).values("pk")))
    return {"programmes": programmes, "for_mentors": kind == "role" and obj.slug == "mentor"}


def this_month():
    """This month's opportunities (the rest of it) in the reader's language first, then the others. Two queries:
    the opportunities and their languages."""
    now = timezone.now()
    lang = current_language()
    queryset = (
        OpportunityPage.objects.live()
        .public()
        .filter(not_ended(now))
        .defer("description", "accessibility")
        .prefetch_related("languages")
    )
    before = month_end(now)
    fresh_until(before)
    found = [(page, occurrence) for page, occurrence in upcoming(queryset, now) if occurrence[0] < before]
    found.sort(key=lambda pair: lang not in {language.code for language in pair[0].languages.all()})
    return {"items": found[:6], "month": now.astimezone(datetime.UTC).date()}


# The panels on the pages of a level, skill or role: name → (template, function of (kind, obj), the kinds of
# page it goes on), in the order they are shown.
FRAMEWORK_PANELS = {
    "coming_up": ("opportunities/coming_up.html", coming_up, ("level", "skill", "role")),
    "mentorship": ("opportunities/mentorship_block.html", mentorship, ("level", "role")),
}


def register_panels():
    """Put the panels on their slots: "coming up" on level, skill and role pages, then "find a mentor" (or
    "become a mentor") on level and role pages, "this month" on the home page."""
    for order, (name, (template, function, kinds)) in enumerate(FRAMEWORK_PANELS.items(), start=1):
        for kind in kinds:
            context = functools.partial(_framework_panel, function, kind)
            register_panel(kind, name, template, context, order=10 * order)
    register_panel(
        "home",
        "this_month",
        "opportunities/this_month.html",
        lambda request, page: dict(memoised("opportunities:this-month", None, this_month)),
        order=10,
    )


def _framework_panel(function, kind, request, obj):
    # Kept per process and content version (core/memo.py), with the moment the list stops holding; a copy, since
    # rendering a panel writes into its context (the CSRF token).
    return dict(memoised(f"opportunities:{function.__name__}", (kind, obj.pk), lambda: function(kind, obj)))
