"""The base of every command that loads a data file (import_framework, load_demo_resources,
link_pathway_resources): the same options (``--dry-run``, ``--allow-removals``/``--prune``), the same output,
and the same error: a summary, one located problem per line, then what to do about it."""

from django.core.management.base import BaseCommand, CommandError

from .problems import DataFileError


def problems_message(path, error):
    """The error a command shows for a file it refuses: what is wrong (by default a count), one located problem
    per line, then what to do about it when the error says."""
    problems = error.problems
    count = len(problems)
    summary = error.summary or f"{count} problem{'s' if count != 1 else ''} found"
    lines = "\n".join(f"  {problem}" for problem in problems)
    hint = f"\n{error.hint}" if error.hint else ""
    return f"{path}: {summary}; nothing was written.\n{lines}{hint}"


class DataFileCommand(BaseCommand):
    """Base class: subclasses set ``default_path`` (None makes PATH required) and either ``data_file`` (a
    :class:`core.datafile.sections.DataFile`, imported with the command's options) or their own :meth:`load`,
    which returns a report with ``lines()``, or None when there was nothing to do."""

    data_file = None
    default_path = None
    path_help = "The data file."

    def add_arguments(self, parser):
        if self.default_path is None:
            parser.add_argument("path", help=self.path_help)
        else:
            parser.add_argument("path", nargs="?", default=str(self.default_path), help=self.path_help)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and list every change and removal the file would make, but write nothing.",
        )
        parser.add_argument(
            "--allow-removals",
            "--prune",
            action="store_true",
            dest="allow_removals",
            help="Let the file remove or blank values the database holds (translations, descriptions, links, "
            "steps); each is listed first. Without it, a file that would remove anything is refused.",
        )

    def load(self, path, *, dry_run, allow_removals, **options):
        """Validate and apply the file at ``path``; raise DataFileError listing every problem."""
        return self.data_file.import_file(path, dry_run=dry_run, allow_removals=allow_removals, **options)

    def handle(self, *args, path, dry_run, allow_removals, **options):
        verbosity = options["verbosity"]
        try:
            report = self.load(path, dry_run=dry_run, allow_removals=allow_removals, **self.file_options(options))
        except DataFileError as exc:
            if exc.report is not None and dry_run and verbosity >= 1:
                # A dry run still shows what the file would change, before saying why it would be refused.
                for line in exc.report.change_lines():
                    self.stdout.write(line)
            raise CommandError(problems_message(path, exc)) from None
        if report is not None and verbosity >= 1:
            for line in report.lines(listing=verbosity >= 2):
                self.stdout.write(line)

    def file_options(self, options):
        """The command's own options that the import needs (a subclass hook; Django's are left out)."""
        return {}
