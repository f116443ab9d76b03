"""App configuration for pathways."""

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    """The pathways app; adds the `roles` section to the framework data file, and owns the step links file."""

    name = "pathways"

    def ready(self):
        """Register the roles section with the framework's data file (its registry, so that framework never
        imports pathways) and the step links' section with their own file."""
        from framework.datafile import FRAMEWORK_FILE

        from .datafile import ROLES
        from .step_links import STEP_LINKS, STEP_LINKS_FILE

        # replace: ready() may run twice in one process (tests re-populating the app registry).
        FRAMEWORK_FILE.register(ROLES, replace=True)
        STEP_LINKS_FILE.register(STEP_LINKS, replace=True)
