"""Pages that the clock alone changes, served from the page cache (core/pagecache/freshness.py): no write happens
when an event ends or a registration closes, so the content version stays the same; the page cache must still stop
serving the page as it was. Each test caches a page, moves the clock just past the moment it changes (within the
cache's 24-hour lifetime) and reads what the next visitor sees."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from framework.models import EngagementLevel, Skill
from tests.core.test_cache_outage import private_redis, redis_settings  # noqa: F401 (fixtures)
from tests.opportunities.builders import mentorship_index, opportunity, opportunity_index, programme

pytestmark = pytest.mark.django_db

# A Wednesday, noon UTC.
NOON = datetime.datetime(2027, 3, 3, 12, 0, tzinfo=datetime.UTC)
TODAY = NOON.date()


def utc_event(**values):
    """Field values of an event today, in UTC, from ``start`` to ``end`` o'clock."""
    start, end = values.pop("start"), values.pop("end")
    return {
        "start_date": TODAY,
        "end_date": TODAY,
        "start_time": datetime.time(start),
        "end_time": datetime.time(end),
        "time_zone": "UTC",
        **values,
    }


def visit(client, url, params=None):
    """The page's soup and where it came from (hit, miss, pass)."""
    response = client.get(url, params or {})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), response["X-Page-Cache"]


def titles(soup, selector=".hub-opps__title a"):
    return [a.get_text(strip=True) for a in soup.select(selector)]


def cached(client, url, params=None):
    """Visit ``url`` twice: the second answer must come from the page cache. Returns its soup."""
    visit(client, url, params)
    soup, source = visit(client, url, params)
    assert source == "hit"
    return soup


def test_an_event_that_ended_leaves_the_cached_listing(client):
    with time_machine.travel(NOON, tick=False):
        index = opportunity_index()
        opportunity(index, title="Lunch clinic", **utc_event(start=13, end=14))
        opportunity(
            index,
            title="Next week's course",
            **utc_event(start=10, end=11)
            | {
                "start_date": TODAY + datetime.timedelta(days=7),
                "end_date": TODAY + datetime.timedelta(days=7),
            },
        )
        assert titles(cached(client, "/en/opportunities/")) == ["Lunch clinic", "Next week's course"]
        response = client.get("/en/opportunities/")
        # Shared caches are told no more than the page has left to live (two hours here, capped by s-maxage).
        assert "s-maxage=60" in response["Cache-Control"]
    with time_machine.travel(NOON + datetime.timedelta(hours=2, minutes=1), tick=False):
        soup, source = visit(client, "/en/opportunities/")
        assert (titles(soup), source) == (["Next week's course"], "miss")


def test_with_redis_the_copy_a_process_holds_ends_when_the_event_does(redis_settings, client):  # noqa: F811
    # With Redis each process also holds the pages it served (core/pagecache/store.py); Redis's own timeout
    # (real seconds) does not end that copy, nor the one in Redis when the clock moves: the entry's time does.
    with time_machine.travel(NOON, tick=False):
        index = opportunity_index()
        opportunity(index, title="Lunch clinic", **utc_event(start=13, end=14))
        assert titles(cached(client, "/en/opportunities/")) == ["Lunch clinic"]
        assert visit(client, "/en/opportunities/")[1] == "hit"
    with time_machine.travel(NOON + datetime.timedelta(hours=2, minutes=1), tick=False):
        soup, source = visit(client, "/en/opportunities/")
        assert (titles(soup), source) == ([], "miss")
        assert visit(client, "/en/opportunities/")[1] == "hit"


def test_shared_caches_are_not_told_to_keep_a_page_past_its_change(client, settings):
    settings.PAGE_CACHE_S_MAXAGE = 3600
    with time_machine.travel(NOON, tick=False):
        opportunity(
            opportunity_index(), title="Soon over", **utc_event(start=11, end=12) | {"end_time": datetime.time(12, 10)}
        )
        response = client.get("/en/opportunities/")
        assert response["X-Page-Cache"] == "miss"
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert "s-maxage=600" in directives, directives


def test_the_week_group_changes_on_monday_in_the_cached_listing(client):
    sunday = NOON + datetime.timedelta(days=4)  # Sunday 7 March, noon
    with time_machine.travel(sunday, tick=False):
        index = opportunity_index()
        monday = (sunday + datetime.timedelta(days=1)).date()
        opportunity(
            index, title="Monday webinar", **utc_event(start=15, end=16) | {"start_date": monday, "end_date": monday}
        )
        soup = cached(client, "/en/opportunities/")
        assert soup.select_one(".hub-opps__group-title").get_text(strip=True) != "This week"
    with time_machine.travel(sunday + datetime.timedelta(hours=12, minutes=1), tick=False):
        soup, _source = visit(client, "/en/opportunities/")
        assert soup.select_one(".hub-opps__group-title").get_text(strip=True) == "This week"


