"""The opportunity endpoints of the JSON API: the listing's filters and order, strict about unknown values, only
live pages, times in the organiser's zone with their offset, translations with their fallbacks, and a number of
queries that does not grow with the data."""

import datetime

import pytest
import time_machine

from framework.factories import EngagementLevelFactory, SkillFactory
from opportunities.choices import EventFormat, OpportunityKind, Region
from pathways.factories import RoleFactory
from resources.factories import ResourceLanguageFactory
from tests.opportunities.builders import mentorship_index, opportunity, opportunity_index, programme
from tests.queries import clear_caches, warm_content_types

pytestmark = pytest.mark.django_db

API = "/api/v1"
NOW = datetime.datetime(2027, 3, 3, 12, 0, tzinfo=datetime.UTC)


def on(day, hour=16, **values):
    """Field values of an opportunity on ``day`` from ``hour`` for an hour."""
    return {
        "start_date": day,
        "end_date": day,
        "start_time": datetime.time(hour),
        "end_time": datetime.time(hour + 1),
        **values,
    }


def titles(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_upcoming_opportunities_come_soonest_first_without_past_or_draft_ones(client, frozen):
    index = opportunity_index()
    opportunity(index, title="Later", **on(datetime.date(2027, 5, 1)))
    opportunity(index, title="Sooner", **on(datetime.date(2027, 3, 10)))
    opportunity(index, title="Over", **on(datetime.date(2027, 1, 10)))
    draft = opportunity(index, title="Draft", **on(datetime.date(2027, 3, 5)))
    draft.unpublish()
    assert titles(client, f"{API}/opportunities/") == ["Sooner", "Later"]
    assert titles(client, f"{API}/opportunities/", {"show": "archive"}) == ["Over"]
    assert client.get(f"{API}/opportunities/{draft.slug}/").status_code == 404


def test_times_are_iso_8601_in_the_organisers_zone_with_its_name(client, frozen):
    page = opportunity(
        time_zone="Africa/Nairobi", recurrence="FREQ=WEEKLY;COUNT=3", **on(datetime.date(2027, 3, 1), hour=9)
    )
    item = client.get(f"{API}/opportunities/").json()["items"][0]
    # The first of the three Mondays is over: the next one is listed.
    assert (item["starts"], item["ends"]) == ("2027-03-08T09:00:00+03:00", "2027-03-08T10:00:00+03:00")
    assert item["time_zone"] == "Africa/Nairobi"
    assert item["series_ends"] == "2027-03-15T10:00:00+03:00"
    assert item["recurrence"] == "FREQ=WEEKLY;COUNT=3"
    assert item["calendar_url"] == f"http://testserver/en/opportunities/{page.slug}/calendar.ics"
    detail = client.get(f"{API}/opportunities/{page.slug}/").json()
    assert detail["starts"] == "2027-03-08T09:00:00+03:00"
    assert detail["upcoming_dates"] == [{"starts": "2027-03-15T09:00:00+03:00", "ends": "2027-03-15T10:00:00+03:00"}]
    assert detail["is_past"] is False


def test_the_listings_filters_narrow_the_list(client, frozen):
    level = EngagementLevelFactory(slug="emerging")
    skill = SkillFactory(slug="writing")
    role = RoleFactory(slug="mentor")
    spanish = ResourceLanguageFactory(code="es", name="español")
    index = opportunity_index()
    opportunity(
        index,
        title="Taller",
        kind=OpportunityKind.COURSE,
        region=Region.LATAM,
        links={"languages": [spanish], "levels": [level], "skills": [skill], "roles": [role]},
        **on(datetime.date(2027, 4, 2)),
    )
    opportunity(
        index,
        title="In Paris",
        event_format=EventFormat.IN_PERSON,
        online_url="",
        city="Paris",
        **on(datetime.date(2027, 3, 20)),
    )
    url = f"{API}/opportunities/"
    assert titles(client, url, {"format": "in-person"}) == ["In Paris"]
    assert titles(client, url, {"format": ["in-person", "online"]}) == ["In Paris", "Taller"]
    for params in [
        {"available_in": "es"},
        {"level": "emerging"},
        {"skill": "writing"},
        {"role": "mentor"},
        {"region": "latam"},
        {"kind": "course"},
        {"month": "2027-04"},
    ]:
        assert titles(client, url, params) == ["Taller"], params
    assert titles(client, url, {"month": "2027-05"}) == []


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"level": "nope"}, "Unknown level: 'nope'. Use the slug of a level listed at /api/v1/levels/."),
        ({"level": ""}, "Unknown level: ''. Use the slug of a level listed at /api/v1/levels/."),
        ({"role": "nope"}, "Unknown role: 'nope'. Use the slug of a role listed at /api/v1/roles/."),
        ({"format": "radio"}, "Unknown format: 'radio'. Use one of: online, in-person, hybrid."),
        ({"available_in": "xx"}, "Unknown language: 'xx'. Use a language code given in the items' `available_in`."),
        ({"month": "2027-13"}, "Unknown month '2027-13'. Write a month as YYYY-MM, from 1901-01 to 2999-12."),
        ({"show": "past"}, "Unknown view 'past'. Use one of: upcoming, archive."),
        ({"level": ["x"] * 51}, "Too many values for 'level': at most 50."),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_it(client, frozen, params, detail):
    opportunity()
    response = client.get(f"{API}/opportunities/", params)
    assert response.status_code == 400
    assert response.json() == {"detail": detail}


