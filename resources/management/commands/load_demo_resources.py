"""`manage.py load_demo_resources [PATH] [--dry-run]`: load the demo resources into published resource pages."""

from django.core.management.base import BaseCommand, CommandError

from framework.importer import DataFileError
from resources.models import ResourcePage

from ..demo_resources import DEFAULT_PATH, load_file


class Command(BaseCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate the demo resources file (YAML; default resources/data/resources.yaml), then create or update a "
        "published resource page per entry under the resource index, in one transaction. Import the framework "
        "first: entries refer to its levels and skills. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="The data file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report what would change, but write nothing."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any resource page exists (what `make setup` uses, so curators' edits stay).",
        )

    def handle(self, *args, path, dry_run, if_empty, **options):
        if if_empty and ResourcePage.objects.exists():
            if options["verbosity"] >= 1:
                self.stdout.write("Resources already exist; demo resources not loaded (drop --if-empty to reload).")
            return
        try:
            report = load_file(path, dry_run=dry_run)
        except DataFileError as exc:
            count = len(exc.problems)
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(
                f"{path}: {count} problem{'s' if count != 1 else ''} found; nothing was written.\n{lines}"
            ) from None
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
