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
"""

import uuid

from django.core.cache import caches
from django.db import transaction

from . import frontend

VERSION_KEY = "pagecache:version"
CACHE_ALIAS = "default"


def _cache():
    return caches[CACHE_ALIAS]


def current():
    """The current site-wide version (a new one is made when the cache has none)."""
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _replace():
    _cache().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _committed():
    """The write is committed: replace the version again, then tell a cache in front (Varnish) to drop the site."""
    _replace()
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
