"""Movement roles and the ordered, suggested learning steps that lead into each of them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import translation_origin_field
from core.search import autocomplete_fields, translated_search_fields
from framework.choices import Provenance
from framework.models import Activity, Behavior, EngagementLevel, Skill, Source

from .choices import RoleIcon


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
    ]
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
        return reverse("pathways:role", kwargs={"slug": self.slug})

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

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("level"),
        FieldPanel("skills"),
        FieldPanel("behaviors"),
        FieldPanel("activities"),
        FieldPanel("resources"),
        FieldPanel("links"),
    ]
    translated_fields = ("title", "description")

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
