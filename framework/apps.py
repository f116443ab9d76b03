"""App configuration for framework."""

from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    """The framework app."""

    name = "framework"
