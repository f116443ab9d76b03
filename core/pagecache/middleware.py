"""The page cache's middleware, and the HTTP caching headers of every public page.

It is the first middleware (hub/settings/base.py): a page served from the cache runs nothing else, neither the
security, CSP and permissions middleware above the old place of the cache nor sessions, CSRF, authentication and
the view below it. What the middleware above would have added is in the entry, as the rendered page was sent
(``entries.py``), with the CSP nonce spliced in fresh for each response. A hit costs one round trip to the shared
cache (``store.py``). Django's own cache middleware did not fit: it keys on the full query string and on
``Vary: Cookie``, which a session's mere reading adds to every page, stores pickled responses with the nonce of
their first visitor in them, and has no notion of a site-wide content version.

What is cached: GET requests under a language prefix, or under a path of PAGE_CACHE_UNPREFIXED_PATHS (the JSON
API, whose language is its ``?lang=``, in the key with the rest of the query), from a visitor without a session
cookie (staff always have one) or an Authorization header, answered 200 without setting a cookie, without a
Cache-Control of the view's that forbids sharing, and without varying on a request header other than Cookie.
Everything else passes through.
"""

import logging
import math

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import http_date

from core.request import language_of_path

from . import encoding, freshness, keys, store, versions
from .entries import STATUS_HEADER, Entry, conditional, strong_etag

logger = logging.getLogger(__name__)

# A view that says any of these keeps its response out of shared caches, and out of the page cache.
UNSHARED_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})


def signed_in(request):
    """True when the request may come from someone signed in: it carries a session cookie (every editor's does)
    or credentials. Decided without reading the session, which would cost a query."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def _directives(response):
    """The names of the response's Cache-Control directives, lower-cased."""
    value = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(value) if part.strip()}


def _vary(response):
    value = response.get("Vary", "")
    return [part.strip() for part in cc_delim_re.split(value) if part.strip()]


