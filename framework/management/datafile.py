"""The shared shape of the commands that load a data file: check it whole, report every problem with its
location and write nothing, or apply it and print what changed."""

from django.core.management.base import BaseCommand, CommandError

from framework.importer import DataFileError


def problems_message(path, problems):
    """The error a command shows for an invalid file: a count, then one located problem per line."""
    count = len(problems)
    lines = "\n".join(f"  {problem}" for problem in problems)
    return f"{path}: {count} problem{'s' if count != 1 else ''} found; nothing was written.\n{lines}"


class DataFileCommand(BaseCommand):
    """Base class: subclasses set ``default_path`` (None makes PATH required) and implement :meth:`load`,
    which returns a report with ``lines()`` or None when there was nothing to do."""

    default_path = None
    path_help = "The data file."

    def add_arguments(self, parser):
        if self.default_path is None:
            parser.add_argument("path", help=self.path_help)
        else:
            parser.add_argument("path", nargs="?", default=str(self.default_path), help=self.path_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report what would change, but write nothing."
        )

    def load(self, path, *, dry_run, **options):
        """Validate and apply the file at ``path``; raise DataFileError listing every problem."""
        raise NotImplementedError

    def handle(self, *args, path, dry_run, **options):
        try:
            report = self.load(path, dry_run=dry_run, **options)
        except DataFileError as exc:
            raise CommandError(problems_message(path, exc.problems)) from None
        if report is not None and options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
