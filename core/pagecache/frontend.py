"""What the Hub tells a shared cache in front of it (Varnish, deploy/varnish/default.vcl) when content changes.

Two messages, both sent after the writing transaction commits, never before: a cache emptied before the commit
would be refilled at once, by a visitor, with the data as it was.

- When a page is published or unpublished, a ``PURGE`` of its URL in every language and of the pages above it,
  the listings that show it (an index lists its children, the home page its highlights), through Wagtail's
  frontend cache (``WAGTAILFRONTENDCACHE``, ``WAGTAILFRONTENDCACHE_LANGUAGES``). Wagtail's own receivers purge
  inside the publishing transaction, which is why its app is not installed and these receivers are ours.
- Whenever the site-wide content version is replaced after a commit (``versions.bump``): one ``BAN`` per host,
  which empties every object of the site, query strings and API answers included. A snippet (a level's name, a
  skill) shows on pages nobody could list, so this is what keeps Varnish as current as the page cache.

Nothing configured (no ``FRONTEND_CACHE_URL``), nothing sent. A cache that is down or refuses is logged, never
raised: an editor's save must not fail because Varnish is away; its objects then expire after ``s-maxage``.
"""

import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)

# Purges and bans are sent while the editor waits for their save or publish; Varnish answers in a millisecond when
# it is there. Wagtail's own HTTP backend waits without a limit, so a cache that accepts connections and never
# answers would hang the editor's request for good.
REQUEST_TIMEOUT = 2


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (one ``PURGE`` per URL, with the page's host in the Host header), and a ``BAN`` of
    every object of a host, which default.vcl understands."""

    def __init__(self, params):
        location = urlsplit(params["LOCATION"])
        if location.scheme not in ("http", "https"):
            raise ImproperlyConfigured(f"FRONTEND_CACHE_URL must be an http(s) URL, not {params['LOCATION']!r}")
        self.ban_url = urlunsplit((location.scheme, location.netloc, "/", "", ""))
        super().__init__(params)

    def _send(self, method, url, host):
        """Send ``method`` to ``url`` on the cache with ``host`` as the Host header, waiting REQUEST_TIMEOUT at
        most; None when the cache answered 2xx, else the error (HTTPError for another answer, any other OSError
        when it could not be reached)."""
        # The scheme is http or https (checked above).
        request = urllib.request.Request(  # noqa: S310
            url, method=method, headers={"Host": host, "User-Agent": f"Hub-frontendcache/{wagtail_version}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT):  # noqa: S310
                return None
        except OSError as error:  # URLError and HTTPError are OSErrors, as are timeouts and refused connections
            return error

    def ban(self, host):
        """Ask the cache to drop every object of ``host`` (``name`` or ``name:port``); True when it agreed."""
        error = self._send("BAN", self.ban_url, host)
        if error is not None:
            logger.error("Could not ban %s from the frontend cache at %s: %s", host, self.ban_url, error)
        return error is None

    def purge(self, url):
        """PURGE one of the site's URLs (Wagtail's ``HTTPBackend.purge``, with a time limit); True when done."""
        return self.purge_batch([url])

    def purge_batch(self, urls):
        """PURGE each URL; when the cache cannot be reached, stop at the first failure (each further URL would
        make the editor wait another REQUEST_TIMEOUT) and log it once. True when every purge was accepted."""
        urls = list(urls)
        for index, url in enumerate(urls):
            parts = urlsplit(url)
            host = parts.hostname + (f":{parts.port}" if parts.port else "")
            target = urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""))
            error = self._send("PURGE", target, host)
            if isinstance(error, urllib.error.HTTPError):
                logger.error("The frontend cache refused to purge %s: %s", url, error)
            elif error is not None:
                left = len(urls) - index - 1
                logger.error("Could not reach the frontend cache to purge %s and %d more: %s", url, left, error)
                return False
        return True


def site_hosts():
    """The Host headers visitors send to each Wagtail site, written as Wagtail's page URLs write them (the port
    only when it is not 80 or 443), so that bans and purges name the hosts the cache stored objects under."""
    return sorted({urlsplit(site.root_url).netloc for site in Site.objects.all()})


def ban_sites():
    """One BAN per site host to every configured cache that can ban (after a commit; see the module's notes)."""
    try:
        backends = [backend for backend in get_backends().values() if isinstance(backend, VarnishBackend)]
        if not backends:
            return
        for host in site_hosts():
            for backend in backends:
                if backend.invalidates_hostname(host.split(":")[0]):
                    backend.ban(host)
    except Exception:
        # Whatever went wrong, the content is saved; the cache catches up after s-maxage.
        logger.exception("Could not ban the sites from the frontend cache")


def purge_page(page):
    """PURGE ``page``'s URLs and those of the pages above it, in every language (WAGTAILFRONTENDCACHE_LANGUAGES
    turns each URL into one per language prefix; slugs are not translated, so that is every URL they have)."""
    try:
        if not get_backends():
            return
        batch = PurgeBatch()
        batch.add_page(page)
        batch.add_pages(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
        batch.purge()
    except Exception:
        logger.exception("Could not purge page %s from the frontend cache", page.pk)


def page_changed(instance, **kwargs):
    """page_published, page_unpublished: purge the page once the transaction that changed it commits."""
    transaction.on_commit(lambda: purge_page(instance), robust=True)


def connect():
    """Connect the purging receivers (from ``CoreConfig.ready()``)."""
    page_published.connect(page_changed, dispatch_uid="frontendcache-published")
    page_unpublished.connect(page_changed, dispatch_uid="frontendcache-unpublished")
