"""The packs on disk and whether they are out of date.

Each pack has a small JSON file beside it (``movement-learning-hub_ar.json``) that records when it was built and
the content version it was built from: a ``core.models.ContentVersion`` row, replaced by the receivers below on
every write that a public page may show (the page cache's own rule, ``core.pagecache.signals.watched``: pages
published, unpublished or moved, data-file imports, snippets, settings). A pack whose recorded version is not the
current one is out of date. The version lives in the database, not in the cache like the page cache's, so that a
cache restart does not mark every pack out of date, and a rolled-back write does not either.
"""

import datetime
import json
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.models import ContentVersion
from core.pagecache.signals import DRAFT_FIELDS, watched

VERSION_KEY = "offline-packs"
LANGUAGES = ("en", "es", "fr", "ar")


def file_name(language):
    """The pack's file name."""
    return f"movement-learning-hub_{language}.zim"


def folder():
    """Where ``build_zim`` writes by default and the downloads page looks (``ZIM_ROOT``)."""
    return Path(settings.ZIM_ROOT)


def content_version():
    """The current content version of the packs ('' before the first change is recorded)."""
    return ContentVersion.current(VERSION_KEY) or ""


def record(path, language, version):
    """Write the record of the pack just built at ``path`` (atomically, like the pack)."""
    record_path = path.with_suffix(".json")
    partial = record_path.with_name(f".{record_path.name}.partial")
    built = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    partial.write_text(json.dumps({"language": language, "content_version": version, "built_at": built}))
    os.replace(partial, record_path)


def available(root=None):
    """The packs that exist, in the site's language order: dicts of language, file name, size in bytes, built
    (an aware datetime) and out_of_date."""
    root = Path(root) if root else folder()
    current = None
    found = []
    for language in LANGUAGES:
        path = root / file_name(language)
        if not path.is_file():
            continue
        try:
            recorded = json.loads(path.with_suffix(".json").read_text())
        except (OSError, ValueError):
            recorded = {}
        if current is None:
            current = content_version()
        built = recorded.get("built_at")
        found.append(
            {
                "language": language,
                "name": path.name,
                "size": path.stat().st_size,
                "built": datetime.datetime.fromisoformat(built) if built else None,
                "out_of_date": recorded.get("content_version") != current,
            }
        )
    return found


def _replaced():
    """Marks, in a transaction's commit callbacks, that the version was already replaced in it."""


def content_changed(using=None):
    """Replace the packs' content version, once per transaction (in it, so a rollback undoes it too)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        if any(entry[1] is _replaced for entry in connection.run_on_commit):
            return
        transaction.on_commit(_replaced, using=using)
    ContentVersion.bump(VERSION_KEY)


def _saved(sender, instance, using=None, update_fields=None, **kwargs):
    # A page saved as a draft or locked does not change what the packs hold.
    if isinstance(instance, Page) and update_fields and frozenset(update_fields) <= DRAFT_FIELDS:
        return
    if watched(sender):
        content_changed(using)


def _deleted(sender, using=None, **kwargs):
    if watched(sender):
        content_changed(using)


def _links(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_") and (watched(sender) or watched(type(instance))):
        content_changed(using)


def _page_changed(**kwargs):
    content_changed()


def connect():
    """Connect the receivers (from ``HubConfig.ready()``)."""
    post_save.connect(_saved, dispatch_uid="zim-packs-save")
    post_delete.connect(_deleted, dispatch_uid="zim-packs-delete")
    m2m_changed.connect(_links, dispatch_uid="zim-packs-links")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"zim-packs-{id(signal)}")
