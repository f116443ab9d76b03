"""`manage.py link_pathway_resources [PATH] [--dry-run]`: link the roles' steps to fitting resource pages."""

from django.core.management.base import BaseCommand, CommandError

from framework.importer import DataFileError

from ..step_resources import DEFAULT_PATH, link_file


class Command(BaseCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate the step-to-resource mapping (YAML; default pathways/data/step_resources.yaml), then set each "
        "listed step's guides on the Hub to exactly the listed resource pages, in one transaction. Import the "
        "framework (roles) and load the resources first. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="The mapping file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report what would change, but write nothing."
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            report = link_file(path, dry_run=dry_run)
        except DataFileError as exc:
            count = len(exc.problems)
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(
                f"{path}: {count} problem{'s' if count != 1 else ''} found; nothing was written.\n{lines}"
            ) from None
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
