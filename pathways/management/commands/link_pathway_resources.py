"""`manage.py link_pathway_resources [PATH] [--dry-run] [--allow-removals] [--skip-missing]`: link the roles'
steps to fitting resource pages."""

from core.datafile.command import DataFileCommand

from ...step_links import DEFAULT_PATH, STEP_LINKS_FILE


class Command(DataFileCommand):
    """Checks the whole file first and writes nothing when anything is wrong; a second run changes nothing."""

    help = (
        "Validate the step-to-resource mapping (YAML; default pathways/data/step_resources.yaml), then set each "
        "listed step's guides on the Hub to exactly the listed resource pages, in one transaction. Import the "
        "framework (roles) and load the resources first. Safe to run again: a step that would lose a guide is "
        "refused unless --allow-removals is given."
    )
    data_file = STEP_LINKS_FILE
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

    def file_options(self, options):
        return {"skip_missing": options.get("skip_missing", False)}
