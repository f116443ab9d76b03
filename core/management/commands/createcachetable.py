"""`manage.py createcachetable`, made in whichever database the routers give the cache: on SQLite the cache has a
file of its own (core/routers.py), which Django's command, bound to one database, would leave without its table."""

from django.core.management.commands import createcachetable
from django.db import connections


class Command(createcachetable.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Without --database: every configured database (the router skips those the cache does not live in).
        parser.set_defaults(database=None)

    def handle(self, *tablenames, **options):
        for alias in [options["database"]] if options["database"] else list(connections):
            super().handle(*tablenames, **{**options, "database": alias})
