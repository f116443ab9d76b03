"""The demo opportunities file: the shipped one loads and loads again without change; a malformed one is refused
with located problems and nothing written."""

import datetime
from pathlib import Path

import pytest
import time_machine
import yaml
from django.core.management import CommandError, call_command

from opportunities.datafile import DEFAULT_PATH, next_window
from opportunities.models import MentorshipPage, OpportunityPage

pytestmark = pytest.mark.django_db

FRAMEWORK = Path(__file__).resolve().parents[2] / "framework" / "data" / "framework.yaml"


@pytest.fixture
def framework():
    call_command("import_framework", str(FRAMEWORK), verbosity=0)


def _write(tmp_path, document):
    path = tmp_path / "opportunities.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_shipped_file_loads_real_recurring_items_in_four_languages_and_a_second_load_changes_nothing(framework):
    call_command("load_opportunities", verbosity=0)
    opportunities = list(OpportunityPage.objects.live())
    programmes = list(MentorshipPage.objects.live())
    assert len(opportunities) >= 12
    assert len(programmes) >= 6
    assert all(page.recurrence for page in opportunities)
    for page in [*opportunities, *programmes]:
        assert all(getattr(page, f"summary_{code}") for code in ("en", "es", "fr", "ar")), page.slug
        assert not page.dates_confirmed
        assert not page.translations_reviewed
    revisions = sum(page.revisions.count() for page in opportunities)
    call_command("load_opportunities", verbosity=0)
    assert sum(page.revisions.count() for page in OpportunityPage.objects.all()) == revisions


@pytest.mark.parametrize("year", [2026, 2031, 2040])
def test_the_demo_never_shows_only_past_events(client, framework, year):
    """Opportunities repeat without end, so every one of them has a next date in any year."""
    call_command("load_opportunities", verbosity=0)
    with time_machine.travel(datetime.datetime(year, 6, 15, tzinfo=datetime.UTC), tick=False):
        page = client.get("/en/opportunities/")
        assert page.status_code == 200
        assert page.content.decode().count('class="hub-opps__item"') >= 12
    # Programme windows are generated when the file is loaded (each `make setup`): all open or opening then.
    mentorship = client.get("/en/mentorship/").content.decode()
    assert mentorship.count('class="hub-opps__item"') >= 6


def test_yearly_windows_give_the_next_window_not_yet_closed():
    window = {"opens": (3, 18), "closes": (4, 2)}
    assert next_window(window, datetime.date(2027, 3, 1)) == (datetime.date(2027, 3, 18), datetime.date(2027, 4, 2))
    assert next_window(window, datetime.date(2027, 4, 3)) == (datetime.date(2028, 3, 18), datetime.date(2028, 4, 2))
    across = {"opens": (12, 1), "closes": (1, 15)}
    assert next_window(across, datetime.date(2027, 1, 10)) == (datetime.date(2026, 12, 1), datetime.date(2027, 1, 15))


def test_a_malformed_file_is_refused_with_located_problems_and_nothing_written(framework, tmp_path):
    document = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    document["opportunities"][0]["ends"] = "2024-01-01 10:00"
    document["opportunities"][1]["time_zone"] = "Atlantis/Capital"
    document["opportunities"][2]["recurrence"] = "FREQ=FORTNIGHTLY"
    document["opportunities"][3]["online_url"] = "not a link"
    del document["opportunities"][4]["online_url"]
    document["opportunities"][5]["skills"] = ["no-such-skill"]
    document["mentorship"][0]["colour"] = "blue"
    document["mentorship"][2]["yearly_window"] = {"opens": "13-01", "closes": "04-01"}
    with pytest.raises(CommandError) as raised:
        call_command("load_opportunities", str(_write(tmp_path, document)), verbosity=0)
    message = str(raised.value)
    assert "nothing was written" in message
    for expected in (
        "opportunities[0].ends: The end must come after the start.",
        "opportunities[1].time_zone: “Atlantis/Capital” is not a time zone",
        "opportunities[2].recurrence: A recurrence needs FREQ=DAILY",
        "opportunities[3].online_url: 'not a link' is not an http(s) URL",
        "opportunities[4].online_url: An online or hybrid opportunity needs a joining link.",
        "opportunities[5].skills[0]: unknown skill 'no-such-skill'",
        "mentorship[0].colour: unknown key 'colour'",
        "mentorship[2].yearly_window.opens: expected a day of the year",
    ):
        assert expected in message
    assert not OpportunityPage.objects.exists()
    assert not MentorshipPage.objects.exists()


def test_an_in_person_entry_without_a_place_and_a_late_deadline_are_located(framework, tmp_path):
    document = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    entry = document["opportunities"][7]
    del entry["place"]
    with pytest.raises(CommandError) as raised:
        call_command("load_opportunities", str(_write(tmp_path, document)), verbosity=0)
    assert "opportunities[7].city: An in-person or hybrid opportunity needs a place or a city." in str(raised.value)
    assert not OpportunityPage.objects.exists()


def test_make_setup_leaves_a_curators_edit_alone(framework):
    call_command("load_opportunities", verbosity=0)
    page = OpportunityPage.objects.get(slug="wikimania")
    page.dates_confirmed = True
    page.save_revision().publish()
    call_command("load_opportunities", "--if-empty", verbosity=0)
    assert OpportunityPage.objects.get(slug="wikimania").dates_confirmed
