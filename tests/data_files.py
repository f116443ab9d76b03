"""Helpers shared by the tests of the data-file commands (import_framework, export_framework)."""

import copy
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command

from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from pathways.models import PathwayStep, Role

DATA_FILE = Path(settings.BASE_DIR) / "framework" / "data" / "framework.yaml"


def shipped_document():
    """The shipped data file parsed, without its manifest: what a person editing a copy by hand starts from (a
    changed copy with the manifest would be refused for not matching it)."""
    document = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    document.pop("manifest")
    return document


def shipped_step_count():
    """How many pathway steps the shipped data file has, over all its roles."""
    return sum(len(role.get("suggested_steps") or []) for role in shipped_document()["roles"])


def strip_manifest(text):
    """A data file's text without its manifest block (the block and the comment lines just above it)."""
    lines = text.splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if line.startswith("manifest:"))
    end = next(index for index in range(start + 1, len(lines)) if not lines[index].startswith((" ", "\n")))
    while start > 0 and lines[start - 1].startswith("# "):
        start -= 1
    return "".join(lines[:start] + lines[end:])


def run_import(path, *args):
    """Run import_framework and return what it printed."""
    out = StringIO()
    call_command("import_framework", str(path), *args, stdout=out)
    return out.getvalue()


def import_errors(path):
    """Run import_framework on a bad file and return the error it reports."""
    with pytest.raises(CommandError) as excinfo:
        run_import(path)
    return str(excinfo.value)


def export_to(path):
    """Run export_framework into ``path`` and return the bytes written."""
    call_command("export_framework", str(path), stdout=StringIO())
    return path.read_bytes()


def dump_tables(models):
    """Every row of ``models``' tables, many-to-many links included."""
    return {model.__name__: serializers.serialize("json", model.objects.order_by("pk")) for model in models}


def flush_framework_tables():
    """Empty the framework's and the pathways' tables, as in a fresh database (steps and roles first: they
    protect the levels)."""
    for model in [PathwayStep, Role, Activity, Behavior, Skill, EngagementLevel, Source, FrameworkInfo]:
        model.objects.all().delete()


def write_yaml(tmp_path, document, name="framework.yaml"):
    """Write a document where the command can read it."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shipped():
    """The shipped data file without its manifest, parsed once per module; tests change a deep copy."""
    return shipped_document()


@pytest.fixture
def document(shipped):
    """A copy of the shipped data to break or change."""
    return copy.deepcopy(shipped)
