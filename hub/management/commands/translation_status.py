"""Print how much of the content in the database is translated, per language and content type."""

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand

from core.i18n import default_language, field_counts, percent, unreviewed_counts
from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from hub.models import HomePage
from pathways.assessment_file import DATA_PATH as ASSESSMENT_FILE
from pathways.models import PathwayStep, Role
from resources.models import ResourceIndexPage, ResourcePage, ResourceTag


def content_types():
    """``(label, objects)`` for every kind of translated content, each read in one query (the self-assessment from
    its data file)."""
    return [
        ("levels", list(EngagementLevel.objects.all())),
        ("skills", list(Skill.objects.all())),
        ("behaviors", list(Behavior.objects.all())),
        ("activities", list(Activity.objects.all())),
        ("sources", list(Source.objects.all())),
        ("about (context)", [MappingTexts(info.data) for info in FrameworkInfo.objects.all()]),
        ("roles", list(Role.objects.all())),
        ("pathway steps", list(PathwayStep.objects.all())),
        # Read from its file: the self-assessment is not stored in the database.
        ("self-assessment", [MappingTexts(yaml.safe_load(ASSESSMENT_FILE.read_text(encoding="utf-8")))]),
        ("home page", list(HomePage.objects.all())),
        ("resource index", list(ResourceIndexPage.objects.all())),
        ("resources", list(ResourcePage.objects.all())),
        ("tags", list(ResourceTag.objects.all())),
    ]


class MappingTexts:
    """The ``{en: …, es: …}`` mappings inside a context section, seen as translated fields (``text0_en``…)."""

    def __init__(self, data):
        self.translated_fields = []
        self._values = {}
        self._collect(data)

    def _collect(self, node):
        if isinstance(node, dict):
            if isinstance(node.get(default_language()), str):
                name = f"text{len(self.translated_fields)}"
                self.translated_fields.append(name)
                for code in settings.MODELTRANSLATION_LANGUAGES:
                    self._values[f"{name}_{code}"] = node.get(code) or ""
            for value in node.values():
                self._collect(value)
        elif isinstance(node, list):
            for value in node:
                self._collect(value)

    def __getattr__(self, name):
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None


class Command(BaseCommand):
    """Counts the fields that have English text, and how many of them each language has too (and how many of
    those wait for review), as the pages count them."""

    help = "Print the translation completeness of the content, per language and content type."

    def handle(self, *args, **options):
        languages = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != default_language()]
        rows = content_types()
        width = max(len(label) for label, _objects in rows) + 2
        header = "content type".ljust(width) + "fields".rjust(7) + "".join(f"{code:>18}" for code in languages)
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        totals = {code: [0, 0, 0] for code in languages}
        for label, objects in rows:
            cells = []
            wanted = 0
            for code in languages:
                done, wanted = field_counts(objects, code)
                unreviewed = unreviewed_counts(objects, code)
                totals[code][0] += done
                totals[code][1] += wanted
                totals[code][2] += unreviewed
                cells.append(self._cell(done, wanted, unreviewed))
            self.stdout.write(label.ljust(width) + str(wanted).rjust(7) + "".join(cells))
        self.stdout.write("-" * len(header))
        total_wanted = next(iter(totals.values()))[1] if totals else 0
        self.stdout.write(
            "all".ljust(width) + str(total_wanted).rjust(7) + "".join(self._cell(*totals[code]) for code in languages)
        )
        self.stdout.write(
            "Each cell: percent translated (translated fields/fields with English text), then how many of those "
            "translations await review (r)."
        )

    @staticmethod
    def _cell(done, wanted, unreviewed):
        return f"{percent(done, wanted):>4}% {done:>4}/{wanted:<4} {unreviewed:>3}r"
