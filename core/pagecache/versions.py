"""The site-wide content version that every cached page is stored under.

Why one version for the whole site, kept in the shared cache, rather than explicit purges of each changed page's
URLs: a snippet or a setting shows on pages nobody can list (a level's name is on the matrix, on every guide that
names the level, on every pathway step, in every embed), and new page types arrive with other teams' apps. A
version that every write replaces invalidates every page in every language at once, on every app server, with
nothing to list; the cost is that any edit empties the cache for the whole site, which the first visitors refill
(a page renders in tens of milliseconds, edits come a few times an hour).

Why in the cache and not in the database like ``core.models.ContentVersion``: a cached page must cost no SQL at
all, and reading a row would be one query per request. The default cache is shared by every process (Redis, or
the database cache), so a new version is seen by every app server on the next request. A page is stored with the
version read *before* it was rendered, and the version is replaced once more after the writing transaction
commits: a page rendered from data that was about to change is stored under a version that is already gone.
If the cache loses the version (eviction, a restart of Redis), a new random one is made: every page is missed
once, none is served stale.

When the cache cannot be reached (Redis down or cut off: django-redis then turns reads into misses and skips
writes, see hub/settings/base.py), pages are rendered and not stored, and no version can be replaced. Redis may
come back with its old entries and the old version, so a change made meanwhile would leave those entries looking
good: the replacement made at each commit is therefore read back, and when it did not take, this process keeps
trying again at the start of each request it serves (``retry_unconfirmed``) until it does.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from . import frontend, tracking

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
CACHE_ALIAS = "default"


def _cache():
    return caches[CACHE_ALIAS]


def current(held=False):
    """The current site-wide version (a new one is made when the cache has none). ``held``: the value this process
    holds may be used, when Redis keeps it right (``tracking.py``, which says how fresh that is)."""
    cache = _cache()
    hold = None
    if held and not _unconfirmed:
        version = _held(cache)
        if version is not None:
            return version
        hold = _read_hold()
        if hold is not None and hold[1] > time.monotonic():
            return hold[0]
    version = cache.get(VERSION_KEY)
    if version is None:
        # Made because none was there, not because content changed: no change time.
        cache.add(VERSION_KEY, f"{uuid.uuid4().hex}:0", timeout=None)
        version = cache.get(VERSION_KEY)
    if hold is not None and version is not None:
        global _hold
        _hold = (version, time.monotonic() + settings.PAGE_CACHE_VERSION_HOLD)
    return version


# Without Redis's tracking (the database cache), each hit would read the version with one SELECT, which costs a
# hit several times what the rest of it does (docs/performance.md, "Without Redis"). No library tells a process
# that a row of the cache table changed, so each process keeps the value it read for PAGE_CACHE_VERSION_HOLD
# seconds (0.25 by default): another app server's change shows within that time, inside the one second promised;
# this process's own change at once (``_replace`` drops the value). (version, monotonic time until which it holds).
_hold = None


def _read_hold():
    """The held (version, until) without tracking; ``(None, 0)`` when a hold applies but none is held, None when
    holding is off or Redis's tracking is in charge."""
    if settings.PAGE_CACHE_VERSION_HOLD <= 0 or type(_cache()).__module__.startswith("django_redis"):
        return None
    return _hold or (None, 0.0)


def _held(cache):
    """The version as this process holds it, or None (no tracking, no such key, or Redis cannot be asked)."""
    tracked = tracking.tracked_version(cache, cache.make_key(VERSION_KEY))
    if tracked is None:
        return None
    try:
        raw = tracked.get()
    except (OSError, tracking.ProtocolError, ValueError) as error:
        logger.warning("The page cache's content version could not be tracked in Redis: %s", error)
        return None
    if raw is None:
        return None
    global _decoded
    if _decoded[0] != raw:
        # Unpickled once per value read from Redis, not once per hit.
        _decoded = (raw, cache.client.decode(raw))
    return _decoded[1]


# (raw bytes, version) of the last value ``_held`` decoded.
_decoded = (None, None)


def changed_at(version):
    """When content last changed (a Unix time; 0 when unknown), read from ``version``; None when there is no
    version (the cache is unreachable)."""
    if not version:
        return None
    try:
        return float(version.rpartition(":")[2])
    except ValueError:
        return 0.0


# True while a committed change could not replace the version (the cache was unreachable).
_unconfirmed = False


def _replace():
    # The token carries the time of the change: the read-replica routing stays on the primary just after one.
    token = f"{uuid.uuid4().hex}:{time.time():.3f}"
    _cache().set(VERSION_KEY, token, timeout=None)
    forget_held()
    return token


def forget_held():
    """Read the version afresh on the next request: this process replaced it (or its cache was emptied)."""
    global _hold
    tracking.forget()
    _hold = None


def _replace_confirmed():
    """Replace the version and read it back; remember a failure, so that ``retry_unconfirmed`` tries again."""
    global _unconfirmed
    token = _replace()
    _unconfirmed = _cache().get(VERSION_KEY) != token
    if _unconfirmed:
        logger.error("The page cache's content version could not be replaced (cache unreachable); retrying.")
    return not _unconfirmed


def retry_unconfirmed():
    """If a committed change could not replace the version, try again now. Costs nothing otherwise."""
    if _unconfirmed and _replace_confirmed():
        logger.warning("The page cache's content version was replaced after the cache came back.")


def _committed():
    """The write is committed: replace the version again (checked), then tell a cache in front (Varnish) to drop
    the site."""
    _replace_confirmed()
    frontend.ban_sites()


def bump(using=None):
    """Invalidate every cached page: a new version now, and another once the current transaction on ``using``
    commits (pages rendered meanwhile from the data as it was are then stored under a dead version), followed by
    one BAN of the site for a shared cache in front (``frontend``). Outside a transaction the write is already
    committed: one replacement and the ban."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _committed()
        return
    _replace()
    # One callback per transaction, however many rows it writes (an import writes thousands). Django keeps the
    # pending callbacks in ``run_on_commit`` as (savepoint ids, function, robust) and forgets them on rollback.
    if not any(entry[1] is _committed for entry in connection.run_on_commit):
        transaction.on_commit(_committed, using=using, robust=True)
