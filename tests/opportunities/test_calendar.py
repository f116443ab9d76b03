"""Detail pages (organiser's time and UTC, JSON-LD), the ``.ics`` of one opportunity and the filtered feeds, parsed
back with the icalendar package."""

import datetime
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from icalendar import Calendar

from framework.models import Skill
from opportunities.choices import EventFormat, OpportunityKind
from resources.models import ResourceLanguage
from tests.opportunities.builders import opportunity
from tests.queries import PAGE_BUDGET, cold_queries, writes

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 2, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clinic():
    return opportunity(
        title="Learning clinic",
        title_ar="عيادة تعلّم",
        summary_ar="لقاء شهري لتبادل المعرفة.",
        slug="learning-clinic",
        recurrence="FREQ=MONTHLY;BYDAY=1MO",
        time_zone="Africa/Nairobi",
        kind=OpportunityKind.WEBINAR,
    )


def events(body):
    calendar = Calendar.from_ical(body)
    return calendar, list(calendar.walk("VEVENT"))


@time_machine.travel(NOW, tick=False)
def test_the_detail_page_shows_the_organisers_time_and_utc(client, clinic):
    soup = BeautifulSoup(client.get("/en/opportunities/learning-clinic/").content, "html.parser")
    organiser = soup.select_one(".hub-opp__organiser-time").get_text(" ", strip=True)
    utc = soup.select_one(".hub-opp__utc-time")
    # 16:00 in Nairobi (UTC+3) on 1 March 2027, the first Monday after the reader's now.
    assert "March 1, 2027, 4 p.m." in organiser
    assert "Africa/Nairobi" in soup.select_one(".hub-opp__when").get_text()
    assert utc.select_one("time")["datetime"] == "2027-03-01T13:00:00+00:00"
    assert "1 p.m." in utc.get_text()
    # The reader's own time is filled by the script only; without it, the row stays hidden.
    assert soup.select_one(".hub-opp__local").has_attr("hidden")
    assert "Dates to be confirmed with the organisers." in soup.get_text()


@time_machine.travel(NOW, tick=False)
def test_the_detail_page_describes_the_event_in_json_ld(client):
    skill = Skill.objects.create(slug="facilitation", name="Facilitation", category="community")
    opportunity(
        slug="hybrid-meetup",
        event_format=EventFormat.HYBRID,
        venue_name="Goethe-Institut",
        city="Accra",
        country="Ghana",
        links={"languages": [ResourceLanguage.objects.create(code="fr", name="français")], "skills": [skill]},
    )
    soup = BeautifulSoup(client.get("/en/opportunities/hybrid-meetup/").content, "html.parser")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in data["location"]} == {"Place", "VirtualLocation"}
    assert data["location"][0]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Accra",
        "addressCountry": "Ghana",
    }
    assert data["organizer"] == {"@type": "Organization", "name": "Wikimedia Example", "url": "https://example.org/"}
    assert data["inLanguage"] == ["fr"]
    assert data["startDate"] == "2027-03-01T16:00:00+01:00"
    assert data["teaches"] == ["Facilitation"]


@time_machine.travel(NOW, tick=False)
def test_one_opportunity_downloads_as_an_ics_with_its_zone_and_rule(client, clinic):
    response = client.get("/en/opportunities/learning-clinic/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="learning-clinic.ics"'
    calendar, found = events(response.content)
    (event,) = found
    assert str(event["summary"]) == "Learning clinic"
    assert event["dtstart"].dt == datetime.datetime(2027, 3, 1, 16, 0, tzinfo=event["dtstart"].dt.tzinfo)
    assert event["dtstart"].params["TZID"] == "Africa/Nairobi"
    assert event["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=1MO"
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Africa/Nairobi"]
    assert "Dates to be confirmed with the organisers." in str(event["description"])


@time_machine.travel(NOW, tick=False)
def test_the_feed_is_per_language_and_its_uids_are_stable(client, clinic):
    english = events(client.get("/en/opportunities/feed.ics").content)[1]
    again = events(client.get("/en/opportunities/feed.ics").content)[1]
    arabic = events(client.get("/ar/opportunities/feed.ics").content)[1]
    assert [str(event["uid"]) for event in english] == [str(event["uid"]) for event in again]
    assert [str(event["uid"]) for event in english] == [str(event["uid"]) for event in arabic]
    assert str(english[0]["uid"]) == f"opportunity-{clinic.translation_key}@movement-learning-hub"
    assert str(arabic[0]["summary"]) == "عيادة تعلّم"
    assert "لقاء شهري" in str(arabic[0]["description"])


@time_machine.travel(NOW, tick=False)
def test_the_feed_follows_the_listings_filters_and_leaves_ended_events_out(client, clinic):
    arabic = ResourceLanguage.objects.create(code="ar", name="العربية")
    skill = Skill.objects.create(slug="event-organizing", name="Event organizing", category="community")
    opportunity(title="Arabic workshop on organising", links={"languages": [arabic], "skills": [skill]})
    opportunity(
        title="Arabic in person",
        event_format=EventFormat.IN_PERSON,
        online_url="",
        city="Cairo",
        links={"languages": [arabic], "skills": [skill]},
    )
    day = datetime.date(2026, 12, 1)
    opportunity(title="Ended", start_date=day, end_date=day)
    params = {"lang": "ar", "format": "online", "kind": "workshop", "skill": "event-organizing"}
    titles = [str(event["summary"]) for event in events(client.get("/en/opportunities/feed.ics", params).content)[1]]
    assert titles == ["Arabic workshop on organising"]
    every = {str(event["summary"]) for event in events(client.get("/en/opportunities/feed.ics").content)[1]}
    assert "Ended" not in every
    assert len(every) == 3


@time_machine.travel(NOW, tick=False)
def test_a_feed_with_bad_parameters_still_answers_a_calendar(client, clinic):
    response = client.get("/en/opportunities/feed.ics", {"format": "underwater", "page": "x"})
    assert response.status_code == 200
    assert len(events(response.content)[1]) == 1


@time_machine.travel(NOW, tick=False)
def test_the_detail_page_writes_nothing_and_costs_few_queries(client, clinic):
    _response, queries = cold_queries(client, "/en/opportunities/learning-clinic/")
    assert writes(queries) == []
    assert len(queries) <= PAGE_BUDGET
