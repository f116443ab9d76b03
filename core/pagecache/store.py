"""Where the page cache's entries are read and written: at most one round trip to the shared cache per hit.

A hit needs two things, the site-wide content version (``versions``, in the default cache) and the page's entry
(in the pages cache). Read one after the other, that is two round trips to Redis, and the entry's bytes (the page
with its Brotli and gzip variants) travel on every hit. So:

- each process keeps the entries it has read or written in memory as well (``PAGE_CACHE_LOCAL_BYTES``, least
  recently used first out), as the same objects: a hit on an entry held here reads only the version, a few
  dozen bytes, and unpickles nothing;
- when the entry is not held here and both caches are the same Redis, the version and the entry are read in one
  ``MGET``.

An entry is served only when its version is the current one (read from the shared cache, or held by this
process while Redis says nothing about it: ``tracking.py``) and while its own lifetime lasts (``Entry.expires``):
Redis's timeout ends its copy, not the one held here, which would otherwise outlive a page that the clock changes
(``freshness.py``). Without Redis (the database cache and per-process pages) the entries are held here all the
same, as objects (locmem pickles), and the version read from the cache table is held for a bounded time
(``PAGE_CACHE_VERSION_HOLD``, versions.py): a hit reads nothing.
"""

import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

from . import tracking, versions

logger = logging.getLogger(__name__)
# The logger django-redis reports the calls it gave up on with: an outage shows under one name.
redis_logger = logging.getLogger("django_redis.cache")


def _pages():
    return caches[settings.PAGE_CACHE_ALIAS]


def _is_redis(cache):
    return type(cache).__module__.startswith("django_redis")


def _same_redis(pages, default):
    """True when both caches are django-redis on the same server (one URL, so one database)."""
    return _is_redis(pages) and _is_redis(default) and tracking.redis_servers(pages) == tracking.redis_servers(default)


class LocalEntries:
    """The entries this process holds, by cache key, at most ``limit`` bytes of pages in all."""

    def __init__(self, limit):
        self.limit = limit
        self.size = 0
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = entry.size()
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old.size()
            if size > self.limit:
                return
            self._entries[key] = entry
            self.size += size
            while self.size > self.limit:
                _key, dropped = self._entries.popitem(last=False)
                self.size -= dropped.size()

    def drop(self, key):
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old.size()

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __len__(self):
        return len(self._entries)


local = LocalEntries(settings.PAGE_CACHE_LOCAL_BYTES)


def _local_enabled(pages):
    # With a per-process pages cache too (locmem, without Redis): locmem pickles what it keeps, so a hit would
    # unpickle the entry and lose the answers it prepared (entries.py); the objects held here keep them.
    return settings.PAGE_CACHE_LOCAL_BYTES > 0


def lookup(key, held_version=False):
    """``(version, entry)``: the current content version (None when the cache cannot be reached) and the entry
    stored under ``key`` (None when there is none), in at most one round trip to the shared cache; none when this
    process holds the entry and ``held_version`` lets it use the version it holds (``tracking.py``)."""
    pages, default = _pages(), caches[versions.CACHE_ALIAS]
    now = time.time()
    held = local.get(key) if _local_enabled(pages) else None
    if held is not None and not held.fresh(now):
        # Its lifetime is over (a page the clock changes): Redis has dropped its copy too.
        local.drop(key)
        held = None
    if held is not None:
        version = versions.current(held=held_version)
        if version == held.version:
            return version, held
        entry = pages.get(key)
    elif _same_redis(pages, default):
        version, entry = _read_both(pages, default, key)
        if version is None:
            # Missing (made anew now) or Redis is away (None again).
            version = versions.current()
    else:
        version, entry = versions.current(), pages.get(key)
    if entry is not None and not entry.fresh(now):
        # A cache's clock and this process's may differ by a second; the entry's own time decides.
        entry = None
    if entry is not None and _local_enabled(pages):
        local.put(key, entry)
    return version, entry


def _read_both(pages, default, key):
    """The version and the entry from one Redis ``MGET``; ``(None, None)`` when Redis cannot be reached."""
    client = pages.client
    names = [default.client.make_key(versions.VERSION_KEY), client.make_key(key)]
    try:
        raw_version, raw_entry = client.get_client(write=False).mget(names)
    except Exception as error:  # noqa: BLE001 (django-redis's IGNORE_EXCEPTIONS: an outage is a miss)
        redis_logger.warning("The page cache could not read from Redis: %s", error)
        return None, None
    version = default.client.decode(raw_version) if raw_version is not None else None
    entry = client.decode(raw_entry) if raw_entry is not None else None
    return version, entry


def save(key, entry, timeout):
    """Store ``entry`` under ``key`` for ``timeout`` seconds, in the shared cache and in this process."""
    pages = _pages()
    pages.set(key, entry, timeout)
    if _local_enabled(pages):
        local.put(key, entry)
