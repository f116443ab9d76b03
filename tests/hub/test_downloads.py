"""Bulk downloads at /downloads/<name>: the framework as a JSON data file that imports back, as zipped CSV files,
the resources and the opportunities and mentorship programmes as JSON; licence and attribution, headers, errors and
a fixed query budget."""

import csv
import datetime
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.datafile import manifest
from framework.datafile import FRAMEWORK_FILE
from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory, SourceFactory
from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from opportunities.models import MentorshipIndexPage, MentorshipPage, OpportunityIndexPage, OpportunityPage
from pathways.factories import PathwayStepFactory, RoleFactory
from pathways.models import PathwayStep, Role
from resources.factories import ResourceIndexPageFactory, ResourceLanguageFactory, ResourcePageFactory
from tests.data_files import DATA_FILE, flush_framework_tables
from tests.opportunities.builders import opportunity, programme
from tests.queries import same_count_at_two_sizes

LICENCE = {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"}
CSV_MODELS = {
    "sources.csv": Source,
    "levels.csv": EngagementLevel,
    "skills.csv": Skill,
    "behaviors.csv": Behavior,
    "activities.csv": Activity,
    "roles.csv": Role,
    "steps.csv": PathwayStep,
}


@pytest.fixture
def shipped(db):
    """The shipped data file imported, roles and their steps included."""
    call_command("import_framework", str(DATA_FILE), verbosity=0, stdout=StringIO())


def unzip(response):
    """``{name: text}`` of a zip download (CSV files read without their byte-order mark)."""
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}


def read_csv(text):
    """The rows of a CSV file as dictionaries, and its header."""
    reader = csv.DictReader(io.StringIO(text))
    return list(reader), reader.fieldnames


# --- framework.json ----------------------------------------------------------------------------------------


