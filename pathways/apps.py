"""App configuration for pathways."""

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    """The pathways app; adds the `roles` section to the framework's data file importer."""

    name = "pathways"

    def ready(self):
        """Register the roles section (the framework's registry, so that framework never imports pathways)."""
        from framework.importer import register_section

        from .importer import roles_section

        # replace: ready() may run twice in one process (tests re-populating the app registry).
        register_section(roles_section(), replace=True)
