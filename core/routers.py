"""Database routers: where the database cache lives on SQLite, and anonymous reads on a PostgreSQL read replica.

The cache database
------------------

SQLite has one writer at a time per file, and the Hub's transactions take the write lock when they begin (the
IMMEDIATE mode, so writers wait for each other instead of failing). A page that fills the database cache writes,
so with the cache table in the site's own file, every such page waited for a curator's import to finish — up to
the 20-second busy timeout, measured with ``benchmarks/load_run.py --imports``. In a second file the cache has its
own lock; content writes and cache writes no longer queue behind each other. On PostgreSQL the cache stays in the
site's database, where row locks keep them apart.

The read replica
----------------
With DATABASE_REPLICA_URL set, ``ReplicaReadsMiddleware`` (core/middleware.py) marks the requests whose reads may
go to the replica: GET and HEAD from visitors who are not signed in (no session cookie, no credentials), outside
the few seconds after a content change (DATABASE_REPLICA_MAX_LAG), when the replica may not have the change yet
and a page rendered from it would be stored as current by the page cache and by Varnish. Everything else — writes,
editors, the admin, the cache's own table (rate limits, the content version) — uses the primary.
"""

import contextvars

CACHE_DATABASE = "cache"
# The app label Django's database cache gives its table's model (django.core.cache.backends.db).
CACHE_APP_LABEL = "django_cache"


class CacheDatabaseRouter:
    """The cache's table in the ``cache`` database, everything else out of it."""

    def db_for_read(self, model, **hints):
        return CACHE_DATABASE if model._meta.app_label == CACHE_APP_LABEL else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        if app_label == CACHE_APP_LABEL:
            return db == CACHE_DATABASE
        return db != CACHE_DATABASE


REPLICA_DATABASE = "replica"
# True while the current request may read from the replica (set by core.middleware.ReplicaReadsMiddleware).
replica_reads = contextvars.ContextVar("replica_reads", default=False)


class ReplicaRouter:
    """Reads of an anonymous request on the replica, when the request may use it; everything else on the primary."""

    def db_for_read(self, model, **hints):
        if replica_reads.get() and model._meta.app_label != CACHE_APP_LABEL:
            return REPLICA_DATABASE
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, **hints):
        # The replica follows the primary's schema through replication; nothing is migrated on it.
        return False if db == REPLICA_DATABASE else None
