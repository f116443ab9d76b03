"""Bulk downloads of the Hub's open data, at /downloads/<name> (DESIGN.md: "reuses the data through a documented
JSON API or a CSV/JSON export").

- ``framework.json``: the framework and pathways in the data file's structure (docs/framework-data.md), so that
  ``manage.py import_framework framework.json`` loads it into another Hub (JSON is YAML). It starts with the
  export's manifest (counts and checksum, checked by the import), then two more keys: ``licence`` and
  ``attribution``. No data-file section has those names, so the importer skips them with a notice and the
  content round-trips unchanged; putting them into the ``meta`` section instead would make a re-import change
  the stored ``meta``.
- ``framework-csv.zip``: one CSV file per kind of item (spreadsheet-friendly: one column per language, lists of
  slugs joined with ``;``), with the licence and a description of the columns.
- ``resources.json``: the published resources with their metadata in every language.
- ``opportunities.json``: the published learning opportunities and mentorship programmes in the opportunities
  data file's structure (its texts in every language, dates in the organiser's time zone with the zone's IANA
  name), led by its manifest, with the licence and attribution: ``manage.py load_opportunities
  opportunities.json`` loads it into another Hub, which skips the licence and attribution with a notice.
- ``movement-learning-hub_<lang>.zim``: the offline pack of a language, for Kiwix and Internet-in-a-Box, once
  ``manage.py build_zim`` has written it (hub/zim/).

``/<lang>/downloads/`` lists them all, each offline pack with its size, the date it was built and whether the Hub
has changed since.

Each download is a handful of queries per section, never one per item, and can be read from any origin.
"""

import csv
import io
import json
import zipfile

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language_info, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.datafile import manifest
from core.datafile.fields import TranslatedField, TranslatorNotesField
from core.datafile.modelsection import ModelSection
from core.models import HubSettings
from framework.datafile import FRAMEWORK_FILE
from opportunities.datafile import OPPORTUNITIES_FILE
from pathways.datafile import STEP_KEYS, StepsField
from resources.models import ResourcePage

from .api import open_for_reading
from .zim import packs

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


def licence_and_attribution():
    """The licence and the attribution the downloads carry, as curators set them (Settings → Hub settings)."""
    hub = HubSettings.current()
    licence = {"name": hub.licence_name, "url": hub.licence_url}
    attribution = {
        "text": hub.attribution_in(settings.MODELTRANSLATION_DEFAULT_LANGUAGE),
        "project": hub.source_project,
        "project_url": hub.source_project_url,
        "contributors": hub.credit,
    }
    return licence, attribution


# Separates the slugs of a list in one CSV cell (slugs never contain it).
LIST_SEPARATOR = ";"

# The CSV files of the zip: file name → data-file section. Steps come out of the roles (``steps.csv``).
CSV_SECTIONS = {
    "sources.csv": "sources",
    "levels.csv": "levels",
    "skills.csv": "skills",
    "behaviors.csv": "behaviors",
    "activities.csv": "activities",
    "roles.csv": "roles",
}
# The translated texts of a step (the rest of STEP_KEYS are plain values or lists).
STEP_TEXTS = ("title", "description")


def _licence_text():
    """The licence and attribution, as the zip's LICENSE.txt says them."""
    licence, attribution = licence_and_attribution()
    return (
        f"The data in this archive is available under the {licence['name']} licence:\n{licence['url']}\n\n"
        f"Attribution: {attribution['text']}\n"
        f"{attribution['project']}: {attribution['project_url']}\n"
        f"When you reuse the data, credit it as: {attribution['contributors']}, "
        f"{licence['name']}, with a link to the project above.\n"
    )


