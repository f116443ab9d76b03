"""The ground floor: what every app of the Hub uses, importing none of them (docs/architecture.md)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """App configuration for the shared helpers, template tags and middleware."""

    name = "core"
    verbose_name = _("Hub core")

    def ready(self):
        """Replace the page cache's content version on every write a public page may show, and purge published
        pages from a cache in front; read view restrictions inside the queries that filter on them (routing.py); keep
        every translation's English fingerprint in step (core.translations); redirect a moved page's old addresses
        in every language (core.redirects)."""
        from django.apps import apps

        from . import redirects, routing, translations
        from .pagecache import frontend, signals

        signals.connect()
        translations.connect()
        frontend.connect()
        routing.connect()
        if apps.is_installed("wagtail.contrib.redirects"):
            redirects.connect()
