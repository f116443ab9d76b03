"""A role's search entry holds its steps' titles and descriptions (``Role.search_fields``). Wagtail indexes a role
when the role is saved, which happens before its steps are (an admin form saves the role, then its inline steps;
the data-file import writes steps one by one), so every change to a step indexes its role again. At once, in the
writing transaction: the search index lives in the same database, and a rollback takes the entry back too."""

from django.db.models.signals import post_delete, post_save
from wagtail.search import index


def _reindex_role(sender, instance, **kwargs):
    from .models import Role

    role = Role.objects.filter(pk=instance.role_id).first()
    if role is not None:
        index.insert_or_update_object(role)


def connect():
    """Connect the receivers (from ``PathwaysConfig.ready()``)."""
    from .models import PathwayStep

    post_save.connect(_reindex_role, sender=PathwayStep, dispatch_uid="pathways-step-reindexes-role")
    post_delete.connect(_reindex_role, sender=PathwayStep, dispatch_uid="pathways-step-deleted-reindexes-role")
