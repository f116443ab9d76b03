"""App configuration for pathways."""

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    """The pathways app."""

    name = "pathways"
