"""The anonymous page cache: every public page under a language prefix, served to visitors without a session from
a shared cache, invalidated by one site-wide content version (docs/performance.md).

- ``keys``: which query parameters each URL name's pages depend on (an allow-list apps register), the normalised
  query string and the cache key of a request;
- ``versions``: the site-wide content version, bumped after every write that a public page may show;
- ``signals``: the receivers that bump it, for every model of the Hub's own apps and Wagtail's pages;
- ``entries``: what is stored for a page and how a response is rebuilt from it (with a fresh CSP nonce);
- ``encoding``: the Brotli and gzip variants stored with a page, their ETags, and which one a request gets;
- ``freshness``: how long a page that the clock alone changes (events ending, registrations closing) stays good;
- ``middleware``: the lookup, the store and the HTTP caching headers (Cache-Control, ETag, Last-Modified, 304).
"""

from .freshness import fresh_until, next_midnight
from .keys import LANGUAGE_TAG, PAGE_NUMBER, SLUG, register_params
from .versions import bump

__all__ = ["LANGUAGE_TAG", "PAGE_NUMBER", "SLUG", "bump", "fresh_until", "next_midnight", "register_params"]
