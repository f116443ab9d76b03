"""Read helpers: what is still to come or already over, by date alone (no scheduled job), the detail pages'
context, and the "coming up" blocks other pages show. Each costs a fixed number of queries."""

from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from core.i18n import translation_status
from core.pagecache import fresh_until, next_midnight


def not_ended(now):
    """Opportunities with an occurrence still to end after ``now`` (a series without end never ends)."""
    return Q(series_end__isnull=True) | Q(series_end__gt=now)


def ended(now):
    """Opportunities whose last occurrence ended by ``now``."""
    return Q(series_end__lte=now)


def closed(today):
    """Programmes whose registration closed before ``today``."""
    return Q(always_open=False, closes_on__lt=today)


def not_closed(today):
    """Programmes open now, or opening later."""
    return Q(always_open=True) | Q(closes_on__isnull=True) | Q(closes_on__gte=today)


def _framework_links(page, *names):
    """The page's framework links in their order, one query each."""
    ordering = {"levels": ("order",), "skills": ("position", "slug"), "roles": ("position", "slug")}
    return {name: list(getattr(page, name).order_by(*ordering.get(name, ("pk",)))) for name in names}


def opportunity_page_context(request, page, now=None):
    """Template context of an opportunity's page: its next (or last) occurrence in the organiser's zone and UTC,
    a few more dates, languages and framework links."""
    from .jsonld import opportunity_json_ld

    now = now or timezone.now()
    upcoming = page.occurrences(after=now, limit=6)
    if upcoming:
        # The next occurrence becomes the one after it when it ends.
        fresh_until(upcoming[0][1])
    occurrence = upcoming[0] if upcoming else (page.zoned_start, page.zoned_end)
    context = {
        "occurrence": occurrence,
        "more_dates": upcoming[1:],
        "is_past": not upcoming,
        "event_languages": list(page.languages.order_by("code")),
        "steps": list(page.pathway_steps.select_related("role", "level").order_by("role__position", "sort_order")),
        **_framework_links(page, "levels", "skills", "roles"),
        "canonical_url": request.build_absolute_uri(page.get_url(request)),
        "translation": translation_status([page]),
    }
    context["json_ld"] = opportunity_json_ld(page, context)
    return context


def mentorship_page_context(request, page, today=None):
    """Template context of a programme's page: its status, languages and framework links."""
    today = today or timezone.localdate()
    fresh_until(next_midnight(today))
    return {
        "status": page.status(today),
        "event_languages": list(page.languages.order_by("code")),
        **_framework_links(page, "levels", "skills", "roles"),
        "canonical_url": request.build_absolute_uri(page.get_url(request)),
        "translation": translation_status([page]),
    }


def coming_up(condition, now=None, limit=3):
    """The next ``limit`` live opportunities matching ``condition`` (a Q on OpportunityPage), soonest first, as
    ``(page, (start, end))``; one query for the pages, one for their index's URL is not needed (pages know it)."""
    from .listing import upcoming
    from .models import OpportunityPage

    now = now or timezone.now()
    queryset = OpportunityPage.objects.live().public().filter(condition).defer("description", "accessibility")
    found = upcoming(queryset, now)[:limit]
    prefetch_related_objects([page for page, _occurrence in found], "languages")
    return found


def mentorship_for(condition, today=None, limit=3):
    """Live programmes matching ``condition`` that are open now or opening later, by title."""
    from .models import MentorshipPage

    today = today or timezone.localdate()
    fresh_until(next_midnight(today))
    return list(
        MentorshipPage.objects.live()
        .public()
        .filter(condition)
        .filter(not_closed(today))
        .order_by("title", "pk")[:limit]
    )
