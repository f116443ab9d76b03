"""The calendar answers beside the opportunity pages: one opportunity's ``.ics`` and the feed of a filtered listing.

They are Django views under the index's fixed URL (/<lang>/opportunities/…): Wagtail serves only paths ending in a
slash, and a calendar file wants its extension."""

from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from core.i18n import field_text

from .calendar import calendar
from .filters import opportunity_filters, read_selection
from .listing import opportunity_queryset
from .models import OpportunityIndexPage, OpportunityPage
from .queries import not_ended

# A feed lists at most this many opportunities (the soonest-ending series first).
FEED_LIMIT = 200


def _ics_response(body, filename, *, attachment):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def ics(request, slug):
    """One live opportunity alone as an iCalendar file to download."""
    page = get_object_or_404(OpportunityPage.objects.live().public(), slug=slug)
    name = field_text(page, "title").value
    body = calendar([page], name, lambda item: request.build_absolute_uri(item.get_url(request)))
    return _ics_response(body, f"{page.slug}.ics", attachment=True)


def feed(request):
    """The upcoming opportunities that the listing's filters select (the month and page are not read: a
    subscription follows the future), with their texts in the page's language."""
    index_page = OpportunityIndexPage.objects.live().public().first()
    if index_page is None:
        raise Http404("No opportunities yet.")
    selection = read_selection(request, opportunity_filters(), with_month=False)
    pages = list(
        opportunity_queryset(index_page, selection)
        .filter(not_ended(timezone.now()))
        .order_by(F("series_end").asc(nulls_last=True), "pk")[:FEED_LIMIT]
    )
    name = f"{field_text(index_page, 'title').value} – {gettext('Movement Learning Hub')}"
    body = calendar(pages, name, lambda item: request.build_absolute_uri(item.get_url(request)))
    return _ics_response(body, "opportunities.ics", attachment=False)
