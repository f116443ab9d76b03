"""iCalendar files with the ``icalendar`` package: one opportunity (``.ics``) or a feed of a filtered listing.

UIDs come from the page's ``translation_key`` (a UUID kept for the page's life), so a calendar client that
subscribed once recognises every event on the next refresh, in any language. Start and end carry the organiser's
``TZID`` with its VTIMEZONE; a recurrence is the page's RRULE, so clients expand it themselves."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vRecur

from core.i18n import current_language, field_text

PRODID = "-//Movement Learning Hub//Learning opportunities//EN"
# VTIMEZONE definitions cover this many years before and after the events (enough for clients, small files).
_ZONE_YEARS = 3


def uid(page):
    """The event's stable UID."""
    return f"opportunity-{page.translation_key}@movement-learning-hub"


def location(page):
    """Where it happens, as one line: the place and city, and/or the joining link."""
    place = ", ".join(part for part in (page.venue_name, page.city, page.country) if part)
    if page.is_online and page.online_url:
        return f"{place} / {page.online_url}" if place else page.online_url
    return place


def event(page, url):
    """The VEVENT of ``page`` (its first occurrence and its rule), texts in the active language."""
    summary = field_text(page, "title").value
    description = field_text(page, "summary").value
    if not page.dates_confirmed:
        description = f"{description}\n\n{gettext('Dates to be confirmed with the organisers.')}"
    description = f"{description}\n\n{gettext('Organiser')}: {page.organiser_name}"
    item = Event.new(
        uid=uid(page),
        start=page.zoned_start,
        end=page.zoned_end,
        summary=summary,
        description=f"{description}\n\n{url}",
        url=url,
        location=location(page) or None,
        stamp=page.last_published_at or page.latest_revision_created_at or timezone.now(),
    )
    if page.recurrence:
        item.add("rrule", vRecur.from_ical(page.recurrence))
    return item


def calendar(pages, name, url_for):
    """A VCALENDAR of ``pages`` (``url_for(page)`` gives each one's address), with the VTIMEZONEs they use."""
    cal = Calendar.new(prodid=PRODID, name=name, language=current_language())
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for page in pages:
        cal.add_component(event(page, url_for(page)))
    if pages:
        first = min(page.start_date for page in pages) - datetime.timedelta(days=366 * _ZONE_YEARS)
        last = max(page.start_date for page in pages) + datetime.timedelta(days=366 * _ZONE_YEARS * 4)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()
