"""`manage.py restore_site DIRECTORY`: load a backup made by backup_site into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from hub.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into this site's database, which must be empty (no migrations run), "
        "and its media into an empty MEDIA_ROOT. Every file is checked against the manifest before anything changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory written by backup_site.")

    def handle(self, *args, directory, **options):
        try:
            manifest = restore_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            self.stdout.write(f"Restored the backup made {manifest['made']} from {directory}.")