README = """\
Learning and Leadership Development Framework, as CSV files (UTF-8, comma-separated, one header row).

sources.csv     the public pages and repositories the items cite (key: id)
levels.csv      engagement levels, in order
skills.csv      skills, each suggested at one or more levels
behaviors.csv   behaviors
activities.csv  activities, with the skills they build
roles.csv       movement roles (pathways), from an entry level to a target level
steps.csv       the suggested steps of each role's pathway (column `role`: the role's slug)

Columns follow the data file described in docs/framework-data.md:
- a text has one column per language: name_en, name_es, name_fr, name_ar (empty: not translated; the Hub then
  shows English);
- references to other items are their slugs (sources: ids) joined with `;`, in the framework's order;
- `provenance` is one of source, source_paraphrase, reconstruction; for a level whose parts come from different
  places it is a JSON object (part -> value); a step's `links` are a JSON list;
- `<lang>_uncertain` and `<lang>_note` are notes for reviewers of a translation.

The same data as one JSON file, which `manage.py import_framework` reads back: /downloads/framework.json
The licence and how to credit the data: LICENSE.txt
"""


# --- framework.json --------------------------------------------------------------------------------------


def export_data():
    """What ``export_framework`` writes (every registered section with data, in order), a fixed number of queries
    however many roles and steps there are (each section prefetches what its export reads)."""
    return FRAMEWORK_FILE.export_document()


def framework_document():
    """The whole framework and pathways in the data file's structure, led by its manifest (as the export writes
    it, so that the import can tell a complete download from one cut short), the licence and attribution."""
    licence, attribution = licence_and_attribution()
    return manifest.with_manifest({"licence": licence, "attribution": attribution, **export_data()})


def _json_response(data, filename):
    """A JSON attachment (non-ASCII text as is, dates as ISO strings)."""
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- framework-csv.zip -----------------------------------------------------------------------------------


def _model_sections():
    """The list sections of the data file (the framework's and the roles), by name."""
    return {section.name: section for section in FRAMEWORK_FILE.sections() if isinstance(section, ModelSection)}


def _columns(section):
    """A section's CSV columns, in the data file's key order: its key, then each field (a text: one column per
    language; translator notes: two per language). The steps go to their own file."""
    columns = [section.key]
    for field in section.fields:
        if isinstance(field, StepsField):
            continue
        if isinstance(field, TranslatedField):
            columns.extend(f"{field.key}_{code}" for code in LANGUAGES)
        elif isinstance(field, TranslatorNotesField):
            for code in LANGUAGES:
                columns.extend([f"{code}_uncertain", f"{code}_note"])
        else:
            columns.append(field.key)
    return columns


def _cell(value):
    """One value of the data file as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    return str(value)


def _row(item, columns, texts):
    """An item of the data file as a CSV row. ``texts`` are the keys with a column per language, whose value is
    ``{lang: text}``, or plain text for English alone."""
    row = []
    for column in columns:
        key, _sep, code = column.rpartition("_")
        if key in texts and code in LANGUAGES:
            value = item.get(key)
            row.append(value.get(code, "") if isinstance(value, dict) else (value or "") if code == "en" else "")
        else:
            row.append(_cell(item.get(column)))
    return row


def _csv_text(columns, rows):
    """A CSV file's text with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def framework_csv_files():
    """``{file name: CSV text}`` for every kind of item, steps included, from one export of the data."""
    document = export_data()
    sections = _model_sections()
    files = {}
    for filename, name in CSV_SECTIONS.items():
        section = sections[name]
        columns = _columns(section)
        texts = {field.key for field in section.fields if isinstance(field, TranslatedField)}
        files[filename] = _csv_text(columns, [_row(item, columns, texts) for item in document.get(name, [])])
    step_columns = ["role"]
    for key in STEP_KEYS:
        step_columns.extend([f"{key}_{code}" for code in LANGUAGES] if key in STEP_TEXTS else [key])
    steps = [
        _row({"role": role["slug"], **step}, step_columns, set(STEP_TEXTS))
        for role in document.get("roles", [])
        for step in role.get("suggested_steps", [])
    ]
    files["steps.csv"] = _csv_text(step_columns, steps)
    return files


