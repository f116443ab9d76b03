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
from django.core.management import call_command

from core.datafile import manifest
from framework.datafile import FRAMEWORK_FILE
from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory, SourceFactory
from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
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


def test_opportunities_json_lists_live_opportunities_and_programmes_in_every_language(client, home_page):
    level = EngagementLevelFactory(slug="fundamental")
    spanish = ResourceLanguageFactory(code="es")
    workshop = opportunity(
        slug="live-workshop",
        title_es="Taller",
        time_zone="America/Bogota",
        recurrence="FREQ=MONTHLY;COUNT=2",
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 3, 1),
        links={"levels": [level], "languages": [spanish]},
    )
    opportunity(slug="draft-workshop").unpublish()
    programme(slug="open-programme", duration="Three months", duration_fr="Trois mois")
    response = client.get("/downloads/opportunities.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="opportunities.json"'
    data = json.loads(response.content)
    assert data["licence"] == LICENCE
    assert [item["slug"] for item in data["opportunities"]] == ["live-workshop"]
    item = data["opportunities"][0]
    assert item["title"] == {"en": workshop.title_en, "es": "Taller"}
    assert item["url"]["es"] == "http://testserver/es/opportunities/live-workshop/"
    assert (item["time_zone"], item["starts"], item["ends"]) == (
        "America/Bogota",
        "2027-03-01T16:00:00-05:00",
        "2027-03-01T17:30:00-05:00",
    )
    assert item["recurrence"] == "FREQ=MONTHLY;COUNT=2"
    assert item["series_ends"] == "2027-04-01T17:30:00-05:00"
    assert (item["levels"], item["available_in"], item["format"]) == (["fundamental"], ["es"], "online")
    assert [item["slug"] for item in data["mentorship"]] == ["open-programme"]
    assert data["mentorship"][0]["duration"] == {"en": "Three months", "fr": "Trois mois"}
    assert data["mentorship"][0]["always_open"] is True


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
