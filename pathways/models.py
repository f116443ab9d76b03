"""Movement roles and the ordered, suggested learning steps that lead into each of them."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.links import cached_reverse
from core.models import translation_origin_field, translation_sources_field
from core.search import autocomplete_fields, translated_search_fields
from core.translations.forms import TranslatedModelForm, translation_panel
from framework.choices import Provenance
from framework.models import Activity, Behavior, EngagementLevel, Skill, Source

from .choices import FeedbackKind, ProblemReason, RoleIcon


class ExternalLinkBlock(blocks.StructBlock):
    """A step's guide that lives elsewhere (a WikiLearn course, a Meta-Wiki page)."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("URL"))

    class Meta:
        icon = "link-external"
        label = _("External link")


class Role(index.Indexed, ClusterableModel):
    """A movement role a volunteer can grow into, from an entry level to a target level."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True, help_text=_("One line for lists and cards."))
    description = models.TextField(_("description"), blank=True)
    entry_level = models.ForeignKey(
        EngagementLevel, on_delete=models.PROTECT, related_name="entry_roles", verbose_name=_("entry level")
    )
    target_level = models.ForeignKey(
        EngagementLevel, on_delete=models.PROTECT, related_name="target_roles", verbose_name=_("target level")
    )
    icon = models.CharField(_("icon"), max_length=40, choices=RoleIcon.choices, default=RoleIcon.USER_GROUP)
    provenance = models.CharField(
        _("provenance"), max_length=20, choices=Provenance.choices, default=Provenance.RECONSTRUCTION
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="roles", verbose_name=_("sources"))
    translation_notes = models.JSONField(_("translation notes"), default=dict, blank=True)
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()
    position = models.PositiveIntegerField(_("position"), default=0)

    panels = [
        FieldPanel("slug"),
        FieldPanel("name"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("entry_level"), FieldPanel("target_level")], heading=_("Levels")),
        FieldPanel("icon"),
        MultiFieldPanel([FieldPanel("provenance"), FieldPanel("sources")], heading=_("Provenance")),
        FieldPanel("translation_notes"),
        InlinePanel("steps", label=_("Steps"), heading=_("Suggested steps")),
        translation_panel(),
    ]
    base_form_class = TranslatedModelForm
    search_fields = [
        *autocomplete_fields("name"),
        *translated_search_fields("summary"),
        *translated_search_fields("description"),
        # A role is found by what its steps ask ("welcome a newcomer" finds Mentor).
        index.RelatedFields("steps", [*translated_search_fields("title"), *translated_search_fields("description")]),
    ]
    translated_fields = ("name", "summary", "description")

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The role's pathway page in the active language."""
        return cached_reverse("pathways:role", slug=self.slug)

    @property
    def awaiting_review(self):
        """True for a reconstruction awaiting community review."""
        return self.provenance == Provenance.RECONSTRUCTION


class PathwayStep(Orderable, ClusterableModel):
    """One suggested step of a role's pathway: what to do at a level, what it builds, what helps."""

    role = ParentalKey(Role, on_delete=models.CASCADE, related_name="steps")
    # The step's identity in the data files: an import matches steps by key, so reordering them, or changing their
    # text, keeps the guides linked to them. Not in the admin form: save() names a step that has none.
    key = models.SlugField(
        _("key"),
        max_length=80,
        blank=True,
        help_text=_("Names the step in the data files; unique within the role."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    estimated_time = models.CharField(
        _("estimated time"), max_length=100, blank=True, help_text=_("For example: about 2 hours over a week.")
    )
    first_action = models.TextField(_("first action"), blank=True, help_text=_("One concrete thing to do first."))
    done_sign = models.TextField(
        _("sign it is done"),
        blank=True,
        help_text=_("Completes “You may already have done this if …”; leave empty when no sign fits."),
    )
    level = models.ForeignKey(
        EngagementLevel, on_delete=models.PROTECT, related_name="pathway_steps", verbose_name=_("level")
    )
    skills = ParentalManyToManyField(Skill, blank=True, related_name="pathway_steps", verbose_name=_("skills"))
    behaviors = ParentalManyToManyField(Behavior, blank=True, related_name="pathway_steps", verbose_name=_("behaviors"))
    activities = ParentalManyToManyField(
        Activity, blank=True, related_name="pathway_steps", verbose_name=_("activities")
    )
    resources = ParentalManyToManyField(
        "resources.ResourcePage", blank=True, related_name="pathway_steps", verbose_name=_("guides on the Hub")
    )
    links = StreamField([("link", ExternalLinkBlock())], blank=True, verbose_name=_("guides elsewhere"))
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("estimated_time"),
        FieldPanel("first_action"),
        FieldPanel("done_sign"),
        FieldPanel("level"),
        FieldPanel("skills"),
        FieldPanel("behaviors"),
        FieldPanel("activities"),
        FieldPanel("resources"),
        FieldPanel("links"),
    ]
    translated_fields = ("title", "description", "estimated_time", "first_action", "done_sign")

    class Meta(Orderable.Meta):
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        constraints = [models.UniqueConstraint(fields=["role", "key"], name="pathways_step_key_unique_in_role")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Save, naming the step (``step-N``) when it has no key yet (added in the admin or by a factory)."""
        if not self.key:
            self.key = self.free_key()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "key"}
        super().save(*args, **kwargs)

    def free_key(self):
        """``step-N`` not yet used in the role: N is the step's order when that is free, else the next free number
        after the role's step count, so that a new step never takes the name of one still in the role."""
        taken = set(PathwayStep.objects.filter(role_id=self.role_id).exclude(pk=self.pk).values_list("key", flat=True))
        number = self.sort_order if isinstance(self.sort_order, int) and self.sort_order > 0 else len(taken) + 1
        while f"step-{number}" in taken:
            number += 1
        return f"step-{number}"


# The longest note a reader may add to a report: enough for a sentence or two and a link, not for an essay.
FEEDBACK_TEXT_MAX_LENGTH = 1000


class Feedback(models.Model):
    """What one anonymous reader said about a guide's page or a pathway step: "it helped", "it did not", or a
    problem report, kept for curators. Here rather than in resources because it names steps as well as guides
    (docs/architecture.md: pathways is the lowest floor that sees both); a guide's page reads its own reports
    through the reverse relation ``feedback``."""

    resource = models.ForeignKey(
        "resources.ResourcePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("guide"),
    )
    step = models.ForeignKey(
        PathwayStep,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("pathway step"),
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("Language of the page the reader used."))
    kind = models.CharField(_("kind"), max_length=16, choices=FeedbackKind.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=ProblemReason.choices, blank=True)
    text = models.TextField(_("what the reader wrote"), max_length=FEEDBACK_TEXT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resource__isnull=False, step__isnull=True)
                | models.Q(resource__isnull=True, step__isnull=False),
                name="pathways_feedback_one_page",
            )
        ]
        indexes = [models.Index(fields=["resolved", "kind"], name="pathways_feedback_open")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page_title}"

    @property
    def page_title(self):
        """The guide's title, or the step's role and title."""
        if self.resource_id:
            return self.resource.title
        return f"{self.step.role.name} – {self.step.title}"

    page_title.fget.short_description = _("page")

    def page_url(self):
        """The public page the reader was on, in their language (the step's own place in its pathway)."""
        with translation.override(self.language or "en"):
            if self.resource_id:
                return self.resource.url
            return f"{self.step.role.get_absolute_url()}#step-{self.step_id}"
