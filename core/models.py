"""Models of the ground floor: the content versions that cached figures are keyed on, and the site's settings."""

import uuid

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def translation_origin_field():
    """The per-object record of who made each translation and whether it was reviewed (``core.i18n``):
    ``{lang: {field: {"origin": "team", "reviewed": false}}}``. Written by the data files; not in admin forms."""
    return models.JSONField(
        _("translation provenance"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Per language and field: who made the translation and whether it was reviewed."),
    )


def translation_sources_field():
    """Per language and field, the fingerprint of the English each translation was made from
    (``core.translations``): ``{lang: {field: "3f2a…"}}``. Kept up to date on save; not in admin forms."""
    return models.JSONField(
        _("translation sources"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Per language and field: a fingerprint of the English the translation was made from."),
    )


def _translated_languages():
    """The languages translated from English, named in the admin's language (choices of ``LanguageListField``)."""
    base = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [
        (code, get_language_info(code)["name_translated"])
        for code in settings.MODELTRANSLATION_LANGUAGES
        if code != base
    ]


class LanguageListField(models.JSONField):
    """A list of the Hub's translated languages (``["es", "ar"]``), edited as one checkbox per language."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            required=False,
            choices=_translated_languages,
            widget=forms.CheckboxSelectMultiple,
        )


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


DEFAULT_ATTRIBUTION = (
    "Based on the Wikimedia Foundation Community Development team's Movement Learning and Leadership Development "
    "Project and related Meta-Wiki material; compiled, translated and extended by Movement Learning Hub contributors."
)


@register_setting(icon="cog")
class HubSettings(BaseGenericSetting):
    """What the site says about itself and how it protects itself, edited in the admin (Settings → Hub): the
    licence and attribution of its content, the name it gives as an oEmbed provider, a contact address, the
    suggestion form's rate limit, and the priority languages guides may be required to be complete in."""

    licence_name = models.CharField(_("licence"), max_length=100, default="CC BY-SA 4.0")
    licence_url = models.URLField(
        _("licence address"), max_length=300, default="https://creativecommons.org/licenses/by-sa/4.0/"
    )
    # No default on a translated field: modeltranslation would copy it into every language's column, and English
    # would pass for a translation. The first settings row gets the English text (migration core.0003).
    attribution = models.TextField(
        _("attribution"),
        blank=True,
        help_text=_("Who the content comes from, as the bulk downloads credit it."),
    )
    source_project = models.CharField(
        _("source project"), max_length=200, default="Movement Learning and Leadership Development Project"
    )
    source_project_url = models.URLField(
        _("source project address"),
        max_length=300,
        default="https://meta.wikimedia.org/wiki/Movement_Learning_and_Leadership_Development_Project",
    )
    credit = models.CharField(
        _("credit line"),
        max_length=200,
        default="Movement Learning Hub contributors",
        help_text=_("How reusers should credit the data."),
    )
    provider_name = models.CharField(
        _("provider name"),
        max_length=100,
        default="Movement Learning Hub",
        help_text=_("The name other sites show for the Hub's embeds (oEmbed)."),
    )
    contact_email = models.EmailField(
        _("contact address"), blank=True, help_text=_("Where volunteers and reusers can write to the Hub's team.")
    )
    suggestion_limit = models.PositiveSmallIntegerField(
        _("suggestions per hour"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("How many suggestions one address may send in an hour."),
    )

    priority_languages = LanguageListField(
        _("priority languages"),
        default=list,
        blank=True,
        help_text=_("The languages a guide must be complete in before it is published, when that is required."),
    )
    require_priority_languages = models.BooleanField(
        _("require the priority languages before publishing any guide"),
        default=False,
        help_text=_(
            "Ticked: no guide is published while a text readers see is missing in a priority language. "
            "Unticked: only guides marked so on their own edit form are held back."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("licence_name"),
                FieldPanel("licence_url"),
                *(FieldPanel(f"attribution_{code}") for code in settings.MODELTRANSLATION_LANGUAGES),
                FieldPanel("source_project"),
                FieldPanel("source_project_url"),
                FieldPanel("credit"),
            ],
            heading=_("Licence and attribution"),
        ),
        FieldPanel("provider_name"),
        FieldPanel("contact_email"),
        FieldPanel("suggestion_limit"),
        MultiFieldPanel(
            [FieldPanel("priority_languages"), FieldPanel("require_priority_languages")],
            heading=_("Priority languages"),
        ),
    ]

    class Meta:
        verbose_name = _("Hub settings")

    @classmethod
    def current(cls):
        """The saved settings, or the defaults when nobody has saved any yet: unlike Wagtail's ``load()``, reading
        them never writes (an anonymous request must not)."""
        return cls.objects.first() or cls(attribution_en=DEFAULT_ATTRIBUTION)

    def priority_language_codes(self):
        """The priority languages that are still translated languages of the site, in the site's order."""
        chosen = set(self.priority_languages or ())
        return [code for code, _name in _translated_languages() if code in chosen]

    def attribution_in(self, lang):
        """The attribution in ``lang``, else in English, else the Hub's original wording."""
        return getattr(self, f"attribution_{lang}", None) or self.attribution_en or DEFAULT_ATTRIBUTION


class TranslationRequest(models.Model):
    """How many readers asked for a page in a language ("Request this in my language"): a count per page and
    language, nothing about who asked (issue #12). Pages are named by their path without the language prefix."""

    path = models.CharField(_("page"), max_length=255)
    language = models.CharField(_("language"), max_length=8)
    count = models.PositiveIntegerField(_("requests"), default=0)
    updated_at = models.DateTimeField(_("last request"), auto_now=True)

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        constraints = [models.UniqueConstraint(fields=["path", "language"], name="core_translation_request_unique")]

    def __str__(self):
        return f"{self.path} ({self.language}): {self.count}"