def _zip_response(files, filename):
    """The files zipped, as an attachment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            # A byte-order mark, so that spreadsheet programs read the CSV files as UTF-8.
            archive.writestr(name, ("\ufeff" + text if name.endswith(".csv") else text).encode("utf-8"))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- resources.json --------------------------------------------------------------------------------------


def _texts(page, field):
    """``{lang: text}`` of a translated field, without the empty ones."""
    texts = {code: getattr(page, f"{field}_{code}", None) for code in LANGUAGES}
    return {code: text for code, text in texts.items() if text}


def resources_document(request):
    """The published resources with their metadata in every language (a fixed number of queries)."""
    pages = (
        ResourcePage.objects.live().public().order_by("path").prefetch_related("levels", "skills", "tags", "languages")
    )
    items = []
    for page in pages:
        urls = _urls(page, request)
        items.append(
            {
                "slug": page.slug,
                "type": page.resource_type,
                "title": _texts(page, "title"),
                "summary": _texts(page, "summary"),
                "url": urls,
                "external_url": _texts(page, "external_url"),
                "available_in": [language.code for language in page.languages.all()],
                "levels": [level.slug for level in sorted(page.levels.all(), key=lambda level: level.order)],
                "skills": [skill.slug for skill in sorted(page.skills.all(), key=lambda s: (s.position, s.slug))],
                "tags": sorted(tag.slug for tag in page.tags.all()),
                "estimated_time": _texts(page, "estimated_time"),
                "audience": _texts(page, "audience"),
                "maintainer": page.maintainer,
                "licence": page.licence,
                "first_published_at": page.first_published_at,
                "last_reviewed": page.last_reviewed,
                "review_due": page.review_due,
            }
        )
    # The resources' own licences vary; the descriptions written for the Hub are under the Hub's licence.
    licence, attribution = licence_and_attribution()
    return {"licence": licence, "attribution": attribution, "resources": items}


# --- opportunities.json ---------------------------------------------------------------------------------


def _urls(page, request):
    """``{lang: absolute URL}`` of a page in every language."""
    urls = {}
    for code in LANGUAGES:
        with override(code):
            urls[code] = request.build_absolute_uri(page.get_url(request))
    return urls


def opportunities_document():
    """The published opportunities (past ones included) and programmes (closed ones included) as the
    opportunities data file (opportunities/datafile.py), led by its manifest, with the licence and attribution:
    ``manage.py load_opportunities opportunities.json`` loads it back (a fixed number of queries)."""
    licence, attribution = licence_and_attribution()
    return manifest.with_manifest(
        {"licence": licence, "attribution": attribution, **OPPORTUNITIES_FILE.export_document()}
    )


# --- The view --------------------------------------------------------------------------------------------

DOWNLOADS = ("framework.json", "framework-csv.zip", "resources.json", "opportunities.json")
# What the downloads page says each one holds.
DATA_LABELS = {
    "framework.json": _("The framework and the pathways (JSON, the data file)"),
    "framework-csv.zip": _("The framework as spreadsheets (CSV files, zipped)"),
    "resources.json": _("The guides (JSON)"),
    "opportunities.json": _("Learning opportunities and mentorship programmes (JSON)"),
}
PACK_NAMES = frozenset(packs.file_name(code) for code in packs.LANGUAGES)


@require_safe
def page(request):
    """The downloads page: each language's offline pack (size, date, out of date or not) and the open data."""
    offline = packs.available()
    for pack in offline:
        info = get_language_info(pack["language"])
        pack["language_name"], pack["bidi"] = info["name_local"], info["bidi"]
        pack["url"] = reverse("download", args=[pack["name"]])
    data = [{"url": reverse("download", args=[name]), "label": DATA_LABELS[name]} for name in DOWNLOADS]
    return render(request, "hub/downloads.html", {"packs": offline, "data": data})


@require_safe
@open_for_reading
def download(request, name):
    """A bulk download file: JSON, or CSV files zipped; a JSON 404 for a name we do not serve."""
    if name == "framework.json":
        return _json_response(framework_document(), name)
    if name == "framework-csv.zip":
        files = framework_csv_files()
        files.update({"LICENSE.txt": _licence_text(), "README.txt": README})
        return _zip_response(files, name)
    if name == "resources.json":
        return _json_response(resources_document(request), name)
    if name == "opportunities.json":
        return _json_response(opportunities_document(), name)
    if name in PACK_NAMES and (packs.folder() / name).is_file():
        # A pack is tens of megabytes: streamed from the file, never read whole.
        return FileResponse((packs.folder() / name).open("rb"), as_attachment=True, content_type="application/x-zim")
    return JsonResponse({"detail": f"No download named '{name}'. Available: {', '.join(DOWNLOADS)}."}, status=404)
