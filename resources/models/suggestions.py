"""Resources suggested by visitors, kept for curators (nothing is published without one)."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from ..choices import OTHER_LANGUAGE, SuggestionStatus


class ResourceSuggestion(models.Model):
    """A guide a visitor thinks the Hub should list."""

    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("URL"), max_length=500)
    description = models.TextField(_("description"), max_length=2000)
    language = models.CharField(_("language of the resource"), max_length=16)
    level = models.ForeignKey(
        "framework.EngagementLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("engagement level"),
    )
    contact = models.CharField(_("contact (optional)"), max_length=255, blank=True)
    submitted_in = models.CharField(_("submitted in"), max_length=8, help_text=_("Language of the form used."))
    status = models.CharField(
        _("status"), max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    draft = models.ForeignKey(
        "resources.ResourcePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("draft made from it"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("resource suggestion")
        verbose_name_plural = _("resource suggestions")

    def __str__(self):
        return self.title

    @property
    def language_name(self):
        """The resource's language named in the curator's language ("another language" for the form's
        "other" choice; the code itself when Django does not know it)."""
        if self.language == OTHER_LANGUAGE:
            return _("another language")
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    language_name.fget.short_description = _("language of the resource")
