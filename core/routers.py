"""Where the database cache lives when the site runs on SQLite: a file of its own.

SQLite has one writer at a time per file, and the Hub's transactions take the write lock when they begin (the
IMMEDIATE mode, so writers wait for each other instead of failing). A page that fills the database cache writes,
so with the cache table in the site's own file, every such page waited for a curator's import to finish — up to
the 20-second busy timeout, measured with ``benchmarks/load_run.py --imports``. In a second file the cache has its
own lock; content writes and cache writes no longer queue behind each other. On PostgreSQL the cache stays in the
site's database, where row locks keep them apart.
"""

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
