"""`manage.py import_framework PATH [--dry-run] [--allow-removals]`: load the framework's data file into the
database."""

from framework.importer import import_file
from framework.management.datafile import DataFileCommand


class Command(DataFileCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate a framework data file (YAML), then create or update its sources, levels, skills, behaviors, "
        "activities, roles and context sections in one transaction. Safe to run again: a file that would remove "
        "anything the database holds is refused unless --allow-removals is given."
    )
    path_help = "The data file, e.g. framework/data/framework.yaml."

    def load(self, path, *, dry_run, allow_removals, **options):
        return import_file(path, dry_run=dry_run, allow_removals=allow_removals)
