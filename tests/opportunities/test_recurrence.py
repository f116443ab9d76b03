"""The dates a recurrence rule gives after a moment: read from a start moved forward by whole periods of the rule,
they are exactly those read from the series' first day, however old the series is."""

import datetime
import zoneinfo

import pytest
from dateutil.rrule import rrulestr

from opportunities.recurrence import MAX_OCCURRENCES, occurrences

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
CAIRO = zoneinfo.ZoneInfo("Africa/Cairo")


def from_the_first_day(start, end, rule, after, limit):
    """What the rule gives, read one date at a time from the series' first day with no cap on the reading."""
    duration = end - start
    found = []
    for moment in rrulestr(rule, dtstart=start):
        moment = moment.astimezone(start.tzinfo)
        if moment + duration > after:
            found.append((moment, moment + duration))
            if len(found) == limit:
                break
    return found


RULES = [
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
    "FREQ=WEEKLY;WKST=SU;INTERVAL=3;BYDAY=SU,SA",
    "FREQ=MONTHLY;BYDAY=1TU",
    "FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=15",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY",
    "FREQ=YEARLY;BYMONTH=1;BYDAY=3MO",
    "FREQ=WEEKLY;UNTIL=20290101T000000Z",
]
STARTS = [
    datetime.datetime(2021, 3, 9, 18, 0, tzinfo=MADRID),  # a Tuesday before a daylight-saving change
    datetime.datetime(2024, 1, 27, 9, 30, tzinfo=CAIRO),
    datetime.datetime(2019, 10, 31, 20, 0, tzinfo=MADRID),  # a 31st: monthly rules are read from it unshifted
]
AFTERS = [
    datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 29, 1, 30, tzinfo=datetime.UTC),  # the night Madrid moves its clocks
    datetime.datetime(2021, 3, 10, 0, 0, tzinfo=datetime.UTC),  # the day after the first date
]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("start", STARTS, ids=["madrid-2021", "cairo-2024", "madrid-31st"])
def test_the_dates_after_a_moment_are_those_read_from_the_first_day(rule, start):
    end = start + datetime.timedelta(hours=2)
    for after in AFTERS:
        if after < start:
            continue
        expected = from_the_first_day(start, end, rule, after, limit=6)
        assert occurrences(start, end, rule, after=after, limit=6) == expected, (rule, start, after)


def test_a_series_older_than_the_reading_cap_still_has_its_next_date():
    # A daily office hour begun four years ago: more dates before today than MAX_OCCURRENCES.
    start = datetime.datetime(2022, 12, 1, 17, 0, tzinfo=MADRID)
    after = datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC)
    assert (after - start).days > MAX_OCCURRENCES
    found = occurrences(start, start + datetime.timedelta(hours=1), "FREQ=DAILY", after=after, limit=2)
    assert [moment for moment, _end in found] == [
        datetime.datetime(2026, 12, 3, 17, 0, tzinfo=MADRID),
        datetime.datetime(2026, 12, 4, 17, 0, tzinfo=MADRID),
    ]


def test_a_counted_series_is_read_from_its_first_day():
    start = datetime.datetime(2026, 1, 6, 18, 0, tzinfo=MADRID)
    after = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    found = occurrences(start, start + datetime.timedelta(hours=1), "FREQ=WEEKLY;COUNT=10", after=after)
    # Ten Tuesdays from 6 January: the last is 10 March; only the two after 1 March remain.
    assert [moment.date() for moment, _end in found] == [datetime.date(2026, 3, 3), datetime.date(2026, 3, 10)]
