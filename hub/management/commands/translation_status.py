"""Print how much of the content in the database is translated, per language and content type."""

from django.conf import settings
from django.core.management.base import BaseCommand

from core.i18n import default_language, field_counts, percent, unreviewed_counts
from hub.translated_content import content_types


class Command(BaseCommand):
    """Counts the fields that have English text, and how many of them each language has too (and how many of
    those wait for review), as the pages count them."""

    help = "Print the translation completeness of the content, per language and content type."

    def handle(self, *args, **options):
        languages = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != default_language()]
        rows = [(kind.label, kind.objects) for kind in content_types()]
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
