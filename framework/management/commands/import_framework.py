"""`manage.py import_framework PATH [--dry-run] [--allow-removals]`: load the framework's data file into the
database."""

from core.datafile.command import DataFileCommand
from framework.datafile import FRAMEWORK_FILE


class Command(DataFileCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate a framework data file (YAML), then create or update its sources, levels, skills, behaviors, "
        "activities, roles and context sections in one transaction. Safe to run again: a file that would remove "
        "anything the database holds is refused unless --allow-removals is given."
    )
    data_file = FRAMEWORK_FILE
    path_help = "The data file, e.g. framework/data/framework.yaml."