def test_framework_json_is_the_data_file_with_licence_and_attribution(client, shipped):
    response = client.get("/downloads/framework.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="framework.json"'
    data = json.loads(response.content)
    assert data["licence"] == LICENCE
    assert "Movement Learning and Leadership Development Project" in data["attribution"]["text"]
    assert data["attribution"]["contributors"] == "Movement Learning Hub contributors"
    assert data["attribution"]["project_url"].startswith("https://meta.wikimedia.org/wiki/")
    assert {"meta", "sources", "levels", "skills", "behaviors", "activities", "roles"} <= set(data)
    assert list(data)[:3] == ["manifest", "licence", "attribution"]
    assert manifest.verify(data)[1] == []
    sections = {key: value for key, value in data.items() if key not in ("manifest", "licence", "attribution")}
    assert sections == FRAMEWORK_FILE.export_document()
    assert len(data["roles"]) == Role.objects.count() > 0
    assert any(role.get("suggested_steps") for role in data["roles"])
    assert "Fundamental" in response.content.decode("utf-8")  # not \u-escaped


def test_framework_json_imports_back_into_an_empty_database(client, shipped, tmp_path):
    before = FRAMEWORK_FILE.export_document()
    counts = {model: model.objects.count() for model in [*CSV_MODELS.values(), FrameworkInfo]}
    path = tmp_path / "framework.json"
    path.write_bytes(client.get("/downloads/framework.json").content)
    flush_framework_tables()
    assert Skill.objects.count() == 0
    out = StringIO()
    call_command("import_framework", str(path), stdout=out)
    # The licence and attribution are not sections: skipped with a notice, and meta is left as it was.
    assert "licence: no installed app imports this section; skipped" in out.getvalue()
    assert "attribution: no installed app imports this section; skipped" in out.getvalue()
    assert not FrameworkInfo.objects.filter(key__in=["licence", "attribution"]).exists()
    assert FRAMEWORK_FILE.export_document() == before
    assert {model: model.objects.count() for model in counts} == counts


def test_a_second_import_of_the_download_changes_nothing(client, shipped, tmp_path):
    path = tmp_path / "framework.json"
    path.write_bytes(client.get("/downloads/framework.json").content)
    out = StringIO()
    call_command("import_framework", str(path), stdout=out)
    assert "created" in out.getvalue()
    assert " 0 created, 0 updated" in out.getvalue()
    assert "1 updated" not in out.getvalue()


# --- framework-csv.zip ----------------------------------------------------------------------------------


def test_csv_zip_has_one_file_per_kind_with_every_row_and_the_licence(client, shipped):
    response = client.get("/downloads/framework-csv.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="framework-csv.zip"'
    files = unzip(response)
    assert set(files) == {*CSV_MODELS, "LICENSE.txt", "README.txt"}
    for name, model in CSV_MODELS.items():
        rows, _header = read_csv(files[name])
        assert len(rows) == model.objects.count() > 0, name
    assert "CC BY-SA 4.0" in files["LICENSE.txt"]
    assert LICENCE["url"] in files["LICENSE.txt"]
    assert "Movement Learning Hub contributors" in files["LICENSE.txt"]
    assert "steps.csv" in files["README.txt"]


def test_csv_headers_give_a_column_per_language_and_joined_slugs(client, shipped):
    files = unzip(client.get("/downloads/framework-csv.zip"))
    skills, header = read_csv(files["skills.csv"])
    assert header[:5] == ["slug", "name_en", "name_es", "name_fr", "name_ar"]
    assert {"category", "levels", "provenance", "sources", "description_en", "description_es"} <= set(header)
    assert {"es_uncertain", "es_note"} <= set(header)
    assert read_csv(files["levels.csv"])[1][:2] == ["slug", "order"]
    assert read_csv(files["sources.csv"])[1][0] == "id"
    _roles, role_header = read_csv(files["roles.csv"])
    assert {"slug", "name_es", "summary_en", "entry_level", "target_level", "icon"} <= set(role_header)
    assert "suggested_steps" not in role_header
    steps, step_header = read_csv(files["steps.csv"])
    assert step_header[:4] == ["role", "key", "order", "level"]
    assert {"title_en", "title_es", "skills", "activities", "links"} <= set(step_header)
    # The rows carry the database's values: Spanish names, levels as slugs joined with ";".
    for row in skills:
        skill = Skill.objects.get(slug=row["slug"])
        assert row["name_es"] == skill.name_es
        assert row["levels"] == ";".join(level.slug for level in skill.levels.order_by("order"))
    assert sum(1 for row in skills if row["name_es"]) == Skill.objects.exclude(name_es="").count() > 0
    assert {row["role"] for row in steps} == set(
        Role.objects.filter(steps__isnull=False).values_list("slug", flat=True)
    )


def test_csv_files_open_as_utf8_in_spreadsheets(client, shipped):
    with zipfile.ZipFile(io.BytesIO(client.get("/downloads/framework-csv.zip").content)) as archive:
        assert archive.read("skills.csv").startswith("\ufeff".encode())


# --- resources.json --------------------------------------------------------------------------------------


def test_resources_json_lists_live_resources_in_every_language(client, home_page):
    ResourceIndexPageFactory()
    level = EngagementLevelFactory(slug="fundamental")
    ResourcePageFactory(
        slug="live-guide", levels=[level], tags=["wiki"], languages=[ResourceLanguageFactory(code="es")]
    )
    ResourcePageFactory(slug="draft-guide", live=False)
    response = client.get("/downloads/resources.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="resources.json"'
    data = json.loads(response.content)
    assert data["licence"] == LICENCE
    assert [item["slug"] for item in data["resources"]] == ["live-guide"]
    item = data["resources"][0]
    assert item["url"]["es"] == "http://testserver/es/resources/live-guide/"
    assert set(item["title"]) == {"en", "es"}
    assert item["levels"] == ["fundamental"]
    assert item["tags"] == ["wiki"]
    assert item["available_in"] == ["es"]


# --- opportunities.json ---------------------------------------------------------------------------------


# What an opportunity or a programme is, field by field, apart from where it sits in the tree and its history.
UNCOMPARED = {
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "latest_revision",
    "live_revision",
    "content_type",
    "translation_key",
    "draft_title",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "owner",
    "locked_by",
    "locked_at",
    "locale",
}


TEXT_SUFFIXES = {f"_{code}" for code in ("en", "es", "fr", "ar")}


def stored_items():
    """Every opportunity and programme by slug: its field values and what it links to."""
    items = {}
    for model in (OpportunityPage, MentorshipPage):
        for page in model.objects.prefetch_related("languages", "levels", "skills", "roles"):
            fields = {
                f.attname: getattr(page, f.attname) for f in model._meta.concrete_fields if f.name not in UNCOMPARED
            }
            # An untranslated text is None or empty, as it was written (the admin, the loader): the same to readers.
            fields.update({name: "" for name, value in fields.items() if value is None and name[-3:] in TEXT_SUFFIXES})
            links = {
                name: sorted(str(obj) for obj in getattr(page, name).all()) for name in ("levels", "skills", "roles")
            }
            steps = sorted(str(step.pk) for step in page.pathway_steps.all()) if model is OpportunityPage else []
            languages = sorted(language.code for language in page.languages.all())
            items[(model.__name__, page.slug)] = {**fields, **links, "steps": steps, "languages": languages}
    return items


@pytest.fixture
def opportunities_content(home_page):
    """An opportunity with every kind of value, a second one, a draft, and two programmes."""
    level = EngagementLevelFactory(slug="fundamental")
    skill = SkillFactory(slug="event-organizing", levels=[level])
    role = RoleFactory(slug="mentor", entry_level=level)
    step = PathwayStepFactory(role=role, level=level, key="welcome")
    spanish, arabic = ResourceLanguageFactory(code="es"), ResourceLanguageFactory(code="ar")
    opportunity(
        slug="live-workshop",
        title_es="Taller",
        summary_ar="ورشة",
        time_zone="America/Bogota",
        recurrence="FREQ=MONTHLY;COUNT=2",
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 3, 1),
        event_format="hybrid",
        venue_name="Biblioteca",
        venue_name_en="Biblioteca",
        venue_name_es="Biblioteca central",
        city="Bogotá",
        country="Colombia",
        registration_url_en="https://example.org/register",
        registration_url_es="https://example.org/es/registro",
        registration_deadline=datetime.date(2027, 2, 20),
        cost_en="Free",
        capacity=30,
        accessibility_fr="Salle accessible",
        dates_confirmed=True,
        links={"levels": [level], "skills": [skill], "roles": [role], "steps": [step], "languages": [spanish, arabic]},
    )
    opportunity(slug="second-workshop")
    opportunity(slug="draft-workshop").unpublish()
    programme(slug="open-programme", duration="Three months", duration_fr="Trois mois", links={"roles": [role]})
    programme(
        slug="windowed-programme",
        always_open=False,
        opens_on=datetime.date(2026, 11, 3),
        closes_on=datetime.date(2027, 1, 9),
        become_mentor_url="https://example.org/mentors",
        contact="mentors@example.org",
    )


def download_opportunities(client, tmp_path):
    path = tmp_path / "opportunities.json"
    path.write_bytes(client.get("/downloads/opportunities.json").content)
    return path


def empty_opportunities():
    """Delete the opportunities and programmes with their index pages, as on a Hub that has none."""
    for model in (OpportunityIndexPage, MentorshipIndexPage):
        for index in model.objects.all():
            index.delete()
    assert not OpportunityPage.objects.exists()
    assert not MentorshipPage.objects.exists()


def test_opportunities_json_is_the_opportunities_data_file_with_licence_and_attribution(client, opportunities_content):
    response = client.get("/downloads/opportunities.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="opportunities.json"'
    data = json.loads(response.content)
    assert list(data) == ["manifest", "licence", "attribution", "opportunities", "mentorship"]
    assert data["licence"] == LICENCE
    assert manifest.verify(data)[1] == []
    assert [item["slug"] for item in data["opportunities"]] == ["live-workshop", "second-workshop"]
    item = data["opportunities"][0]
    assert item["title"]["es"] == "Taller"
    assert (item["time_zone"], item["starts"], item["ends"]) == (
        "America/Bogota",
        "2027-03-01 16:00",
        "2027-03-01 17:30",
    )
    assert item["recurrence"] == "FREQ=MONTHLY;COUNT=2"
    assert item["registration_url"] == {"en": "https://example.org/register", "es": "https://example.org/es/registro"}
    assert (item["registration_deadline"], item["steps"]) == ("2027-02-20", ["mentor/welcome"])
    assert (item["levels"], item["languages"], item["format"]) == (["fundamental"], ["ar", "es"], "hybrid")
    assert [item["slug"] for item in data["mentorship"]] == ["open-programme", "windowed-programme"]
    assert data["mentorship"][0]["duration"] == {"en": "Three months", "fr": "Trois mois"}
    assert data["mentorship"][0]["always_open"] is True
    assert (data["mentorship"][1]["opens_on"], data["mentorship"][1]["closes_on"]) == ("2026-11-03", "2027-01-09")


def test_opportunities_json_loads_back_into_an_emptied_database_and_again_without_change(
    client, opportunities_content, tmp_path
):
    before = stored_items()
    published = {key: value for key, value in before.items() if key[1] != "draft-workshop"}
    path = download_opportunities(client, tmp_path)
    empty_opportunities()
    out = StringIO()
    call_command("load_opportunities", str(path), stdout=out)
    assert "licence: carried by the download, not imported; skipped" in out.getvalue()
    assert "opportunities: 2 created, 0 updated, 0 unchanged" in out.getvalue()
    assert stored_items() == published
    # The same download again: the same items, in the same order, with the same manifest.
    assert client.get("/downloads/opportunities.json").content == path.read_bytes()
    out = StringIO()
    call_command("load_opportunities", str(path), stdout=out)
    assert "opportunities: 0 created, 0 updated, 2 unchanged" in out.getvalue()
    assert "mentorship: 0 created, 0 updated, 2 unchanged" in out.getvalue()
    assert stored_items() == published


def test_a_malformed_opportunities_download_is_refused_with_located_problems_and_nothing_written(
    client, opportunities_content, tmp_path
):
    path = download_opportunities(client, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    empty_opportunities()
    # Changed after the download: the manifest no longer matches.
    data["opportunities"][0]["time_zone"] = "Atlantis/Capital"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="checksum"):
        call_command("load_opportunities", str(path), verbosity=0)
    # Without the manifest (edited by hand), every problem is located.
    del data["manifest"]
    data["mentorship"][1]["closes_on"] = "January"
    data["opportunities"][1]["steps"] = ["mentor/no-such-step"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("load_opportunities", str(path), verbosity=0)
    message = str(raised.value)
    assert "nothing was written" in message
    assert "opportunities[0].time_zone: “Atlantis/Capital” is not a time zone" in message
    assert "opportunities[1].steps[0]: unknown pathway step 'mentor/no-such-step'" in message
    assert "mentorship[1].closes_on: expected a date as 'YYYY-MM-DD', got text" in message
    assert not OpportunityPage.objects.exists()
    assert not MentorshipPage.objects.exists()
    assert not OpportunityIndexPage.objects.exists()


# --- Errors and headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["framework.yaml", "nothing", "framework.json.bak"])
def test_unknown_download_is_a_404(client, db, name):
    response = client.get(f"/downloads/{name}")
    assert response.status_code == 404
    assert "framework.json" in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("name", ["framework.json", "framework-csv.zip", "resources.json", "opportunities.json"])
def test_downloads_are_open_to_every_origin_and_cacheable(client, shipped, name):
    response = client.get(f"/downloads/{name}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert client.head(f"/downloads/{name}").status_code == 200


def test_downloads_are_read_only(client, db):
    assert client.post("/downloads/framework.json").status_code == 405


# --- Speed ---------------------------------------------------------------------------------------------


def add_items(count):
    """``count`` more of every kind of item, linked to each other, and a role with steps per item."""
    for _ in range(count):
        sources = [SourceFactory(), SourceFactory()]
        level = EngagementLevelFactory()
        level.sources.set(sources)
        skill = SkillFactory(levels=[level], sources=sources)
        behavior = BehaviorFactory(levels=[level], sources=sources)
        activity = ActivityFactory(levels=[level], skills=[skill], sources=sources)
        role = RoleFactory(entry_level=level)
        role.sources.set(sources)
        for _step in range(2):
            PathwayStepFactory(role=role, level=level, skills=[skill], behaviors=[behavior], activities=[activity])


# The framework: a few queries per section of the data file (the items, one per relation, the orders of the items
# its references point at), ten sections in all; the resources: view restrictions, pages, four prefetches, the site
# and (measured cold) Wagtail's site root paths. Each also reads the licence and attribution from the site settings.
DOWNLOAD_BUDGETS = {"framework.json": 37, "framework-csv.zip": 37, "resources.json": 9, "opportunities.json": 16}


@pytest.mark.parametrize(("name", "budget"), DOWNLOAD_BUDGETS.items())
def test_query_count_does_not_grow_with_the_data(client, home_page, name, budget):
    ResourceIndexPageFactory()
    add_items(2)
    ResourcePageFactory(levels=[EngagementLevel.objects.first()], tags=["a"])
    links = {"levels": [EngagementLevel.objects.first()], "skills": [Skill.objects.first()]}
    opportunity(links=links)
    programme(links=links)

    def grow():
        add_items(10)
        for _ in range(5):
            ResourcePageFactory(levels=[EngagementLevel.objects.first()], tags=["a", "b"])
            opportunity(links=links)
            programme(links=links)

    same_count_at_two_sizes(client, f"/downloads/{name}", grow, budget=budget)
