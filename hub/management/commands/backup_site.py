"""`manage.py backup_site DIRECTORY`: the database, the media and the data-file exports, with a manifest."""

from django.core.management.base import BaseCommand, CommandError

from hub.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the whole site (database dump, media, framework data file) into a new DIRECTORY."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the backup; created, and it must be empty.")

    def handle(self, *args, directory, **options):
        try:
            manifest = make_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            self.stdout.write(f"Backed up the {manifest['database']} database, media and data files to {directory}:")
            for name in manifest["files"]:
                self.stdout.write(f"  {name}")
