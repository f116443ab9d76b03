"""App configuration for embeds."""

from importlib import import_module

from django.apps import AppConfig


class EmbedsConfig(AppConfig):
    """Embedding: the embed cards, the oEmbed provider, the discovery link and the share panel, all driven by
    one registry of embeddable kinds (``embeds/registry.py``)."""

    name = "embeds"

    def ready(self):
        """Declare the kinds: they need the models of the apps below, which are only ready now. A module is
        imported once per process, so each kind is registered once even when ready() runs again."""
        import_module("embeds.kinds")
