"""App configuration for framework."""

from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    """The framework app; registers its sections with the framework data file."""

    name = "framework"

    def ready(self):
        """Register the framework's data-file sections (framework/datafile.py)."""
        from .datafile import register_sections

        register_sections()
