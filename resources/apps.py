"""App configuration for resources."""

from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The resources app; owns the demo resources data file."""

    name = "resources"

    def ready(self):
        # Wagtail discovers hooks only in wagtail_hooks.py; the suggestions admin lives in its own module.
        from . import signals, suggestions_admin  # noqa: F401
        from .datafile import DEMO_RESOURCES, DEMO_RESOURCES_FILE

        signals.connect()
        # replace: ready() may run twice in one process (tests re-populating the app registry).
        DEMO_RESOURCES_FILE.register(DEMO_RESOURCES, replace=True)
