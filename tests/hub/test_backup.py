"""Backup and restore (issue #16, point 9): a backup made by `backup_site` and loaded by `restore_site` into an empty
database gives back every page exactly as it was served, with its uploaded images; a damaged backup, or a database
that is not empty, is refused before anything changes.

The round trip runs real commands and real gunicorn servers on the database of the run: SQLite files, or two
throwaway PostgreSQL databases on the PostgreSQL leg."""

import json
import os
import re
import urllib.parse
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.servers import Browser, Server, manage, prepare_site, site_environment

ADD_AN_IMAGE = """
from io import BytesIO
from PIL import Image as Picture
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from resources.models import ResourcePage

buffer = BytesIO()
Picture.new("RGB", (64, 48), (51, 102, 204)).save(buffer, "PNG")
image = Image.objects.create(title="Backup test", file=ImageFile(buffer, name="backup-test.png"))
page = ResourcePage.objects.live().order_by("pk").first()
page.body_en = [("image", {"image": image, "alt_text": "A blue rectangle", "caption": "Kept by the backup"})]
page.save_revision().publish()
print(page.url_path)
"""
# What differs between two responses of one page by design: the CSP nonce and the CSRF token.
PER_RESPONSE = re.compile(r'(nonce|name="csrfmiddlewaretoken" value)="[^"]*"')
LOCATIONS = re.compile(r'(?:<loc>|href=")(http://[^<"]+)')


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else ""


@pytest.fixture
def databases(tmp_path):
    """Environments of a source site and of an empty one to restore into, on the run's kind of database."""
    base = postgres_url()
    if not base:
        yield [site_environment(tmp_path / f"{name}.sqlite3", MEDIA_ROOT=str(tmp_path / name)) for name in ("a", "b")]
        return
    import psycopg2

    names = [f"hub_backup_{name}_{uuid.uuid4().hex[:8]}" for name in ("a", "b")]
    server = base.rsplit("/", 1)[0]
    admin = psycopg2.connect(server + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [
            site_environment(tmp_path / "unused.sqlite3", DATABASE_URL=f"{server}/{name}", MEDIA_ROOT=str(tmp_path / n))
            for n, name in zip(("a", "b"), names, strict=True)
        ]
    finally:
        with admin.cursor() as cursor:
            for name in names:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def served_pages(env):
    """Every page the sitemap names, in every language, as the site serves it (per-response tokens removed)."""
    server = Server(env)
    try:
        browser = Browser()
        status, sitemap = browser.get(f"{server.url}/sitemap.xml")
        assert status == 200
        paths = sorted({urllib.parse.urlsplit(url).path for url in LOCATIONS.findall(sitemap)})
        pages = {}
        for path in paths:
            status, body = browser.get(server.url + path)
            # Absolute links name the server's port, which differs between the two servers (also URL-encoded,
            # in the oEmbed discovery link).
            body = body.replace(server.url, "http://hub").replace(urllib.parse.quote(server.url, safe=""), "hub")
            pages[path] = (status, PER_RESPONSE.sub(r'\1=""', body))
        return pages
    finally:
        server.stop()


def media_files(env):
    root = Path(env["MEDIA_ROOT"])
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_restored_backup_serves_every_page_as_the_original_did(databases, tmp_path):
    source, target = databases
    prepare_site(source)
    manage(source, "import_framework", "framework/data/framework.yaml", "-v", "0")
    manage(source, "load_demo_resources", "-v", "0")
    manage(source, "link_pathway_resources", "--skip-missing", "-v", "0")
    illustrated = manage(source, "shell", "-c", ADD_AN_IMAGE).strip().splitlines()[-1]
    before = served_pages(source)
    assert len(before) > 100
    assert all(status == 200 for status, _body in before.values())
    # A page's url_path starts with the home page's slug (/home/resources/…/); the site serves it under /en/.
    illustrated_path = "/en/" + illustrated.split("/", 2)[2]
    assert "A blue rectangle" in before[illustrated_path][1]

    manage(source, "backup_site", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert set(manifest["files"]) >= {"media.tar.gz", "framework.yaml"}

    manage(target, "restore_site", str(tmp_path / "backup"))
    assert media_files(target) == media_files(source)
    after = served_pages(target)
    assert after.keys() == before.keys()
    changed = [path for path in before if before[path] != after[path]]
    assert changed == []
    # The framework export in the backup is the file the restored site exports too.
    assert manage(target, "export_framework") == (tmp_path / "backup" / "framework.yaml").read_text()


# Transactional: SQLite's backup API waits for ever on a source that holds an open transaction, and a plain test
# runs inside one; a real site's requests never leave one open.
@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_or_a_database_in_use_is_refused(tmp_path, settings, home_page):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("backup_site", str(tmp_path / "backup"), verbosity=0)
    tables = len(connection.introspection.table_names())

    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore_site", str(tmp_path / "backup"), verbosity=0)

    framework_file = tmp_path / "backup" / "framework.yaml"
    framework_file.write_text(framework_file.read_text() + "# edited\n")
    with pytest.raises(CommandError, match="framework.yaml does not match its checksum"):
        call_command("restore_site", str(tmp_path / "backup"), verbosity=0)

    with pytest.raises(CommandError, match="not empty; a backup goes into a new directory"):
        call_command("backup_site", str(tmp_path / "backup"), verbosity=0)
    with pytest.raises(CommandError, match="holds no manifest.json"):
        call_command("restore_site", str(tmp_path), verbosity=0)
    assert len(connection.introspection.table_names()) == tables
    assert home_page.__class__.objects.get().pk == home_page.pk
