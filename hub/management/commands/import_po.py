"""Bring a translated PO file back: checked whole, then written in one transaction (or only reported)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.po import CatalogueError
from hub.po_exchange import import_catalogue, report_lines


class Command(BaseCommand):
    """``import_po file.po [--language ar] [--dry-run]``"""

    help = "Import the translations of a PO file made by export_po (one language; community translations)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The PO file.")
        parser.add_argument("--language", help="The language the file must be for (default: its Language header).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")

    def handle(self, *args, path, language=None, dry_run=False, **options):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as error:
            raise CommandError(f"{path}: cannot be read: {error}") from None
        try:
            result = import_catalogue(text, language.lower() if language else None, dry_run=dry_run)
        except CatalogueError as error:
            raise CommandError(f"{path}: {error}; nothing imported") from None
        lines = report_lines(result)
        if result.problems:
            for line in lines:
                self.stderr.write(f"{path}: {line}")
            raise CommandError(f"{path}: {len(result.problems)} problem(s); nothing imported")
        for line in lines:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
