"""Give the resource listing a new content version whenever a write can change its facet counts.

The listing caches how many resources each facet option would give (see ``listing.py``) under the current
version of ``LISTING_CONTENT``. Any write that can change which resources are listed, or under which
values, gives that content a new version in the same transaction: publishing, unpublishing, moving or
deleting a resource, changing its links or tags, a view restriction, or a level, skill, tag or language
itself. Writes that bypass model signals (``QuerySet.update()``, raw SQL) are not seen: the cached
counts then last until they expire (``listing.COUNTS_CACHE_SECONDS``).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from core.models import ContentVersion
from framework.models import EngagementLevel, Skill

from .models import ResourceLanguage, ResourcePage, ResourcePageTag, ResourceTag

LISTING_CONTENT = "resources"


def listing_changed(**kwargs):
    """Signal receiver: the listing's figures may have changed."""
    ContentVersion.bump(LISTING_CONTENT)


def links_changed(action, **kwargs):
    """m2m_changed receiver: only the changes themselves matter, not the notices sent before them."""
    if action.startswith("post_"):
        ContentVersion.bump(LISTING_CONTENT)


def connect():
    """Connect the receivers (from the app's ``ready()``)."""
    for model in (
        ResourcePage,
        ResourcePageTag,
        EngagementLevel,
        Skill,
        ResourceTag,
        ResourceLanguage,
        PageViewRestriction,
    ):
        post_save.connect(listing_changed, sender=model, dispatch_uid=f"listing-save-{model._meta.label}")
        post_delete.connect(listing_changed, sender=model, dispatch_uid=f"listing-delete-{model._meta.label}")
    for field in ("levels", "skills", "languages"):
        through = getattr(ResourcePage, field).through
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"listing-links-{field}")
    post_page_move.connect(listing_changed, dispatch_uid="listing-page-move")
