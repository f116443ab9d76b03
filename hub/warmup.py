"""Work done once per process at boot (hub/wsgi.py), so that the first visitor after a restart does not pay for it.

Django and Wagtail build much of what a request needs lazily: the URL resolvers of each language (i18n_patterns
compile one set per language), the compiled templates (the cached loader compiles on first use), each
language's translation catalogue, Wagtail's list of page types and their content types. The first request after
a restart paid all of it at once (benchmarks/load.py --cold-start measures it). Each step here is independent
and logged when it fails: a database that is down at boot must not keep the server from starting, and the
requests then simply pay what was not warmed.
"""

import logging
import time
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


def _resolvers():
    """Every language's URL patterns and the reverse lookups views use."""
    from django.urls import get_resolver, resolve, reverse
    from django.utils import translation

    get_resolver()._populate()
    for code in settings.LANGUAGE_CODES:
        with translation.override(code):
            resolve(f"/{code}/")
            reverse("search")


def _templates():
    """Compile the project's own templates into the cached loader (pages, includes, blocks)."""
    from django.template.loader import get_template

    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            get_template(str(path.relative_to(folder)))


def _catalogues():
    """Load and merge the translation catalogue of every language (Django's, Wagtail's and ours)."""
    from django.utils import translation

    for code in settings.LANGUAGE_CODES:
        with translation.override(code):
            translation.gettext("Movement Learning Hub")
            # The formats module of the language, read by every date a page shows.
            from django.utils import formats

            formats.get_format("DATE_FORMAT")


def _page_types():
    """Wagtail's page models and their content types (the one step that reads the database)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    ContentType.objects.get_for_models(*get_page_models())


def warm():
    """Run each warm-up step, log the time it took, and carry on past any failure."""
    for step in (_resolvers, _templates, _catalogues, _page_types):
        started = time.perf_counter()
        try:
            step()
        except Exception:  # noqa: BLE001 (a boot must not fail for what only speeds up the first request)
            logger.warning("Warm-up step %s failed; the first request pays for it", step.__name__, exc_info=True)
        else:
            logger.info("Warm-up step %s: %.0f ms", step.__name__, (time.perf_counter() - started) * 1000)
    # The connection opened by the content types' query must not be inherited by processes forked from this one
    # (gunicorn --preload): each opens its own on its first query.
    from django.db import connections

    connections.close_all()
