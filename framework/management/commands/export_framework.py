"""`manage.py export_framework [PATH]`: write the framework's data back out in the import's format."""

from pathlib import Path

from django.core.management.base import BaseCommand

from framework.datafile import FRAMEWORK_FILE


class Command(BaseCommand):
    """The output imports into an empty database and exports again byte for byte."""

    help = "Export the framework data (every registered section) as YAML, to PATH or to standard output."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The file to write; standard output when left out.")

    def handle(self, *args, path=None, **options):
        text = FRAMEWORK_FILE.export_text()
        if path is None:
            self.stdout.write(text, ending="")
            return
        Path(path).write_text(text, encoding="utf-8")
        if options["verbosity"] >= 1:
            self.stdout.write(f"Wrote {path}.")
