"""The two listings: opportunities upcoming first (grouped "this week", "this month", "later") with past ones in an
archive by date alone, and mentorship programmes open now, opening later, or closed.

An opportunity's next date comes from its recurrence, so the upcoming ones are ordered in Python: the query
selects those whose series has not ended (``series_end``), reading only the columns a card shows; the number of
queries does not depend on how many there are (one per database-backed filter in use, the pages, one per
prefetched relation)."""

import datetime

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import Shown, translation_status
from core.pagecache import fresh_until, next_midnight
from core.request import MAX_VALUE_LENGTH, clean_text, page_number

from .filters import mentorship_filters, month_bounds, opportunity_filters, options, read_selection
from .models import MentorshipPage, OpportunityPage
from .queries import closed, ended, not_closed, not_ended

PER_PAGE = 20
# The columns a card does not show.
_UNSHOWN = ("description", "accessibility")


def _unshown_columns(names):
    from django.conf import settings

    return [f"{name}_{code}" for name in names for code in settings.MODELTRANSLATION_LANGUAGES] + list(names)


def _page(request, items, warnings):
    """The requested page of ``items``, corrected with a warning when it does not exist."""
    paginator = Paginator(items, PER_PAGE)
    raw = clean_text(request.GET.get("page", ""), MAX_VALUE_LENGTH)
    number = 1
    if raw:
        number = page_number(raw)
        if number is None:
            warnings.append(_("Ignored page number '%(value)s': showing the first page.") % {"value": raw})
            number = 1
        elif number > paginator.num_pages:
            warnings.append(
                _("There is no page %(value)s: showing the last page, %(last)s.")
                % {"value": raw, "last": paginator.num_pages}
            )
            number = paginator.num_pages
    return paginator.page(number)


def week_end(now):
    """The end of the current week (Monday to Sunday, UTC)."""
    today = now.astimezone(datetime.UTC).date()
    monday = today - datetime.timedelta(days=today.weekday())
    return datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time(), tzinfo=datetime.UTC)


def month_end(now):
    """The end of the current calendar month (UTC)."""
    _first, following = month_bounds(now.astimezone(datetime.UTC).date().replace(day=1))
    return datetime.datetime.combine(following, datetime.time(), tzinfo=datetime.UTC)


def _occurrence_in(page, after, before):
    """The first occurrence of ``page`` ending after ``after`` that starts before ``before`` (None: no such).

    Only the first is read: occurrences come in order, so a later one cannot start sooner (reading 400, as this
    once did, walked a yearly rule four centuries ahead for every card: ~600 ms of the home page)."""
    found = page.occurrences(after=after, limit=1)
    if not found or (before is not None and found[0][0] >= before):
        return None
    return found[0]


def upcoming(queryset, now, month=None):
    """``(page, (start, end))`` for each page of ``queryset`` with an occurrence to come (in ``month`` when given),
    soonest first."""
    after, before = now, None
    if month is not None:
        first, following = month_bounds(month)
        month_start = datetime.datetime.combine(first, datetime.time(), tzinfo=datetime.UTC)
        after = max(now, month_start)
        before = datetime.datetime.combine(following, datetime.time(), tzinfo=datetime.UTC)
    found = []
    for page in queryset.filter(not_ended(now)):
        occurrence = _occurrence_in(page, after, before)
        if occurrence is not None:
            found.append((page, occurrence))
    found.sort(key=lambda pair: (pair[1][0], pair[0].pk))
    # The list holds until the first of these occurrences ends (it then leaves, or gives way to the next one).
    fresh_until(min((end for _page, (_start, end) in found), default=None))
    return found


def past(queryset, now, month=None):
    """The pages of ``queryset`` whose series has ended (with an occurrence in ``month`` when given), the most
    recently ended first."""
    found = queryset.filter(ended(now)).order_by("-series_end", "pk")
    if month:
        first, following = month_bounds(month)
        found = found.filter(start__date__lt=following, series_end__date__gte=first)
    return found


def feed_links(request, index_page, selection):
    """The feed of the selection (without its month): to download (``https://``) and to subscribe
    (``webcal://``)."""
    selection = type(selection)(selection.filters)
    url = request.build_absolute_uri(reverse("opportunities:feed") + selection.query_string())
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


class Card:
    """An opportunity as a card shows it: the page and the occurrence it is listed for."""

    def __init__(self, page, occurrence):
        self.page = page
        self.start, self.end = occurrence

    @property
    def start_iso(self):
        """The start in UTC, ISO 8601 (for ``<time datetime>``)."""
        return self.start.astimezone(datetime.UTC).isoformat()


