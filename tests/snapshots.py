"""Whole-database snapshots for the test session: taken once, loaded back in well under a second.

The session keeps two states of its database: the *base* (the site's pages, as `setup_site` makes them, and what
migrations wrote) and the *shipped* one (the base plus the shipped framework, demo guides, step links and
opportunities, as `make content` loads them). Loading the shipped data files takes about a minute; loading a
snapshot takes milliseconds on SQLite and about a second on PostgreSQL, so tests that need the real content ask for
it (``shipped_site`` for a module, ``live_resources`` for a browser test) instead of importing it.

Why not Django's ``serialize_db_to_string``: it writes and reads every row through the ORM (an UPDATE then an
INSERT per row), which costs seconds for the base and far longer for the shipped content. The database's own
copy mechanisms do it at once: SQLite's online backup API (``sqlite3.Connection.backup``), PostgreSQL's binary
``COPY`` per table. No library offers this for a live Django test database, hence this module.
"""

import io
import sqlite3

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

# Never copied back: the migration history is the same in both states, and rewriting it gains nothing.
SKIPPED_TABLES = {"django_migrations"}


class Snapshot:
    """Every row of every table of the default database, as it is when the snapshot is taken."""

    def __init__(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._copy)
            self._copy.commit()
        elif connection.vendor == "postgresql":
            self._copy = {}
            with connection.cursor() as cursor:
                for table in _tables():
                    buffer = io.BytesIO()
                    cursor.copy_expert(f'COPY "{table}" TO STDOUT (FORMAT binary)', buffer)
                    self._copy[table] = buffer.getvalue()
        else:  # pragma: no cover - the suite runs on SQLite and PostgreSQL only
            raise RuntimeError(f"No snapshot for the {connection.vendor} backend.")

    def load(self):
        """Make the database exactly what it was when the snapshot was taken, sequences included."""
        from django.contrib.contenttypes.models import ContentType

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            # The backup replaces every page of the database file, sqlite_sequence (the next keys) included.
            self._copy.backup(connection.connection)
        else:
            tables = [table for table in _tables() if table in self._copy]
            with transaction.atomic(), connection.cursor() as cursor:
                # Django makes every foreign key DEFERRABLE INITIALLY DEFERRED, so the order of the copies does not
                # matter: the keys are checked at the commit, when every table is whole again.
                cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in tables))
                for table in tables:
                    cursor.copy_expert(f'COPY "{table}" FROM STDIN (FORMAT binary)', io.BytesIO(self._copy[table]))
                for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(statement)
        ContentType.objects.clear_cache()


class _State:
    """The session's snapshots: ``base`` and ``current`` (what a flush brings back), set by tests/conftest.py."""

    base = None
    current = None


STATE = _State()


def _tables():
    """The database's tables (not its views), but the skipped ones."""
    with connection.cursor() as cursor:
        listed = connection.introspection.get_table_list(cursor)
    return [info.name for info in listed if info.type == "t" and info.name not in SKIPPED_TABLES]
