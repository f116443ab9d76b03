"""`manage.py load_demo_resources [PATH] [--dry-run] [--allow-removals] [--if-empty]`: load the demo resources
into published resource pages."""

from core.datafile.command import DataFileCommand
from resources.datafile import DEFAULT_PATH, DEMO_RESOURCES_FILE
from resources.models import ResourcePage


class Command(DataFileCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate the demo resources file (YAML; default resources/data/resources.yaml), then create or update a "
        "published resource page per entry under the resource index, in one transaction. Import the framework "
        "first: entries refer to its levels and skills. Safe to run again: a load that would take a value away "
        "from a page is refused unless --allow-removals is given."
    )
    data_file = DEMO_RESOURCES_FILE
    default_path = DEFAULT_PATH

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any resource page exists (what `make setup` uses, so curators' edits stay).",
        )

    def file_options(self, options):
        return {"if_empty": options.get("if_empty", False), "verbosity": options["verbosity"]}

    def load(self, path, *, dry_run, allow_removals, if_empty=False, verbosity=1):
        if if_empty and ResourcePage.objects.exists():
            if verbosity >= 1:
                self.stdout.write("Resources already exist; demo resources not loaded (drop --if-empty to reload).")
            return None
        return super().load(path, dry_run=dry_run, allow_removals=allow_removals)
