"""The calendar answers beside the opportunity pages: one opportunity's ``.ics`` and the feed of a filtered listing.

They are Django views under the index's fixed URL (/<lang>/opportunities/…): Wagtail serves only paths ending in a
slash, and a calendar file wants its extension."""

from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.i18n import field_text
from core.models import HubSettings
from core.ratelimits import count_submission, over_limit

from .calendar import calendar
from .filters import opportunity_filters, read_selection
from .forms import AnnounceForm
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


# Accepted announcements per client per hour: the suggestion form's limit (HubSettings.suggestion_limit).
RATE_GROUP = "opportunities:announce"


@require_http_methods(["GET", "HEAD", "POST"])
def announce(request):
    """Show the form; a valid POST stores a draft for curators (nothing is published here) and redirects to the
    thanks page. A filled honeypot gets the same thanks and stores nothing; a client over its limit gets a 429."""
    index_page = OpportunityIndexPage.objects.first()
    if index_page is None:
        raise Http404("No opportunities yet.")
    if request.method != "POST":
        if request.GET.get("sent"):
            return render(request, "opportunities/announce_thanks.html")
        return render(request, "opportunities/announce.html", {"form": AnnounceForm()})
    form = AnnounceForm(request.POST)
    limit = HubSettings.current().suggestion_limit
    if over_limit(request, RATE_GROUP, limit):
        return render(request, "opportunities/announce.html", {"form": form, "rate_limited": True}, status=429)
    if form.is_spam:
        count_submission(request, RATE_GROUP, limit)
        return redirect(_thanks_url())
    if not form.is_valid():
        return render(request, "opportunities/announce.html", {"form": form})
    form.save(index_page)
    count_submission(request, RATE_GROUP, limit)
    return redirect(_thanks_url())


def _thanks_url():
    return f"{reverse('opportunities:announce')}?sent=1"
