"""App configuration for resources."""

from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The resources app; owns the demo resources data file."""

    name = "resources"

    def ready(self):
        # Wagtail discovers hooks only in wagtail_hooks.py; the suggestions admin lives in its own module.
        from core.pagecache import register_params

        from . import search, signals, suggestions_admin  # noqa: F401
        from .datafile import DEMO_RESOURCES, DEMO_RESOURCES_FILE, TAGS
        from .listing import LISTING_PARAM_VALUES

        signals.connect()
        search.connect()
        # The parameters the page cache keeps (docs/performance.md): the listing is a Wagtail page, and every
        # Wagtail page resolves to wagtail_serve, with the values each may take; the suggestion form's thanks page.
        register_params("wagtail_serve", **LISTING_PARAM_VALUES)
        register_params("suggest-resource", "sent")
        # replace: ready() may run twice in one process (tests re-populating the app registry).
        DEMO_RESOURCES_FILE.register(TAGS, replace=True)
        DEMO_RESOURCES_FILE.register(DEMO_RESOURCES, replace=True)
