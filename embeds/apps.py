"""App configuration for embeds."""

from django.apps import AppConfig


class EmbedsConfig(AppConfig):
    """Embedding: the embed cards, the oEmbed provider, the discovery link and the share panel, all driven by
    one registry of embeddable kinds (``embeds/registry.py``)."""

    name = "embeds"
