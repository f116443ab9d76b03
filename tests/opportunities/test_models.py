"""The models' checks: every impossible opportunity or programme is refused with an error on the field at fault."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from opportunities.choices import EventFormat
from opportunities.models import MentorshipPage, OpportunityPage
from tests.opportunities.builders import opportunity, opportunity_index, opportunity_values

pytestmark = pytest.mark.django_db


def errors_of(page):
    with pytest.raises(ValidationError) as raised:
        page.clean()
    return raised.value.message_dict


def test_a_valid_opportunity_passes_its_checks():
    OpportunityPage(**opportunity_values()).clean()


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"end_date": datetime.date(2027, 2, 28)}, "end_date", "The end must come after the start."),
        ({"end_time": datetime.time(16, 0)}, "end_date", "The end must come after the start."),
        ({"registration_deadline": datetime.date(2027, 3, 2)}, "registration_deadline", "cannot be after the start"),
        ({"recurrence": "FREQ=SOMETIMES"}, "recurrence", "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
        ({"recurrence": "every tuesday"}, "recurrence", "is not a recurrence rule"),
        ({"recurrence": "FREQ=WEEKLY;BYDAY=XX"}, "recurrence", "cannot be read"),
        ({"recurrence": "FREQ=HOURLY"}, "recurrence", "FREQ=DAILY"),
        ({"recurrence": "FREQ=WEEKLY;UNTIL=20271231"}, "recurrence", "UNTIL must be a time in UTC"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "is not a time zone"),
        ({"time_zone": ""}, "time_zone", "is not a time zone"),
        ({"online_url": ""}, "online_url", "needs a joining link"),
        ({"event_format": EventFormat.IN_PERSON, "online_url": ""}, "city", "needs a place or a city"),
        ({"event_format": EventFormat.HYBRID, "city": "Accra", "online_url": ""}, "online_url", "joining link"),
        ({"event_format": EventFormat.HYBRID}, "city", "needs a place or a city"),
    ],
)
def test_an_impossible_opportunity_is_refused_on_the_field_at_fault(overrides, field, text):
    errors = errors_of(OpportunityPage(**opportunity_values(**overrides)))
    assert field in errors
    assert any(text in message for message in errors[field])


def test_a_deadline_on_the_day_of_the_start_and_an_in_person_event_with_a_city_pass():
    OpportunityPage(
        **opportunity_values(
            event_format=EventFormat.IN_PERSON,
            online_url="",
            city="Accra",
            registration_deadline=datetime.date(2027, 3, 1),
        )
    ).clean()


def test_a_recurrence_is_normalised_and_accepted_with_a_prefix_and_spaces():
    page = OpportunityPage(**opportunity_values(recurrence="rrule: freq=monthly; byday=1MO"))
    page.clean()
    assert page.recurrence == "FREQ=MONTHLY;BYDAY=1MO"


@pytest.mark.django_db
def test_saving_derives_utc_times_and_the_end_of_the_series():
    page = opportunity(recurrence="FREQ=WEEKLY;COUNT=3")
    # 16:00 in Madrid in March (CET, UTC+1) is 15:00 UTC.
    assert page.start == datetime.datetime(2027, 3, 1, 15, 0, tzinfo=datetime.UTC)
    assert page.series_end == datetime.datetime(2027, 3, 15, 16, 30, tzinfo=datetime.UTC)
    assert opportunity(recurrence="FREQ=MONTHLY").series_end is None
    assert opportunity().series_end == datetime.datetime(2027, 3, 1, 16, 30, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_weekly_event_keeps_the_organisers_wall_clock_time_across_daylight_saving():
    page = opportunity(recurrence="FREQ=WEEKLY;COUNT=6")
    starts = [start for start, _end in page.occurrences()]
    assert {start.hour for start in starts} == {16}
    # Summer time starts in Madrid on 28 March 2027: 16:00 is then 14:00 UTC instead of 15:00.
    assert starts[0].astimezone(datetime.UTC).hour == 15
    assert starts[-1].astimezone(datetime.UTC).hour == 14


@pytest.mark.django_db
def test_the_opportunity_pages_live_under_their_index_only(home_page):
    from wagtail.models import Page

    index = opportunity_index()
    assert OpportunityPage.can_create_at(index)
    assert not OpportunityPage.can_create_at(home_page)
    assert not OpportunityPage.can_create_at(Page.get_first_root_node())


@pytest.mark.parametrize(
    ("values", "field", "text"),
    [
        (
            {"opens_on": datetime.date(2027, 3, 1), "closes_on": datetime.date(2027, 2, 1)},
            "closes_on",
            "before it opens",
        ),
        ({}, "opens_on", "always open"),
    ],
)
def test_an_impossible_programme_is_refused_on_the_field_at_fault(values, field, text):
    page = MentorshipPage(
        title="P", slug="p", summary="S", join_url="https://example.org", organiser_name="O", **values
    )
    errors = errors_of(page)
    assert any(text in message for message in errors[field])


def test_a_programme_is_open_soon_or_closed_by_date_alone():
    today = datetime.date(2027, 3, 10)
    window = {"opens_on": datetime.date(2027, 3, 1), "closes_on": datetime.date(2027, 3, 31)}
    assert MentorshipPage(**window).status(today) == "open"
    assert MentorshipPage(**window).status(datetime.date(2027, 2, 1)) == "soon"
    assert MentorshipPage(**window).status(datetime.date(2027, 4, 1)) == "closed"
    assert MentorshipPage(always_open=True, closes_on=datetime.date(2020, 1, 1)).status(today) == "open"
