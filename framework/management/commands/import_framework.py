"""`manage.py import_framework PATH [--dry-run]`: load the framework's data file into the database."""

from django.core.management.base import BaseCommand, CommandError

from framework.importer import DataFileError, import_file


class Command(BaseCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate a framework data file (YAML), then create or update its sources, levels, skills, behaviors, "
        "activities and context sections in one transaction. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The data file, e.g. framework/data/framework.yaml.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and report what would change, but write nothing.",
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            report = import_file(path, dry_run=dry_run)
        except DataFileError as exc:
            count = len(exc.problems)
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(
                f"{path}: {count} problem{'s' if count != 1 else ''} found; nothing was written.\n{lines}"
            ) from None
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
