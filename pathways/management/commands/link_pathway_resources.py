"""`manage.py link_pathway_resources [PATH] [--dry-run] [--skip-missing]`: link the roles' steps to fitting
resource pages."""

from framework.management.datafile import DataFileCommand

from ..step_resources import DEFAULT_PATH, link_file


class Command(DataFileCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate the step-to-resource mapping (YAML; default pathways/data/step_resources.yaml), then set each "
        "listed step's guides on the Hub to exactly the listed resource pages, in one transaction. Import the "
        "framework (roles) and load the resources first. Safe to run again."
    )
    default_path = DEFAULT_PATH
    path_help = "The mapping file."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--skip-missing",
            action="store_true",
            help="Leave out resources that are not on this site instead of failing (what `make setup` uses: a "
            "site whose own resources kept the demo ones from loading still sets up).",
        )

    def load(self, path, *, dry_run, allow_removals, skip_missing=False, **options):
        return link_file(path, dry_run=dry_run, allow_removals=allow_removals, skip_missing=skip_missing)
