"""The public "Announce a learning opportunity" form: a valid announcement becomes a draft for curators and nothing
is public; bad input gets clear field errors and saves nothing; the honeypot and the rate limit hold."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from core.models import HubSettings
from opportunities.models import OpportunityPage
from tests.opportunities.builders import opportunity_index

pytestmark = pytest.mark.django_db

URL = "/en/opportunities/announce/"
VALID = {
    "title": "Wikidata workshop in Lagos",
    "summary": "A hands-on introduction to Wikidata for librarians.",
    "kind": "workshop",
    "event_format": "in-person",
    "start_date": "2027-06-05",
    "start_time": "10:00",
    "end_date": "2027-06-05",
    "end_time": "16:00",
    "time_zone": "Africa/Lagos",
    "city": "Lagos",
    "country": "Nigeria",
    "organiser_name": "Wikimedia User Group Nigeria",
}


@pytest.fixture
def index():
    return opportunity_index()


def test_a_valid_announcement_becomes_a_draft_that_nobody_sees(client, index):
    response = client.post(URL, VALID)
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?sent=1"
    page = OpportunityPage.objects.get()
    assert not page.live
    assert page.get_parent().pk == index.pk
    assert page.title_en == "Wikidata workshop in Lagos"
    assert page.revisions.count() == 1
    assert client.get(f"/en/opportunities/{page.slug}/").status_code == 404
    assert "Wikidata workshop" not in client.get("/en/opportunities/").content.decode()
    assert client.get(f"/en/opportunities/{page.slug}/calendar.ics").status_code == 404
    assert "A curator will check it" in client.get(response["Location"]).content.decode()


def test_a_spanish_announcement_keeps_its_text_in_spanish(client, index):
    client.post("/es/opportunities/announce/", {**VALID, "title": "Taller de Wikidata"})
    page = OpportunityPage.objects.get()
    assert page.title_es == "Taller de Wikidata"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "09:00"}, "end_date", "The end must come after the start."),
        ({"time_zone": "Lagos"}, "time_zone", "is not a time zone"),
        ({"recurrence": "FREQ=WEEKLY;BYDAY=XX"}, "recurrence", "cannot be read"),
        ({"registration_deadline": "2027-06-06"}, "registration_deadline", "cannot be after the start"),
        ({"city": ""}, "city", "needs a place or a city"),
        ({"event_format": "online"}, "online_url", "needs a joining link"),
        ({"start_date": "tomorrow"}, "start_date", "Enter a valid date."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_bad_input_is_named_on_its_field_and_nothing_is_saved(client, index, changes, field, message):
    response = client.post(URL, {**VALID, **changes})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select_one(f"#id_{field}_error")
    assert errors is not None and message in errors.get_text()
    assert not OpportunityPage.objects.exists()


def test_the_honeypot_thanks_a_bot_and_stores_nothing(client, index):
    response = client.post(URL, {**VALID, "website": "https://spam.example"})
    assert response.status_code == 302
    assert not OpportunityPage.objects.exists()


def test_over_the_limit_a_client_is_refused_and_nothing_is_saved(client, index):
    limit = HubSettings.current().suggestion_limit
    for number in range(limit):
        assert client.post(URL, {**VALID, "title": f"Workshop {number}"}).status_code == 302
    response = client.post(URL, {**VALID, "title": "One too many"})
    assert response.status_code == 429
    assert "Too many announcements" in response.content.decode()
    assert OpportunityPage.objects.count() == limit


def test_the_form_needs_its_csrf_token(index):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, VALID).status_code == 403
    assert not OpportunityPage.objects.exists()


def test_the_form_page_is_translated(client, index):
    soup = BeautifulSoup(client.get("/fr/opportunities/announce/").content, "html.parser")
    assert soup.select_one("h1").get_text(strip=True) == "Annoncer une occasion d’apprendre"
