"""Time zones and recurrence rules: checking what a curator types, and the dates a rule gives.

A start is stored as the organiser's wall-clock date and time plus their IANA time zone; a recurrence is an
iCalendar RRULE read with python-dateutil from that zoned start, so a weekly 18:00 in Madrid stays at 18:00
across daylight-saving changes. Rules are bounded (at most daily, at most :data:`MAX_OCCURRENCES` read) so that
no rule a curator writes can make a page loop for long."""

import datetime
import re
import zoneinfo
from functools import cache

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Occurrences read from one rule at most: a weekly event for 20 years, a daily one for nearly three.
MAX_OCCURRENCES = 1000
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_PART = re.compile(r"^[A-Z]+=[A-Z0-9,+\-]+$")
_UNTIL_UTC = re.compile(r"^\d{8}T\d{6}Z$")


@cache
def time_zone_names():
    """Every IANA time zone name this machine knows."""
    return frozenset(zoneinfo.available_timezones())


def check_time_zone(name):
    """The ``ZoneInfo`` called ``name``; raises ValidationError for anything that is not an IANA zone."""
    if not name or name not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone: use an IANA name such as Europe/Madrid or Africa/Nairobi."),
            params={"value": name},
            code="invalid_time_zone",
        )
    return zoneinfo.ZoneInfo(name)


def normalise_rule(text):
    """``text`` without an ``RRULE:`` prefix, spaces and lower case; the empty string for no rule."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    return text.replace(" ", "").upper()


def check_rule(text, start):
    """Check an RRULE (without ``RRULE:``) against the zoned ``start``; returns the dateutil rule. Raises
    ValidationError naming what is wrong."""
    parts = text.split(";")
    if not all(_PART.match(part) for part in parts):
        raise ValidationError(
            _(
                "“%(value)s” is not a recurrence rule: write NAME=VALUE parts separated by semicolons, "
                "e.g. FREQ=WEEKLY;BYDAY=TU."
            ),
            params={"value": text},
            code="invalid_rrule",
        )
    values = dict(part.split("=", 1) for part in parts)
    if values.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            _("A recurrence needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."), code="invalid_rrule_frequency"
        )
    if "UNTIL" in values and not _UNTIL_UTC.match(values["UNTIL"]):
        raise ValidationError(_("UNTIL must be a time in UTC, such as 20271231T235959Z."), code="invalid_rrule_until")
    try:
        return rrulestr(text, dtstart=start)
    except (ValueError, TypeError, KeyError) as error:
        raise ValidationError(
            _("The recurrence rule cannot be read: %(error)s"), params={"error": error}, code="invalid_rrule"
        ) from None


def zoned(date, time, zone):
    """The aware datetime of a wall-clock ``date`` and ``time`` in ``zone`` (the earlier one in a repeated hour)."""
    return datetime.datetime.combine(date, time, tzinfo=zone)


def _rule_parts(rule_text):
    return dict(part.split("=", 1) for part in rule_text.split(";") if "=" in part)


def _fast_forward(start, rule_text, before):
    """A start from which ``rule_text`` gives the same dates as from ``start`` from ``before`` on, as late as
    whole periods of the rule allow; ``start`` itself when no shift keeps the rule's dates.

    A rule is a lattice of periods counted from its start (every INTERVAL days, weeks, months or years), each
    period filtered by the BY… parts, so moving the start by whole periods keeps every later date: a daily
    office hour begun three years ago is read from last week, not from its first day (reading from the first day
    cost the home page ~5,700 rule steps for 14 opportunities, and a series older than MAX_OCCURRENCES showed no
    next date at all). Not shifted: a COUNT (it counts from the first date), and a monthly or yearly rule from a
    29th–31st (the default day of the month would move)."""
    parts = _rule_parts(rule_text)
    if "COUNT" in parts or before <= start:
        return start
    interval = int(parts.get("INTERVAL", "1") or 1)
    frequency = parts.get("FREQ")
    wall = start.replace(tzinfo=None)
    gap = before.astimezone(start.tzinfo).replace(tzinfo=None) - wall
    if frequency in ("DAILY", "WEEKLY"):
        step = datetime.timedelta(days=interval * (7 if frequency == "WEEKLY" else 1))
        periods = gap // step - 1
        shifted = wall + periods * step
    elif frequency in ("MONTHLY", "YEARLY") and start.day <= 28:
        months = interval * (12 if frequency == "YEARLY" else 1)
        periods = (gap.days // 31) // months - 1
        total = wall.month - 1 + periods * months
        shifted = wall.replace(year=wall.year + total // 12, month=total % 12 + 1)
    else:
        return start
    if periods <= 0:
        return start
    return shifted.replace(tzinfo=start.tzinfo)


def occurrences(start, end, rule_text, *, after=None, limit=MAX_OCCURRENCES):
    """``(start, end)`` pairs of aware datetimes: the first one, then those the rule gives, each as long as the
    first. ``after``: only those ending after it. At most ``limit`` pairs, and never more than
    :data:`MAX_OCCURRENCES` read (counted from the latest start that keeps the rule's dates, see
    :func:`_fast_forward`)."""
    duration = end - start
    if not rule_text:
        starts = [start]
    else:
        first = start if after is None else _fast_forward(start, rule_text, after - duration)
        try:
            starts = rrulestr(rule_text, dtstart=first)
        except (ValueError, TypeError, KeyError):
            starts = [start]
    found = []
    for read, moment in enumerate(starts):
        if read >= MAX_OCCURRENCES or len(found) >= limit:
            break
        # A rule's dates keep the zone's wall-clock time; normalise so that the offset is the one of that day.
        moment = moment.astimezone(start.tzinfo)
        if after is None or moment + duration > after:
            found.append((moment, moment + duration))
    return found


def series_end(start, end, rule_text):
    """When the last occurrence ends (aware), or None when the rule never ends."""
    if not rule_text:
        return end
    values = _rule_parts(rule_text)
    if "COUNT" not in values and "UNTIL" not in values:
        return None
    pairs = occurrences(start, end, rule_text)
    return pairs[-1][1] if pairs else end
