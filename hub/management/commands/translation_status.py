"""Print how much of the content in the database is translated, per language and content type."""

from django.conf import settings
from django.core.management.base import BaseCommand

from core.i18n import FieldTally, default_language, field_tally, unreviewed_counts
from hub.translated_content import content_types


class Command(BaseCommand):
    """Counts the fields that have English text, and how many of them each language has too (how many of those
    are outdated, and how many wait for review), as the pages count them."""

    help = "Print the translation completeness of the content, per language and content type."

    def handle(self, *args, **options):
        languages = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != default_language()]
        rows = [(kind.label, kind.objects) for kind in content_types()]
        width = max(len(label) for label, _objects in rows) + 2
        header = "content type".ljust(width) + "fields".rjust(7) + "".join(f"{code:>23}" for code in languages)
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        totals = {code: [FieldTally(), 0] for code in languages}
        for label, objects in rows:
            cells = []
            wanted = 0
            for code in languages:
                tally = field_tally(objects, code)
                unreviewed = unreviewed_counts(objects, code)
                wanted = tally.wanted
                total = totals[code][0]
                totals[code] = [
                    FieldTally(
                        total.current + tally.current, total.outdated + tally.outdated, total.missing + tally.missing
                    ),
                    totals[code][1] + unreviewed,
                ]
                cells.append(self._cell(tally, unreviewed))
            self.stdout.write(label.ljust(width) + str(wanted).rjust(7) + "".join(cells))
        self.stdout.write("-" * len(header))
        total_wanted = next(iter(totals.values()))[0].wanted if totals else 0
        self.stdout.write(
            "all".ljust(width) + str(total_wanted).rjust(7) + "".join(self._cell(*totals[code]) for code in languages)
        )
        self.stdout.write(
            "Each cell: percent translated (translated fields/fields with English text, an outdated translation "
            "counting as half), then how many of those translations are outdated (o: their English changed since) "
            "and how many await review (r)."
        )

    @staticmethod
    def _cell(tally, unreviewed):
        return f"{tally.percent:>4}% {tally.done:>4}/{tally.wanted:<4} {tally.outdated:>3}o {unreviewed:>3}r"
