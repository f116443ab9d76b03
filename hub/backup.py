"""Backups of a whole Hub: the database as the server itself dumps it, the uploaded media, and the shipped data
files exported from the database, with a manifest of checksums that a restore checks before it changes anything.

The database dump is what a restore loads (it holds every page, revision, translation, user and setting); the data
file exports are there for people, to read or diff a backup without a database. Each database is dumped with its
own tool: SQLite's online backup API (a consistent copy while the site serves) and PostgreSQL's ``pg_dump`` in its
custom format, which ``pg_restore`` loads in one transaction. A dump from one kind of database does not load into
the other; Django's ``dumpdata`` could cross that line but does not restore Wagtail's page tree, revisions and
sequences faithfully, which is what a backup is for.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
FRAMEWORK = "framework.yaml"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup that cannot be made, or a restore that must not start; the message says why."""


def checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_arguments():
    """Connection options for pg_dump and pg_restore, from the default database's settings."""
    database = settings.DATABASES["default"]
    arguments = ["--dbname", database["NAME"], "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [option, str(database[key])]
    environment = {"PGPASSWORD": database["PASSWORD"]} if database.get("PASSWORD") else {}
    return arguments, environment


def _run(command, extra_environment):
    try:
        result = subprocess.run(  # noqa: S603 (the command is ours, its arguments come from the settings)
            command, capture_output=True, text=True, check=False, env={**os.environ, **extra_environment}
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (on Debian: apt-get install postgresql-client).") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(target):
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        with copy:
            connection.connection.backup(copy)
        copy.close()
    elif vendor == "postgresql":
        arguments, environment = _postgres_arguments()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *arguments], environment)
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")


def make_backup(directory):
    """Write a backup of this site into ``directory`` (created; it must be empty). Returns the manifest."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty; a backup goes into a new directory.")
    directory.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    _dump_database(directory / DUMPS[vendor])
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(directory / MEDIA, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
    call_command("export_framework", str(directory / FRAMEWORK), verbosity=0)
    files = sorted(path.name for path in directory.iterdir())
    manifest = {
        "format": FORMAT,
        "made": timezone.now().isoformat(timespec="seconds"),
        "database": vendor,
        "files": {name: checksum(directory / name) for name in files},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def read_manifest(directory):
    """The manifest of the backup in ``directory``, once every file in it is checked against its checksum."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(f"{directory} holds no {MANIFEST}: it is not a backup made by backup_site.") from error
    except ValueError as error:
        raise BackupError(f"{directory / MANIFEST} is not valid JSON: {error}") from error
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{directory / MANIFEST} is not a backup manifest of format {FORMAT}.")
    for name, expected in files.items():
        path = directory / name
        if not path.is_file():
            raise BackupError(f"{name} is listed in the manifest but missing from {directory}.")
        if checksum(path) != expected:
            raise BackupError(f"{name} does not match its checksum in the manifest: the backup is damaged.")
    return manifest


def restore_backup(directory):
    """Load the backup in ``directory`` into this site's database, which must be empty, and its media."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(f"The backup holds a {manifest['database']} database; this site runs on {vendor}.")
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables): restore into a new, empty database, so nothing of "
            "the site running now is mixed with the backup."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"{media_root} is not empty: restore the media into an empty directory.")
    dump = directory / DUMPS[vendor]
    if vendor == "sqlite":
        source = sqlite3.connect(dump)
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
    else:
        arguments, environment = _postgres_arguments()
        restore = ["pg_restore", "--no-owner", "--single-transaction", "--exit-on-error", *arguments, str(dump)]
        _run(restore, environment)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA, "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    # On SQLite the database cache has a file of its own, which the dump does not hold: make its table there.
    call_command("createcachetable", verbosity=0)
    # A shared cache (Redis) still holds what the site served before the restore; the restored pages start cold.
    for cache in caches.all():
        cache.clear()
    return manifest
