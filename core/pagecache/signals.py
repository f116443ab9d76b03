"""What replaces the site-wide content version: every write to a model of the Hub's own apps (pages, snippets,
settings, whatever an app adds later), publishing, unpublishing, moving and deleting pages of any app, and the
few models of Wagtail and taggit that pages show.

The Hub's own apps are found, not listed: every installed app whose code lives in the project (not in
site-packages). A new app's models are covered the day it is added to INSTALLED_APPS. What a model must declare
instead is that no public page shows it (``PAGE_CACHE_IGNORED_MODELS``): rows written by visitors' forms, such as
suggestions, would otherwise let any visitor empty the cache. Writes that send no signal (``QuerySet.update()``,
``bulk_create``, raw SQL) are not seen; code that makes them calls :func:`core.pagecache.bump` itself.
"""

from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .versions import bump

# Models outside our apps whose rows public pages show.
SHOWN_THIRD_PARTY_MODELS = (
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
)

# What Wagtail writes on a page when an editor saves a draft or locks it: the live page does not change.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def project_apps():
    """Labels of the installed apps whose code is the project's own (under BASE_DIR, not in a virtualenv)."""
    base = Path(settings.BASE_DIR).resolve()
    labels = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            labels.add(config.label)
    return frozenset(labels)


@cache
def watched(model):
    """True when a write to ``model`` may change what a public page shows. Migrations' historical models are
    not: they write before the cache table exists, and a deployment replaces the version itself."""
    if model.__module__ == "__fake__":
        return False
    label = model._meta.label
    if label in settings.PAGE_CACHE_IGNORED_MODELS:
        return False
    concrete = model._meta.concrete_model or model
    return (
        issubclass(model, Page)
        or model._meta.app_label in project_apps()
        or concrete._meta.label in SHOWN_THIRD_PARTY_MODELS
    )


def saved(sender, instance, update_fields=None, using=None, **kwargs):
    """post_save: any watched row, except a page whose save only records a draft or a lock."""
    if not watched(sender):
        return
    if isinstance(instance, Page) and update_fields and frozenset(update_fields) <= DRAFT_FIELDS:
        return
    bump(using)


def deleted(sender, using=None, **kwargs):
    """post_delete of any watched row."""
    if watched(sender):
        bump(using)


def links_changed(sender, instance, action, using=None, **kwargs):
    """m2m_changed: the links of a watched model changed (after the change, not the notice before it)."""
    if action.startswith("post_") and (watched(sender) or watched(type(instance))):
        bump(using)


def page_changed(**kwargs):
    """page_published, page_unpublished, post_page_move: a page of any type changed for visitors."""
    bump()


def connect():
    """Connect the receivers to every sender (from ``CoreConfig.ready()``)."""
    post_save.connect(saved, dispatch_uid="pagecache-save")
    post_delete.connect(deleted, dispatch_uid="pagecache-delete")
    m2m_changed.connect(links_changed, dispatch_uid="pagecache-links")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"pagecache-{id(signal)}")
