"""The opportunities and mentorship listings: upcoming first, the archive by date alone, "this week" and "this
month", GET filters, bad parameters named on the page; bounded queries and no writes."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from framework.models import EngagementLevel, Skill
from opportunities.choices import EventFormat
from resources.models import ResourceLanguage
from tests.opportunities.builders import mentorship_index, opportunity, opportunity_index, programme
from tests.queries import PAGE_BUDGET, cold_queries, same_count_at_two_sizes, writes

pytestmark = pytest.mark.django_db

URL = "/en/opportunities/"
# A Wednesday.
NOW = datetime.datetime(2027, 3, 3, 12, 0, tzinfo=datetime.UTC)


def at(day, hour=16):
    return {"start_date": day, "end_date": day, "start_time": datetime.time(hour), "end_time": datetime.time(hour + 1)}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def groups(client, url=URL, params=None):
    soup = soup_of(client.get(url, params or {}))
    return {
        section.select_one(".hub-opps__group-title").get_text(strip=True): [
            a.get_text(strip=True) for a in section.select(".hub-opps__title a")
        ]
        for section in soup.select(".hub-opps__group")
    }


@pytest.fixture
def week():
    index = opportunity_index()
    pages = {
        "past": opportunity(index, title="Past clinic", **at(datetime.date(2027, 3, 1))),
        "friday": opportunity(index, title="Friday webinar", **at(datetime.date(2027, 3, 5))),
        "month": opportunity(index, title="Late March edit-a-thon", **at(datetime.date(2027, 3, 20))),
        "later": opportunity(index, title="May course", **at(datetime.date(2027, 5, 10))),
    }
    return pages


@time_machine.travel(NOW, tick=False)
def test_upcoming_opportunities_come_first_grouped_by_week_and_month_and_past_ones_are_left_out(client, week):
    assert groups(client) == {
        "This week": ["Friday webinar"],
        "Later this month": ["Late March edit-a-thon"],
        "Later": ["May course"],
    }


@time_machine.travel(NOW, tick=False)
def test_past_opportunities_move_to_the_archive_by_date_alone(client, week):
    assert groups(client, params={"show": "archive"}) == {"Past opportunities": ["Past clinic"]}
    with time_machine.travel(datetime.datetime(2027, 3, 25, tzinfo=datetime.UTC), tick=False):
        archive = groups(client, params={"show": "archive"})["Past opportunities"]
        assert archive == ["Late March edit-a-thon", "Friday webinar", "Past clinic"]
        assert groups(client) == {"Later": ["May course"]}


@time_machine.travel(NOW, tick=False)
def test_a_recurring_opportunity_is_listed_at_its_next_date_and_never_archived(client):
    opportunity(title="Monthly clinic", recurrence="FREQ=MONTHLY;BYMONTHDAY=1", **at(datetime.date(2025, 1, 1)))
    soup = soup_of(client.get(URL))
    time = soup.select_one(".hub-opps__when time")
    # 16:00 in Madrid on 1 April 2027 (summer time) is 14:00 UTC.
    assert time["datetime"] == "2027-04-01T14:00:00+00:00"
    assert groups(client, params={"show": "archive"}) == {}


@time_machine.travel(NOW, tick=False)
def test_the_month_filter_shows_what_happens_in_that_month(client, week):
    assert groups(client, params={"month": "2027-05"}) == {"Later": ["May course"]}
    assert groups(client, params={"month": "2027-03"}) == {
        "This week": ["Friday webinar"],
        "Later this month": ["Late March edit-a-thon"],
    }


@time_machine.travel(NOW, tick=False)
def test_filters_by_format_language_level_skill_and_region(client):
    arabic = ResourceLanguage.objects.create(code="ar", name="العربية")
    level = EngagementLevel.objects.create(slug="emerging", name="Emerging", order=2)
    skill = Skill.objects.create(slug="event-organizing", name="Event organizing", category="community")
    day = at(datetime.date(2027, 4, 1))
    opportunity(title="Arabic online", links={"languages": [arabic], "skills": [skill]}, region="mena", **day)
    opportunity(
        title="In person",
        event_format=EventFormat.IN_PERSON,
        online_url="",
        city="Accra",
        links={"levels": [level]},
        **day,
    )
    assert groups(client, params={"format": "in-person"}) == {"Later": ["In person"]}
    assert groups(client, params={"lang": "ar", "format": "online"}) == {"Later": ["Arabic online"]}
    assert groups(client, params={"level": "emerging"}) == {"Later": ["In person"]}
    assert groups(client, params={"skill": "event-organizing"}) == {"Later": ["Arabic online"]}
    assert groups(client, params={"region": "mena"}) == {"Later": ["Arabic online"]}
    assert groups(client, params={"lang": "ar", "format": "in-person"}) == {}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"format": "underwater"}, "Ignored unknown format: 'underwater'"),
        ({"skill": "no-such-skill"}, "Ignored unknown skill: 'no-such-skill'"),
        ({"month": "March"}, "Ignored month 'March'"),
        ({"month": "2027-13"}, "Ignored month '2027-13'"),
        ({"page": "²"}, "Ignored page number '²'"),
        ({"page": "99"}, "There is no page 99"),
        ({"show": "everything"}, "Ignored unknown view 'everything'"),
        ({"lang": "\x00"}, None),
    ],
)
def test_bad_parameters_are_named_on_the_page_and_the_rest_still_shows(client, week, params, message):
    soup = soup_of(client.get(URL, params))
    warnings = " ".join(item.get_text(" ", strip=True) for item in soup.select(".hub-opps__warning"))
    if message:
        assert message in warnings
    assert "Friday webinar" in soup.get_text()


@time_machine.travel(NOW, tick=False)
def test_the_listing_links_a_webcal_subscription_to_the_filtered_feed(client, week):
    soup = soup_of(client.get(URL, {"format": "online", "month": "2027-03"}))
    links = [a["href"] for a in soup.select(".hub-opps__subscribe a")]
    assert links[0] == "webcal://testserver/en/opportunities/feed.ics?format=online"
    assert links[1] == "http://testserver/en/opportunities/feed.ics?format=online"


@time_machine.travel(NOW, tick=False)
def test_the_spanish_listing_is_in_spanish(client, week):
    soup = soup_of(client.get("/es/opportunities/"))
    assert soup.select_one("h1").get_text(strip=True) == "Oportunidades de aprendizaje"
    assert "Esta semana" in [h.get_text(strip=True) for h in soup.select(".hub-opps__group-title")]


@time_machine.travel(NOW, tick=False)
def test_the_listing_costs_the_same_queries_at_two_sizes_and_writes_nothing(client):
    index = opportunity_index()
    arabic = ResourceLanguage.objects.create(code="ar", name="العربية")
    opportunity(index, links={"languages": [arabic]}, **at(datetime.date(2027, 3, 4)))
    size = iter(range(100))

    def grow():
        for _ in range(12):
            opportunity(
                index,
                links={"languages": [arabic]},
                recurrence="FREQ=WEEKLY",
                **at(datetime.date(2027, 3, 4 + next(size) % 3)),
            )

    same_count_at_two_sizes(client, URL, grow, budget=PAGE_BUDGET, params={"format": "online", "lang": "ar"})
    _response, queries = cold_queries(client, URL)
    assert writes(queries) == []


def test_mentorship_lists_open_and_opening_programmes_and_archives_closed_ones(client):
    index = mentorship_index()
    today = datetime.date(2027, 3, 3)
    with time_machine.travel(NOW, tick=False):
        programme(index, title="Always open")
        programme(index, title="Spring window", always_open=False, opens_on=today, closes_on=datetime.date(2027, 4, 1))
        programme(
            index,
            title="Summer window",
            always_open=False,
            opens_on=datetime.date(2027, 6, 1),
            closes_on=datetime.date(2027, 7, 1),
        )
        programme(
            index,
            title="Last year",
            always_open=False,
            opens_on=datetime.date(2026, 1, 1),
            closes_on=datetime.date(2026, 2, 1),
        )
        assert groups(client, "/en/mentorship/") == {
            "Open now": ["Always open", "Spring window"],
            "Opening later": ["Summer window"],
        }
        assert groups(client, "/en/mentorship/", {"show": "archive"}) == {"Closed": ["Last year"]}
        soup = soup_of(client.get("/en/mentorship/", {"level": "nope"}))
        assert "Ignored unknown level: 'nope'" in soup.select_one(".hub-opps__warning").get_text()


def test_mentorship_listing_costs_the_same_queries_at_two_sizes(client):
    index = mentorship_index()
    programme(index)

    def grow():
        for _ in range(10):
            programme(index)

    same_count_at_two_sizes(client, "/en/mentorship/", grow, budget=PAGE_BUDGET)
