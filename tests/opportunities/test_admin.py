"""Curators add and edit opportunities and programmes through the real Wagtail admin: drafts, revisions, errors."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from opportunities.models import MentorshipPage, OpportunityPage
from tests.admin_forms import form_values
from tests.opportunities.builders import mentorship_index, opportunity, opportunity_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def _add_form(admin_client, model_name, index):
    url = reverse("wagtailadmin_pages:add", args=["opportunities", model_name, index.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    return url, form_values(response.content.decode(), field="title_en")


OPPORTUNITY_FIELDS = {
    "title_en": "Commons photo workshop",
    "slug": "commons-photo-workshop",
    "summary_en": "Learn to upload and describe photos on Wikimedia Commons.",
    "kind": "workshop",
    "event_format": "online",
    "region": "global",
    "start_date": "2027-05-04",
    "start_time": "18:00",
    "end_date": "2027-05-04",
    "end_time": "19:30",
    "time_zone": "America/Bogota",
    "recurrence": "FREQ=MONTHLY;BYDAY=1TU",
    "online_url": "https://meet.example.org/commons",
    "organiser_name": "Wikimedia Colombia",
}


def test_a_curator_publishes_an_opportunity_through_the_admin(admin_client):
    index = opportunity_index()
    url, values = _add_form(admin_client, "opportunitypage", index)
    values.update({name: [value] for name, value in OPPORTUNITY_FIELDS.items()})
    values["action-publish"] = ["action-publish"]
    response = admin_client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = OpportunityPage.objects.get(slug="commons-photo-workshop")
    assert page.live
    assert page.recurrence == "FREQ=MONTHLY;BYDAY=1TU"
    assert page.start.isoformat() == "2027-05-04T23:00:00+00:00"
    assert page.revisions.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2027-05-03"}, "The end must come after the start."),
        ({"recurrence": "FREQ=WEEKLY;BYDAY=NOPE"}, "The recurrence rule cannot be read"),
        ({"time_zone": "Bogota"}, "is not a time zone"),
        ({"online_url": ""}, "needs a joining link"),
        ({"event_format": "in-person", "online_url": ""}, "needs a place or a city"),
        ({"registration_deadline": "2027-05-05"}, "cannot be after the start"),
    ],
)
def test_the_admin_refuses_an_impossible_opportunity_and_saves_nothing(admin_client, changes, message):
    index = opportunity_index()
    url, values = _add_form(admin_client, "opportunitypage", index)
    values.update({name: [value] for name, value in {**OPPORTUNITY_FIELDS, **changes}.items()})
    response = admin_client.post(url, values)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OpportunityPage.objects.filter(slug="commons-photo-workshop").exists()


def test_editing_an_opportunity_keeps_a_revision_and_a_draft_stays_unpublished(admin_client, client):
    page = opportunity(title="Before", title_en="Before")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    values = form_values(admin_client.get(url).content.decode(), field="title_en")
    values["title_en"] = ["After"]
    response = admin_client.post(url, values)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.revisions.count() == 2
    assert page.has_unpublished_changes
    assert page.title_en == "Before"


def test_a_curator_adds_a_mentorship_programme_and_a_window_backwards_is_refused(admin_client):
    index = mentorship_index()
    url, values = _add_form(admin_client, "mentorshippage", index)
    fields = {
        "title_en": "Growth mentorship",
        "slug": "growth-mentorship",
        "summary_en": "Newcomers get a mentor on their home wiki.",
        "event_format": "online",
        "region": "global",
        "join_url": "https://www.mediawiki.org/wiki/Growth/Mentorship",
        "organiser_name": "Growth team",
        "opens_on": "2027-03-01",
        "closes_on": "2027-02-01",
    }
    values.update({name: [value] for name, value in fields.items()})
    response = admin_client.post(url, values)
    assert response.status_code == 200
    assert "Registration cannot close before it opens." in response.content.decode()
    assert not MentorshipPage.objects.exists()
    values["closes_on"] = ["2027-04-01"]
    values["action-publish"] = ["action-publish"]
    assert admin_client.post(url, values).status_code == 302
    assert MentorshipPage.objects.get().live
