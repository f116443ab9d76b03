"""Shared helpers of the PO exchange tests: export and import through the commands, edit an entry, and take the
state of every translated row (what "nothing changed" is compared with)."""

from io import StringIO

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import PageLogEntry, Revision

from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from hub.models import HomePage
from pathways.models import PathwayStep, Role
from resources.models import ResourceIndexPage, ResourcePage, ResourceTag

CONTENT_MODELS = (
    EngagementLevel,
    Skill,
    Behavior,
    Activity,
    Source,
    FrameworkInfo,
    Role,
    PathwayStep,
    HomePage,
    ResourceIndexPage,
    ResourcePage,
    ResourceTag,
)


def rows():
    """Every row of every translated content type, every column, and the page history: what "nothing changed"
    is compared with."""
    state = {model.__name__: list(model.objects.order_by("pk").values()) for model in CONTENT_MODELS}
    state["revisions"] = Revision.objects.count()
    state["log"] = PageLogEntry.objects.count()
    return state


def export(tmp_path, language, *extra, name=None):
    path = tmp_path / (name or f"{language}.po")
    call_command("export_po", "--language", language, *extra, "-o", str(path), stderr=StringIO())
    return path


def run_import(path, *extra):
    out = StringIO()
    call_command("import_po", str(path), *extra, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(path, *extra):
    """The import's error message and report (it must fail)."""
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_po", str(path), *extra, stdout=StringIO(), stderr=err)
    return f"{raised.value}\n{err.getvalue()}"


def set_msgstr(path, ctx, text):
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgctxt == ctx)
    entry.msgstr = text
    po.save(str(path))
    return entry


def line_of(path, ctx):
    """The line number of the ``msgctxt`` line of ``ctx`` in the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line == f'msgctxt "{ctx}"')


def public(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def resource():
    return ResourcePage.objects.live().order_by("path").first()


def page_url(page, language):
    with translation.override(language):
        return page.get_url()


REVISION_COLUMNS = {
    "latest_revision_id",
    "live_revision_id",
    "latest_revision_created_at",
    "last_published_at",
    "first_published_at",
    "draft_title",
}


# JSON columns that hold one entry per language (provenance, fingerprints, a context section's texts).
LANGUAGE_RECORDS = ("translation_origin", "translation_sources", "data")


def _strip(value, language):
    """``value`` (a context section's JSON) without the texts of ``language``."""
    if isinstance(value, dict):
        return {key: _strip(item, language) for key, item in value.items() if key != language}
    if isinstance(value, list):
        return [_strip(item, language) for item in value]
    return value


def without_language(state, language):
    """``state`` with the columns of ``language``, its provenance and fingerprint records and its texts in the
    context sections left out: what an import of ``language`` must leave exactly as it was."""
    kept = {}
    for name, value in state.items():
        if not isinstance(value, list):
            continue
        kept[name] = [
            {
                column: (_strip(cell, language) if column in LANGUAGE_RECORDS else cell)
                for column, cell in row.items()
                if not column.endswith(f"_{language}") and column not in REVISION_COLUMNS
            }
            for row in value
        ]
    return kept