def shareable(response):
    """True when ``response`` (to an anonymous GET) is the same for every anonymous visitor: a complete 200 that
    sets no cookie, that the view did not mark private, and that varies on nothing but the (absent) cookie."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (_directives(response) & UNSHARED_DIRECTIVES)
        and all(name.lower() == "cookie" for name in _vary(response))
    )


def public_headers(response, lifetime=None):
    """Cache-Control for shared caches and browsers; the view's own values (an embed's max-age) win. The
    request carried no cookie and the response sets none, so ``Vary: Cookie`` (the session middleware adds it
    """
    present = _directives(response)
    wanted = {
        "public": True,
        "max_age": settings.PAGE_CACHE_MAX_AGE,
        "s_maxage": settings.PAGE_CACHE_S_MAXAGE,
        "stale_while_revalidate": settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    }
    if lifetime is not None:
        # A page that the clock changes at a known time (freshness.py): no cache keeps it past that time.
        wanted = {name: min(value, lifetime) if name != "public" else value for name, value in wanted.items()}
    patch_cache_control(
        response, **{name: value for name, value in wanted.items() if name.replace("_", "-") not in present}
    )


def private_headers(response, *, store=False):
    """Keep ``response`` out of shared caches (and out of every cache with ``store=False``)."""
    if store:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    for directive in ("public", "s-maxage", "stale-while-revalidate"):
        _drop_directive(response, directive)


def _drop_directive(response, directive):
    parts = [part for part in cc_delim_re.split(response.get("Cache-Control", "")) if part.strip()]
    kept = [part for part in parts if part.split("=", 1)[0].strip().lower() != directive]
    if kept != parts:
        response["Cache-Control"] = ", ".join(kept)


def _prepare(request):
    """Normalise the request's query string (the view sees what the key says) and return its cache key, or
    None when the path resolves to no view or a registered parameter has a value its registration refuses
    (the view says what it ignored; junk values make no entries)."""
    path = request.path_info
    name = keys.url_name(path, language_of_path(path))
    if name is None:
        return None
    original = request.META.get("QUERY_STRING", "")
    query, valid = keys.normalised_query_for(name, original)
    if query != original:
        request.META["QUERY_STRING"] = query
        request.__dict__.pop("GET", None)
    if not valid:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        # CommonMiddleware answers it, as without the cache.
        return None
    return keys.cache_key(request.scheme, host, path, query)


# What ``lookup`` found about a request that the cache did not answer: nothing to do with the page cache, a
# signed-in visitor's, or a cacheable page (with its key and the content version read, either may be None).
OTHER, SIGNED_IN, CACHEABLE = "other", "signed-in", "cacheable"
# Where the WSGI application (hub/wsgi.py) leaves what its lookup found for the middleware, so that a miss is
# looked up once. Not an HTTP_ name: no request header can set it.
LOOKED_UP = "hub.pagecache.looked_up"


def lookup(request):
    """``(response, looked_up)``: the page from the cache when there is one for ``request`` (``looked_up`` None),
    else None and what the middleware needs to go on (``(kind, key, version)``)."""
    entry, looked_up = find(request)
    return (entry.response(request) if entry is not None else None), looked_up


def find(request):
    """``(entry, looked_up)``: the entry to answer ``request`` with (``looked_up`` None), else None and what the
    middleware needs to go on, as ``lookup`` says."""
    # Any request, the admin's too: the process that made a change while the cache was away puts it right.
    versions.retry_unconfirmed()
    path = request.path_info
    if language_of_path(path) is None and not path.startswith(settings.PAGE_CACHE_UNPREFIXED_PATHS):
        return None, (OTHER, None, None)
    if signed_in(request):
        return None, (SIGNED_IN, None, None)
    if request.method != "GET" or (settings.SECURE_SSL_REDIRECT and not request.is_secure()):
        # Not a read, or a read that SecurityMiddleware sends to https first.
        return None, (OTHER, None, None)
    key = version = None
    if settings.PAGE_CACHE_ENABLED:
        key = _prepare(request)
    if key is not None:
        # Varnish keeps what it is sent: its requests always read the version now (tracking.py).
        version, entry = store.lookup(key, held_version="HTTP_X_VARNISH" not in request.META)
        if entry is not None and entry.version == version:
            return entry, None
    return None, (CACHEABLE, key, version)


class PageCacheMiddleware:
    """Serve public pages to anonymous visitors from the page cache, store them there, and say to browsers and
    shared caches what they may keep (docs/performance.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        looked_up = request.META.pop(LOOKED_UP, None)
        if looked_up is None:
            # Not through hub.wsgi's application (the test client, another server): look up here.
            response, looked_up = lookup(request)
            if response is not None:
                return response
        kind, key, version = looked_up
        if kind == SIGNED_IN:
            response = self.get_response(request)
            # A signed-in editor's view of a page (the user bar, drafts) is theirs alone.
            private_headers(response)
            return response
        if kind == OTHER:
            return self.get_response(request)
        token = freshness.start()
        try:
            response = self.get_response(request)
        finally:
            until = freshness.finish(token)
        return self._finish(request, response, key, version, until)

    def _finish(self, request, response, key, version, until=None):
        """Headers for a rendered public page, and its entry in the cache when it is the same for everyone;
        ``until`` is when what the page shows changes by the clock alone (``freshness``), if it said."""
        lifetime = settings.PAGE_CACHE_TIMEOUT
        if until is not None:
            lifetime = min(lifetime, math.floor((until - timezone.now()).total_seconds()))
        if lifetime <= 0 or not shareable(response):
            if response.cookies or lifetime <= 0:
                private_headers(response, store=True)
            response[STATUS_HEADER] = "pass"
            return response
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            # The page carries this visitor's nonce: no shared cache may keep it. The page cache may, with a
            # placeholder that each response fills with its own nonce.
            private_headers(response, store=True)
        elif version is not None and versions.current() != version:
            # Content changed while the page was rendered: it may show the data as it was, and the BAN sent at
            # the commit (frontend.py) may already have reached Varnish, which would then keep it for s-maxage.
            # The page cache stores it under the dead version, where nobody finds it.
            private_headers(response, store=True)
        else:
            public_headers(response, lifetime)
            response["ETag"] = strong_etag(response.content)
            response["Last-Modified"] = http_date()
        # The request carried no cookie and the response sets none, so ``Vary: Cookie`` (the session middleware
        # adds it whenever a template reads the user) says nothing true and would split shared caches' entries.
        if "Vary" in response:
            del response["Vary"]
        if key is None or version is None:
            # No key, or the cache is unreachable (no version could be read): nothing to store.
            response[STATUS_HEADER] = "pass"
            return encoding.compress_response(request, response)
        entry = Entry.from_response(response, version, nonce if isinstance(nonce, str) else None, lifetime)
        store.save(key, entry, lifetime)
        response[STATUS_HEADER] = "miss"
        if entry.uses_nonce:
            return encoding.compress_response(request, response)
        if entry.variants:
            # The variants just stored: this visitor's bytes are the next visitor's, compressed once.
            encoding.send(request, response, dict(entry.variants))
        return conditional(request, response)
