"""A guide's search entry holds its tags' labels in every language. Wagtail indexes a page on its post_save, which
comes before modelcluster writes the page's tag rows, so without this a tag added in the admin or by an import
reached the index only at the page's next save (issue #11: "grants" found fewer guides than "grant"). Every written
or removed tag row indexes its guide again, at once, in the writing transaction, as ``pathways/search.py`` does for
steps; and a tag whose labels change (a new translation) indexes again every guide that carries it, so a search in
that language finds them."""

from django.db.models.signals import post_delete, post_save
from wagtail.search import index


def _reindex_guide(sender, instance, **kwargs):
    from .models import ResourcePage

    guide = ResourcePage.objects.filter(pk=instance.content_object_id).first()
    if guide is not None:
        index.insert_or_update_object(guide)


def _reindex_tagged_guides(sender, instance, created=False, raw=False, **kwargs):
    from .models import ResourcePage

    if created or raw:
        # A new tag is on no guide yet; its links index the guides when they are written.
        return
    for guide in ResourcePage.objects.filter(tagged_items__tag=instance).distinct():
        index.insert_or_update_object(guide)


def connect():
    """Connect the receivers (from ``ResourcesConfig.ready()``)."""
    from .models import ResourcePageTag, ResourceTag

    post_save.connect(_reindex_guide, sender=ResourcePageTag, dispatch_uid="resources-tag-reindexes-guide")
    post_delete.connect(_reindex_guide, sender=ResourcePageTag, dispatch_uid="resources-tag-removed-reindexes-guide")
    post_save.connect(_reindex_tagged_guides, sender=ResourceTag, dispatch_uid="resources-tag-label-reindexes-guides")
