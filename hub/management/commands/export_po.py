"""Write one language's content strings as a gettext PO file, for translators who work offline."""

from django.core.management.base import BaseCommand, CommandError

from core.po import language_problems
from hub.po_exchange import export_catalogue


class Command(BaseCommand):
    """``export_po --language ar [--object resources.ResourcePage:<slug>] [-o file.po]``"""

    help = "Export the content strings of one language as a PO file (all content, or one object)."

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help="The language to translate into (es, fr, ar).")
        parser.add_argument(
            "--object",
            dest="only",
            help="Only one object, as model:key (resources.ResourcePage:<slug>, pathways.Role:<slug>).",
        )
        parser.add_argument("-o", "--output", help="The file to write (default: standard output).")

    def handle(self, *args, language, only=None, output=None, **options):
        language = language.lower()
        problems = language_problems(language)
        if problems:
            raise CommandError(str(problems[0]))
        try:
            po = export_catalogue(language, only)
        except LookupError as error:
            raise CommandError(str(error)) from None
        text = str(po)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"{len(po)} entries written to {output}")
        else:
            self.stdout.write(text, ending="")
