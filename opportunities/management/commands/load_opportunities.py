"""`manage.py load_opportunities [PATH] [--dry-run] [--allow-removals] [--if-empty]`: load the demo learning
opportunities and mentorship programmes into published pages."""

from core.datafile.command import DataFileCommand
from opportunities.datafile import DEFAULT_PATH, OPPORTUNITIES_FILE
from opportunities.models import MentorshipPage, OpportunityPage


class Command(DataFileCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate the demo opportunities file (YAML; default opportunities/data/opportunities.yaml), then create "
        "or update a published page per opportunity and programme under their indexes, in one transaction. Import "
        "the framework first: entries refer to its levels, skills and roles. Safe to run again."
    )
    data_file = OPPORTUNITIES_FILE
    default_path = DEFAULT_PATH

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any opportunity or programme exists (what `make setup` uses: curators' edits stay).",
        )

    def file_options(self, options):
        return {"if_empty": options.get("if_empty", False), "verbosity": options["verbosity"]}

    def load(self, path, *, dry_run, allow_removals, if_empty=False, verbosity=1):
        if if_empty and (OpportunityPage.objects.exists() or MentorshipPage.objects.exists()):
            if verbosity >= 1:
                self.stdout.write("Opportunities already exist; demo data not loaded (drop --if-empty to reload).")
            return None
        return super().load(path, dry_run=dry_run, allow_removals=allow_removals)