def test_a_programme_whose_registration_closed_leaves_the_cached_listing_at_midnight(client):
    with time_machine.travel(NOON, tick=False):
        index = mentorship_index()
        programme(index, title="Closes today", always_open=False, opens_on=TODAY, closes_on=TODAY)
        programme(index, title="Always open")
        assert titles(cached(client, "/en/mentorship/")) == ["Always open", "Closes today"]
    with time_machine.travel(NOON + datetime.timedelta(hours=12, minutes=1), tick=False):
        soup, source = visit(client, "/en/mentorship/")
        assert (titles(soup), source) == (["Always open"], "miss")


def test_a_detail_page_moves_to_the_next_occurrence_when_one_ends(client):
    with time_machine.travel(NOON, tick=False):
        page = opportunity(
            opportunity_index(),
            title="Weekly office hours",
            **utc_event(start=13, end=14),
            recurrence="FREQ=WEEKLY;COUNT=4",
        )
        url = page.get_url()
        first = cached(client, url).select_one("time[datetime]")["datetime"]
    with time_machine.travel(NOON + datetime.timedelta(hours=2, minutes=1), tick=False):
        soup, source = visit(client, url)
        assert source == "miss"
        assert soup.select_one("time[datetime]")["datetime"] != first


def test_coming_up_on_a_skill_page_drops_an_event_that_ended(client):
    with time_machine.travel(NOON, tick=False):
        level = EngagementLevel.objects.create(slug="emerging", name="Emerging", order=2)
        skill = Skill.objects.create(slug="event-organizing", name="Event organizing", category="community")
        skill.levels.set([level])
        opportunity(
            opportunity_index(), title="Organising clinic", links={"skills": [skill]}, **utc_event(start=13, end=14)
        )
        soup = cached(client, "/en/framework/skills/event-organizing/")
        assert "Organising clinic" in soup.get_text()
    with time_machine.travel(NOON + datetime.timedelta(hours=2, minutes=1), tick=False):
        soup, _source = visit(client, "/en/framework/skills/event-organizing/")
        assert "Organising clinic" not in soup.get_text()


# --- The API: its answers are under the page cache too (hub/api.py) --------------------------------------


def api_cached(client, url):
    """Ask the API twice: the second answer must come from the page cache. Returns its JSON."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response.json()


def test_the_api_detail_moves_to_the_next_occurrence_when_one_ends(client):
    with time_machine.travel(NOON, tick=False):
        page = opportunity(
            opportunity_index(), **utc_event(start=13, end=14), recurrence="FREQ=WEEKLY;COUNT=4", slug="office-hours"
        )
        first = api_cached(client, f"/api/v1/opportunities/{page.slug}/?lang=es")["starts"]
    with time_machine.travel(NOON + datetime.timedelta(hours=2, minutes=1), tick=False):
        response = client.get(f"/api/v1/opportunities/{page.slug}/?lang=es")
        assert response["X-Page-Cache"] == "miss"
        assert response.json()["starts"] != first


def test_an_event_that_ended_leaves_the_cached_api_list_and_joins_its_archive(client):
    with time_machine.travel(NOON, tick=False):
        opportunity(opportunity_index(), title="Lunch clinic", **utc_event(start=13, end=14))
        listed = api_cached(client, "/api/v1/opportunities/")
        assert [item["title"] for item in listed["items"]] == ["Lunch clinic"]
        assert api_cached(client, "/api/v1/opportunities/?show=archive")["count"] == 0
    with time_machine.travel(NOON + datetime.timedelta(hours=2, minutes=1), tick=False):
        assert client.get("/api/v1/opportunities/").json()["count"] == 0
        archive = client.get("/api/v1/opportunities/?show=archive").json()
        assert [item["title"] for item in archive["items"]] == ["Lunch clinic"]


def test_a_programme_that_closed_today_is_closed_in_the_api_tomorrow(client):
    with time_machine.travel(NOON, tick=False):
        index = mentorship_index()
        programme(index, slug="closes-today", always_open=False, opens_on=TODAY, closes_on=TODAY)
        assert api_cached(client, "/api/v1/mentorship/closes-today/")["status"] == "open"
        assert api_cached(client, "/api/v1/mentorship/")["count"] == 1
    # Just past midnight: within the page cache's 24-hour lifetime.
    with time_machine.travel(NOON + datetime.timedelta(hours=12, minutes=1), tick=False):
        assert client.get("/api/v1/mentorship/closes-today/").json()["status"] == "closed"
        assert client.get("/api/v1/mentorship/").json()["count"] == 0
