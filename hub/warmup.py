"""Work done once per process at boot (hub/wsgi.py), so that the first visitor after a restart does not pay for it.

Django and Wagtail build much of what a request needs lazily: the URL resolvers of each language (i18n_patterns
compile one set per language), the compiled templates (the cached loader compiles on first use), each
language's translation catalogue, Wagtail's list of page types and their content types, and whatever else a
view builds on first use (the last step renders the main pages once). The first request after a restart paid
all of it at once (benchmarks/load.py --cold-start measures it). Each step here is independent and logged when
it fails: a database that is down at boot must not keep the server from starting, and the requests then
simply pay what was not warmed.
"""

import io
import logging
import sys
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


def _caches():
    """Open each cache's connection and run a read and a write through it (with the database cache, the first
    statements on its table), read the page cache's content version, and run each compressor once."""
    from django.core.cache import caches

    from core.pagecache import encoding, versions

    for alias in settings.CACHES:
        cache = caches[alias]
        cache.set("hub-warm-up", 1, 5)
        cache.get("hub-warm-up")
        cache.delete("hub-warm-up")
    versions.current()
    encoding.compress(b"<p>warm-up</p>" * 200)


# The pages rendered once at boot: the home page in every language, then one page of each main kind. What the
# steps above cannot reach (the views' lazy imports, the first query of each kind compiled, the first render of
# Wagtail's page routing, the site root paths) is built by rendering them.
WARM_PATHS = ["/{lang}/", "/en/resources/", "/en/framework/", "/en/pathways/", "/en/opportunities/", "/en/search/"]


def _host():
    """A host name the settings accept (the first ALLOWED_HOSTS entry that names one host)."""
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def _requests(application):
    """Render WARM_PATHS through the whole application, as an anonymous visitor would, but past the page cache: an
    Authorization header makes it render and store nothing (core/pagecache/middleware.py), and says https so
    that SECURE_SSL_REDIRECT does not answer with a redirect instead."""
    paths = [path.format(lang=code) for path in WARM_PATHS[:1] for code in settings.LANGUAGE_CODES] + WARM_PATHS[1:]
    host = _host()
    for path in paths:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SCRIPT_NAME": "",
            "SERVER_NAME": host,
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host,
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_AUTHORIZATION": "Hub-Warm-Up",
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        statuses = []

        def start_response(status, headers, exc_info=None, statuses=statuses):
            statuses.append(status)

        body = application(environ, start_response)
        try:
            for _chunk in body:
                pass
        finally:
            if hasattr(body, "close"):
                body.close()
        logger.info("Warm-up request %s: %s", path, statuses[0] if statuses else "no answer")


def _name(step):
    return "_requests" if step.__name__ == "<lambda>" else step.__name__


def warm(application=None):
    """Run each warm-up step, log the time it took, and carry on past any failure; with the WSGI
    ``application``, also render the main pages once."""
    steps = [_resolvers, _templates, _catalogues, _page_types, _caches]
    if application is not None:
        steps.append(lambda: _requests(application))
    for step in steps:
        started = time.perf_counter()
        try:
            step()
        except Exception:  # noqa: BLE001 (a boot must not fail for what only speeds up the first request)
            logger.warning("Warm-up step %s failed; the first request pays for it", _name(step), exc_info=True)
        else:
            logger.info("Warm-up step %s: %.0f ms", _name(step), (time.perf_counter() - started) * 1000)
    # The connection opened by the content types' query must not be inherited by processes forked from this one
    # (gunicorn --preload): each opens its own on its first query.
    from django.db import connections

    connections.close_all()
