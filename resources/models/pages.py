"""The resource repository: one index page and a page per community guide."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.memo import memoised_for
from core.models import translation_origin_field, translation_sources_field
from core.search import TranslatedSearchField, autocomplete_fields, none_safe, translated_search_fields
from core.translations.forms import TranslatedPageForm, translation_panel

from ..blocks import ResourceBodyBlock
from ..choices import ResourceType

# The group that curates resources (created by migration 0003, with its other permissions).
CURATORS_GROUP = "Curators"
CURATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")

# A guide not reviewed for this long is flagged to readers and listed for curators.
REVIEW_INTERVAL = datetime.timedelta(days=548)  # about 18 months


class ResourceLanguage(models.Model):
    """A language a resource itself is available in (any language, not only the Hub's own)."""

    code = models.CharField(_("code"), max_length=16, unique=True, help_text=_("BCP 47 code, e.g. es, pt-BR."))
    name = models.CharField(_("name"), max_length=100, help_text=_("The language's name in that language."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("resource language")
        verbose_name_plural = _("resource languages")

    def __str__(self):
        return f"{self.name} ({self.code})"


class ResourceIndexPage(Page):
    """The one listing of every published resource, at /<lang>/resources/."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()

    content_panels = [*Page.content_panels, FieldPanel("intro"), translation_panel()]
    base_form_class = TranslatedPageForm
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1
    translated_fields = ("title", "intro")

    class Meta:
        verbose_name = _("resource index")

    def get_context(self, request, *args, **kwargs):
        """The filtered, sorted, paginated listing (built in resources/listing.py)."""
        from ..listing import remembered_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(remembered_listing_context(request, self))
        return context

    def grant_curators(self):
        """Give the Curators group add, edit and publish permission on this page and the resources below it."""
        from django.contrib.auth.models import Group, Permission
        from wagtail.models import GroupPagePermission

        group = Group.objects.filter(name=CURATORS_GROUP).first()
        if group is None:
            return
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=CURATOR_PAGE_PERMISSIONS
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=self, permission=permission)


class ResourceTag(TagBase):
    """A tag curators give guides. ``name`` is the tag as curators type it in the admin (English, unique, what
    taggit and Wagtail's tag autocomplete match on) and ``slug`` the stable key of links and filters; ``label`` is
    what readers see, one column per language (resources/translation.py), English filled from ``name``.

    Why not translate ``name`` itself: modeltranslation rewrites ``name`` lookups into the active language's column,
    so taggit's "find or create by name" (the admin's tag field, ``page.tags.add()``) would miss the English tag
    under another language and create a duplicate."""

    label = models.CharField(_("label"), max_length=100, blank=True, help_text=_("The tag as readers see it."))
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()

    translated_fields = ("label",)

    # The admin's tag screen: the English name and the slug stay what guides and links match on; the labels are
    # what translators write (wagtail-modeltranslation gives one box per language).
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("label")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def save(self, *args, **kwargs):
        # A tag typed in the admin has only its name: readers see that name until someone writes a label.
        if not getattr(self, "label_en", None):
            self.label_en = self.name
        super().save(*args, **kwargs)


class ResourcePageTag(TaggedItemBase):
    """Links a resource page to one of its tags (django-taggit through modelcluster)."""

    content_object = ParentalKey("resources.ResourcePage", related_name="tagged_items", on_delete=models.CASCADE)
    tag = models.ForeignKey(ResourceTag, related_name="tagged_resources", on_delete=models.CASCADE)


class ResourcePage(Page):
    """A community guide, course, toolkit or other learning resource, linked to the framework."""

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences, in our own words."))
    body = StreamField(ResourceBodyBlock(), blank=True, verbose_name=_("body"))
    resource_type = models.CharField(_("type"), max_length=32, choices=ResourceType.choices)
    external_url = models.URLField(
        _("external link"), max_length=500, blank=True, help_text=_("Where the guide lives, when it lives elsewhere.")
    )
    languages = ParentalManyToManyField(
        ResourceLanguage, blank=True, related_name="resources", verbose_name=_("available in")
    )
    estimated_time = models.CharField(_("estimated time"), max_length=100, blank=True)
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    maintainer = models.CharField(
        _("maintained by"),
        max_length=255,
        blank=True,
        help_text=_("Who keeps the guide up to date: a team, a community."),
    )
    levels = ParentalManyToManyField(
        "framework.EngagementLevel", blank=True, related_name="resources", verbose_name=_("engagement levels")
    )
    skills = ParentalManyToManyField("framework.Skill", blank=True, related_name="resources", verbose_name=_("skills"))
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True, verbose_name=_("tags"))
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    review_by = models.DateField(_("review by"), blank=True, null=True, help_text=_("Empty: 18 months after review."))
    licence = models.CharField(_("licence"), max_length=100, blank=True, default="CC BY-SA 4.0")
    curator_notes = models.TextField(_("curator notes"), blank=True, help_text=_("Where and how it was verified."))
    # Per guide, beside the site-wide switch (Settings → Hub settings): a curator holds back a flagship guide until
    # its translations are ready without holding back every guide (docs/translation.md).
    require_priority_languages = models.BooleanField(
        _("require the priority languages before publishing"),
        default=False,
        help_text=_(
            "Ticked: the guide is not published while its title, summary or another text readers see is missing "
            "in one of the site's priority languages (Settings → Hub settings). Drafts can still be saved."
        ),
    )
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("external_url"),
                FieldPanel("languages"),
                FieldPanel("estimated_time"),
                FieldPanel("audience"),
                FieldPanel("maintainer"),
                FieldPanel("licence"),
            ],
            heading=_("About the resource"),
        ),
        MultiFieldPanel([FieldPanel("levels"), FieldPanel("skills"), FieldPanel("tags")], heading=_("Framework")),
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed"),
                FieldPanel("review_by"),
                FieldPanel("curator_notes"),
                FieldPanel("require_priority_languages"),
            ],
            heading=_("Review"),
        ),
        translation_panel(),
    ]
    base_form_class = TranslatedPageForm
    search_fields = [
        *none_safe(Page.search_fields),
        *autocomplete_fields("title"),
        *translated_search_fields("summary"),
        TranslatedSearchField("audience"),
        index.FilterField("resource_type"),
        index.FilterField("last_reviewed"),
        index.RelatedFields("tags", translated_search_fields("label")),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    #: What readers see in their language: counted by the completeness line, and required in the priority
    #: languages before publishing when the guide or the site asks for it (core.translations.review).
    translated_fields = ("title", "summary", "body", "audience", "estimated_time")
    checks_priority_languages = True

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def get_context(self, request, *args, **kwargs):
        """What the resource page shows beyond its own fields (built in resources/queries.py)."""
        from ..queries import resource_page_context

        context = super().get_context(request, *args, **kwargs)
        # Kept per process and content version (core/memo.py); its links name the request's host.
        key = (self.pk, request.scheme, request.get_host())
        context.update(memoised_for(request, "resources:page", key, lambda: resource_page_context(request, self)))
        return context

    @property
    def review_due(self):
        """The date by which a curator should look at the guide again."""
        return self.review_by or (self.last_reviewed + REVIEW_INTERVAL)

    @property
    def needs_review(self):
        """True when the guide is past its review-by date."""
        return self.review_due < timezone.localdate()