def group(cards, now):
    """``[(label, cards)]``: this week, this month (the rest of it), later; empty groups left out."""
    week, month = week_end(now), month_end(now)
    fresh_until(min(week, month))
    groups = [(_("This week"), []), (_("Later this month"), []), (_("Later"), [])]
    for card in cards:
        if card.start < week:
            groups[0][1].append(card)
        elif card.start < month:
            groups[1][1].append(card)
        else:
            groups[2][1].append(card)
    return [(label, items) for label, items in groups if items]


def opportunity_queryset(index_page, selection):
    """Live opportunities under ``index_page`` (None: wherever they are) that ``selection``'s filters select, card
    columns only."""
    queryset = OpportunityPage.objects.live().public().defer(*_unshown_columns(_UNSHOWN))
    if index_page is not None:
        queryset = queryset.child_of(index_page)
    for condition in selection.conditions(OpportunityPage):
        queryset = queryset.filter(condition)
    return queryset


def opportunity_listing(request, index_page, now=None):
    """Template context of the opportunities listing: upcoming (grouped) or the archive, filters, warnings."""
    now = now or timezone.now()
    selection = read_selection(request, opportunity_filters())
    queryset = opportunity_queryset(index_page, selection)
    if selection.archive:
        # An opportunity joins the archive when its series ends, which no write announces: look again hourly.
        fresh_until(now + datetime.timedelta(hours=1))
        page = _page(request, past(queryset, now, selection.month), selection.warnings)
        cards = [Card(item, (item.zoned_start, item.zoned_end)) for item in page.object_list]
        groups = [(_("Past opportunities"), cards)] if cards else []
    else:
        page = _page(request, upcoming(queryset, now, selection.month), selection.warnings)
        cards = [Card(item, occurrence) for item, occurrence in page.object_list]
        groups = group(cards, now)
    pages = [card.page for card in cards]
    prefetch_related_objects(pages, "languages")
    return {
        "selection": selection,
        "filters": options(selection.filters),
        "warnings": selection.warnings,
        "groups": groups,
        "cards": cards,
        **feed_links(request, index_page, selection),
        "page_obj": page,
        "month_value": selection.month.strftime("%Y-%m") if selection.month else "",
        "previous_link": selection.query_string(
            show="archive" if selection.archive else "", page=page.previous_page_number()
        )
        if page.has_previous()
        else None,
        "next_link": selection.query_string(show="archive" if selection.archive else "", page=page.next_page_number())
        if page.has_next()
        else None,
        "translation": translation_status([index_page, *(Shown(item, "title", "summary") for item in pages)]),
    }


MENTORSHIP_GROUPS = {"open": _("Open now"), "soon": _("Opening later"), "closed": _("Closed")}


def mentorship_queryset(index_page, selection, today):
    """Live programmes under ``index_page`` (None: wherever they are) that ``selection``'s filters select, open now
    or opening later (in the archive: closed), by title; without their description."""
    queryset = MentorshipPage.objects.live().public().defer(*_unshown_columns(("description",)))
    if index_page is not None:
        queryset = queryset.child_of(index_page)
    for condition in selection.conditions(MentorshipPage):
        queryset = queryset.filter(condition)
    queryset = queryset.filter(closed(today) if selection.archive else not_closed(today))
    return queryset.order_by("title", "pk")


def mentorship_listing(request, index_page, today=None):
    """Template context of the mentorship listing: programmes open now and opening later (or, in the archive,
    closed), filters, warnings."""
    today = today or timezone.localdate()
    # Open, opening later and closed are decided by the date.
    fresh_until(next_midnight(today))
    selection = read_selection(request, mentorship_filters(), with_month=False)
    wanted = ("closed",) if selection.archive else ("open", "soon")
    programmes = list(mentorship_queryset(index_page, selection, today))
    prefetch_related_objects(programmes, "languages")
    groups = []
    for status in wanted:
        items = [programme for programme in programmes if programme.status(today) == status]
        if items:
            groups.append((MENTORSHIP_GROUPS[status], items))
    return {
        "selection": selection,
        "filters": options(selection.filters),
        "warnings": selection.warnings,
        "groups": groups,
        "programmes": programmes,
        "translation": translation_status([index_page, *(Shown(item, "title", "summary") for item in programmes)]),
    }
