"""Models of the ground floor: the content versions that cached figures are keyed on."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A token that changes whenever a body of content changes, so that figures computed from that content
    can be cached under it. The token lives in the database: a write and its new token commit (or roll
    back) together, and every process sees them at once, whatever the cache backend."""

    key = models.CharField(max_length=40, unique=True)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        # Created by the hub app before the ground floor existed; the table kept its name when the model moved.
        db_table = "hub_contentversion"
        verbose_name = _("content version")

    def __str__(self):
        return f"{self.key}: {self.token}"

    @classmethod
    def current(cls, key):
        """The token for ``key`` as text (one query), or None before its content first changes."""
        token = cls.objects.filter(key=key).values_list("token", flat=True).first()
        return token and token.hex

    @classmethod
    def bump(cls, key):
        """Give ``key`` a new token (in the caller's transaction, if any)."""
        if not cls.objects.filter(key=key).update(token=uuid.uuid4()):
            cls.objects.get_or_create(key=key)
