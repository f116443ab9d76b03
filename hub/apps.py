"""The site-wide app: home page, health check, language handling and shared helpers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    """App configuration for the project package."""

    name = "hub"
    verbose_name = _("Movement Learning Hub")

    def ready(self):
        """The search page's query parameter, for the page cache (docs/performance.md); the receivers that mark
        the offline packs out of date (hub/zim/packs.py)."""
        from core.pagecache import register_params

        from .zim import packs

        register_params("search", "q")
        packs.connect()
