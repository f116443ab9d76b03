"""The Learning and Leadership Development Framework: engagement levels and, for each level, the
skills, behaviors and activities it suggests, with the sources every item rests on."""

from urllib.parse import unquote, urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.links import cached_reverse
from core.models import translation_origin_field, translation_sources_field
from core.search import TranslatedSearchField, autocomplete_fields, translated_search_fields
from core.translations.forms import TranslatedModelForm, translation_panel

from .choices import PROVENANCE_STRENGTH, Provenance, SkillCategory

# How a level's parts are named when their provenance differs (EngagementLevel.provenance_detail).
PROVENANCE_PART_LABELS = {"name": _("Name"), "order": _("Place in the sequence"), "description": _("Description")}


class Source(index.Indexed, models.Model):
    """A public page or repository that framework items cite."""

    key = models.SlugField(_("key"), max_length=64, unique=True, help_text=_("Short identifier used in the data file."))
    title = models.CharField(_("title"), max_length=255, blank=True)
    url = models.URLField(_("URL"), max_length=500)
    seen_as = models.URLField(
        _("seen as"), max_length=500, blank=True, help_text=_("The address actually read, when it differs.")
    )
    note = models.TextField(_("note"), blank=True)
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)

    panels = [
        FieldPanel("key"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("seen_as"),
        FieldPanel("note"),
        translation_panel(),
    ]
    base_form_class = TranslatedModelForm
    search_fields = [index.SearchField("key"), *autocomplete_fields("title"), index.SearchField("url")]
    translated_fields = ("title", "note")

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        """The title, or a readable name made from the URL when no title was recorded."""
        if self.title:
            return self.title
        parts = urlsplit(self.url)
        path = unquote(parts.path).rstrip("/")
        if "/wiki/" in path:
            return path.split("/wiki/", 1)[1].replace("_", " ")
        return f"{parts.netloc}{path}"


class FrameworkItem(index.Indexed, models.Model):
    """What every item of the framework has: a stable slug, a translated name and description,
    its provenance and its sources, and translators' notes from the data file."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=20, choices=Provenance.choices, default=Provenance.RECONSTRUCTION
    )
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"), related_name="+")
    translation_notes = models.JSONField(
        _("translation notes"),
        default=dict,
        blank=True,
        help_text=_('Per language, e.g. {"es": {"uncertain": true, "note": "…"}}: wording a reviewer should check.'),
    )
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order within its list."))

    translated_fields = ("name", "description")
    base_form_class = TranslatedModelForm
    search_fields = [
        *autocomplete_fields("name"),
        TranslatedSearchField("name", boost=3),
        *translated_search_fields("description"),
        index.SearchField("slug"),
    ]

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The item's public page in the active language."""
        return cached_reverse(self.url_name, slug=self.slug)

    @property
    def awaiting_review(self):
        """True for a reconstruction: our proposal, not yet confirmed by the community."""
        return self.provenance == Provenance.RECONSTRUCTION


class EngagementLevel(FrameworkItem):
    """An ordered stage of a volunteer's journey (Fundamental → Emerging → Expanding → Elevated)."""

    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    short_description = models.TextField(_("short description"), blank=True)
    provenance_detail = models.JSONField(
        _("provenance by field"),
        default=dict,
        blank=True,
        help_text=_('When parts differ, e.g. {"name": "source", "description": "reconstruction"}.'),
    )
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"), related_name="levels")

    url_name = "framework:level"
    translated_fields = ("name", "short_description", "description")
    search_fields = [*FrameworkItem.search_fields, *translated_search_fields("short_description")]

    panels = [
        FieldPanel("slug"),
        FieldPanel("order"),
        FieldPanel("name"),
        FieldPanel("short_description"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("provenance"), FieldPanel("provenance_detail"), FieldPanel("sources")],
            heading=_("Provenance"),
        ),
        FieldPanel("translation_notes"),
        translation_panel(),
    ]

    class Meta:
        ordering = ["order"]
        verbose_name = _("engagement level")
        verbose_name_plural = _("engagement levels")

    def save(self, *args, **kwargs):
        """Keep the overall provenance the weakest of the per-field ones."""
        if self.provenance_detail:
            self.provenance = min(self.provenance_detail.values(), key=lambda value: PROVENANCE_STRENGTH[value])
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Levels live at /<lang>/framework/<level>/."""
        return cached_reverse("framework:level", level=self.slug)

    @property
    def provenance_parts(self):
        """(part, provenance label) pairs when the level's parts come from different places."""
        return [
            (PROVENANCE_PART_LABELS.get(part, part), Provenance(value).label)
            for part, value in self.provenance_detail.items()
            if value in Provenance.values
        ]


class Skill(FrameworkItem):
    """Something a volunteer can learn to do, suggested at one or more levels."""

    category = models.CharField(_("category"), max_length=32, choices=SkillCategory.choices)
    levels = models.ManyToManyField(EngagementLevel, related_name="skills", verbose_name=_("levels"))
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"), related_name="skills")

    url_name = "framework:skill"

    panels = [
        FieldPanel("slug"),
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("levels"),
        MultiFieldPanel([FieldPanel("provenance"), FieldPanel("sources")], heading=_("Provenance")),
        FieldPanel("translation_notes"),
        translation_panel(),
    ]

    class Meta(FrameworkItem.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class Behavior(FrameworkItem):
    """A way of acting that the framework hopes to see at one or more levels."""

    levels = models.ManyToManyField(EngagementLevel, related_name="behaviors", verbose_name=_("levels"))
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"), related_name="behaviors")

    url_name = "framework:behavior"

    panels = [
        FieldPanel("slug"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("levels"),
        MultiFieldPanel([FieldPanel("provenance"), FieldPanel("sources")], heading=_("Provenance")),
        FieldPanel("translation_notes"),
        translation_panel(),
    ]

    class Meta(FrameworkItem.Meta):
        verbose_name = _("behavior")
        verbose_name_plural = _("behaviors")


class Activity(FrameworkItem):
    """Something to do that builds skills at one or more levels."""

    levels = models.ManyToManyField(EngagementLevel, related_name="activities", verbose_name=_("levels"))
    skills = models.ManyToManyField(Skill, blank=True, related_name="activities", verbose_name=_("skills built"))
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"), related_name="activities")

    url_name = "framework:activity"

    panels = [
        FieldPanel("slug"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("levels"),
        FieldPanel("skills"),
        MultiFieldPanel([FieldPanel("provenance"), FieldPanel("sources")], heading=_("Provenance")),
        FieldPanel("translation_notes"),
        translation_panel(),
    ]

    class Meta(FrameworkItem.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")


class FrameworkInfo(models.Model):
    """The data file's context sections (meta, movement supports, barriers, related taxonomies),
    kept whole for the About page and written back by the export."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    data = models.JSONField(_("data"), default=dict)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("framework context section")
        verbose_name_plural = _("framework context sections")

    def __str__(self):
        return self.key
