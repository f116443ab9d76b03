"""The site-wide app: home page, health check, language handling and shared helpers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    """App configuration for the project package."""

    name = "hub"
    verbose_name = _("Movement Learning Hub")

    def ready(self):
        """The search page's and the API's query parameters, for the page cache (docs/performance.md); the
        receivers that mark the offline packs out of date (hub/zim/packs.py)."""
        from core.pagecache import register_params

        # Importing the API registers its parameters (hub/api.py), before any request is keyed: not only once the
        # URLconf happens to be loaded.
        from . import api  # noqa: F401
        from .zim import packs

        register_params("search", "q")
        packs.connect()