def test_texts_come_in_the_language_asked_for_with_english_fallbacks(client, frozen):
    page = opportunity(
        title="Workshop", title_es="Taller", summary="About it", description="Long", **on(datetime.date(2027, 3, 10))
    )
    item = client.get(f"{API}/opportunities/", {"lang": "es"}).json()["items"][0]
    assert (item["title"], item["summary"], item["language"]) == ("Taller", "About it", "es")
    assert item["fallback_fields"] == ["summary"]
    assert item["url"] == f"http://testserver/es/opportunities/{page.slug}/"
    assert item["api_url"] == f"http://testserver/api/v1/opportunities/{page.slug}/?lang=es"
    detail = client.get(item["api_url"]).json()
    assert detail["description"] == "Long"
    assert "description" in detail["fallback_fields"]


def test_mentorship_lists_open_and_opening_programmes_and_archives_closed_ones(client, frozen):
    index = mentorship_index()
    today = datetime.date(2027, 3, 3)
    programme(index, title="Always open")
    programme(index, title="Autumn", always_open=False, opens_on=datetime.date(2027, 9, 1))
    closed = programme(index, title="Closed", always_open=False, closes_on=today - datetime.timedelta(days=1))
    response = client.get(f"{API}/mentorship/")
    assert [(item["title"], item["status"]) for item in response.json()["items"]] == [
        ("Always open", "open"),
        ("Autumn", "soon"),
    ]
    assert titles(client, f"{API}/mentorship/", {"show": "archive"}) == ["Closed"]
    detail = client.get(f"{API}/mentorship/{closed.slug}/").json()
    assert (detail["status"], detail["closes_on"], detail["join_url"]) == ("closed", "2027-03-02", closed.join_url)
    assert client.get(f"{API}/mentorship/", {"kind": "course"}).status_code == 200  # no kind filter here: ignored
    assert client.get(f"{API}/mentorship/", {"show": "upcoming"}).status_code == 400
    assert client.get(f"{API}/mentorship/", {"region": "mars"}).status_code == 400


@pytest.mark.parametrize(("url", "params"), [("/opportunities/", {}), ("/opportunities/", {"show": "archive"})])
def test_the_opportunities_list_costs_the_same_queries_at_3_and_30_items(
    client, django_assert_max_num_queries, url, params
):
    level = EngagementLevelFactory(slug="emerging")
    index = opportunity_index()

    def add(count, past):
        with time_machine.travel(NOW, tick=False):
            for number in range(count):
                day = datetime.date(2027, 1 if past else 4, 1 + number % 28)
                opportunity(index, links={"levels": [level]}, **on(day))

    budgets = []
    for count in (3, 27):
        add(count, past=bool(params))
        clear_caches()
        warm_content_types()
        with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(10) as captured:
            response = client.get(f"{API}{url}", {**params, "level": "emerging"})
        assert response.status_code == 200
        budgets.append((len(captured), response.json()["count"]))
    assert budgets[0][0] == budgets[1][0]
    assert [count for _queries, count in budgets] == [3, 30]


def test_the_mentorship_list_costs_the_same_queries_at_3_and_30_items(client, django_assert_max_num_queries):
    index = mentorship_index()
    counts = []
    for size in (3, 27):
        for _ in range(size):
            programme(index)
        clear_caches()
        warm_content_types()
        with django_assert_max_num_queries(9) as captured:
            response = client.get(f"{API}/mentorship/", {"format": "online"})
        assert response.json()["count"] == len(counts) * 27 + 3
        counts.append(len(captured))
    assert counts[0] == counts[1]
