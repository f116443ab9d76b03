"""Site search at /<lang>/search/?q=: resources, roles (with their steps) and framework items, grouped by kind.

Every language column is indexed, so a Spanish query finds the Spanish text. Searching never writes to
the database: Wagtail's query log (``Query``/``QueryDailyHits``, for promoted results) is not used.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core import search as hub_search
from core.i18n import Shown, translation_status
from core.request import MAX_QUERY_LENGTH, clean_text
from core.search import search_terms
from framework.models import Activity, Behavior, EngagementLevel, Skill
from pathways.models import Role
from resources.models import ResourcePage
from resources.queries import popular_tags

# Results shown per kind; one more is fetched to know whether there are others.
PER_GROUP = 20
# Tags offered when nothing matches.
SUGGESTED_TAGS = 8


def _groups():
    """(key, heading, label of one item, queryset, summary field) for each kind of thing searched."""
    return [
        ("resources", _("Resources"), _("Resource"), ResourcePage.objects.live().public(), "summary"),
        ("roles", _("Roles and pathways"), _("Role"), Role.objects.all(), "summary"),
        ("levels", _("Engagement levels"), _("Engagement level"), EngagementLevel.objects.all(), "short_description"),
        ("skills", _("Skills"), _("Skill"), Skill.objects.all(), "description"),
        ("behaviors", _("Behaviors"), _("Behavior"), Behavior.objects.all(), "description"),
        ("activities", _("Activities"), _("Activity"), Activity.objects.all(), "description"),
    ]


@require_safe
def search(request):
    """The search form and, for a query, the matches of each kind (two queries per kind, plus one on SQLite
    to rank the full-text matches), with the matched words marked; suggestions when nothing matches."""
    raw = request.GET.get("q", "")
    query = clean_text(raw)
    notices = []
    if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
        notices.append(_("The search text was cut to %(count)s characters.") % {"count": MAX_QUERY_LENGTH})
    if query and not search_terms(query):
        notices.append(_("Ignored search text '%(value)s': it has no letters or digits.") % {"value": query})

    groups = []
    shown = []
    if search_terms(query):
        # On SQLite the full-text match is ranked once for all kinds (None elsewhere: ranked per kind).
        shared_ranking = hub_search.ranking(query, ResourcePage)
        for key, heading, kind, source, summary_field in _groups():
            items = hub_search.RankedResults(query, source, shared_ranking)[: PER_GROUP + 1]
            if items:
                groups.append(
                    {
                        "key": key,
                        "heading": heading,
                        "kind": kind,
                        "items": items[:PER_GROUP],
                        "has_more": len(items) > PER_GROUP,
                        "summary_field": summary_field,
                    }
                )
                shown.extend(
                    Shown(item, "title" if isinstance(item, ResourcePage) else "name", summary_field)
                    for item in items[:PER_GROUP]
                )
    suggestions = None
    if query and not groups:
        # Ways on when nothing matches: every level and the most used tags (two queries, on no results only).
        suggestions = {
            "levels": list(EngagementLevel.objects.order_by("order")),
            "tags": popular_tags(SUGGESTED_TAGS),
        }
    context = {
        "query": query,
        "terms": hub_search.terms(query),
        "suggestions": suggestions,
        "notices": notices,
        "groups": groups,
        "total": sum(len(group["items"]) for group in groups),
        "translation": translation_status(shown) if shown else None,
    }
    return render(request, "hub/search.html", context)
