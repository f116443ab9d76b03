"""Build the offline packs: one Kiwix ZIM file per language (hub/zim/, issue #17)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.zim import packs
from hub.zim.archive import ISO_639_3, ZimBuildError, build


class Command(BaseCommand):
    help = "Write the Hub as a ZIM file for Kiwix and Internet-in-a-Box, for one language or all of them."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--language", help=f"The language of the pack: one of {', '.join(ISO_639_3)}.")
        which.add_argument("--all", action="store_true", help="A pack for every language.")
        parser.add_argument("--output", type=Path, help=f"The folder to write to (default: {packs.folder()}).")

    def handle(self, *args, language=None, all=False, output=None, **options):
        languages = list(ISO_639_3) if all else [language]
        output = output or packs.folder()
        for code in languages:
            try:
                built = build(code, output)
            except ZimBuildError as error:
                raise CommandError(
                    f"No {code} pack written (the previous one, if any, is unchanged). {error}"
                ) from error
            self.stdout.write(
                f"{built.path}: {built.pages} pages, {built.size / 1_000_000:.1f} MB in {built.seconds:.1f} s"
            )
