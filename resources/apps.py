"""App configuration for resources."""

from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The resources app."""

    name = "resources"

    def ready(self):
        # Wagtail discovers hooks only in wagtail_hooks.py; the suggestions admin lives in its own module.
        from . import signals, suggestions_admin  # noqa: F401

        signals.connect()
