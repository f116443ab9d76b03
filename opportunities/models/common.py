"""What both content types share: the texts, organiser, languages, region, the framework links they serve, and
the curators' marks; and their index pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.search import autocomplete_fields, none_safe, translated_search_fields

from ..choices import EventFormat, Region

INTRO_FEATURES = ["bold", "italic", "link"]


class HubIndexPage(Page):
    """An index of one content type, with its introduction; its listing is built in ``opportunities.listing``."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    max_count = 1
    translated_fields = ("title", "intro")

    class Meta:
        abstract = True


class ListedPage(Page):
    """An opportunity or a programme: what it is, who runs it, for whom, and how sure the Hub is of it."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences, in our own words."))
    description = models.TextField(_("description"), blank=True)
    event_format = models.CharField(_("format"), max_length=16, choices=EventFormat.choices, default=EventFormat.ONLINE)
    region = models.CharField(_("region"), max_length=16, choices=Region.choices, default=Region.GLOBAL)
    languages = ParentalManyToManyField(
        "resources.ResourceLanguage", blank=True, related_name="%(class)s_set", verbose_name=_("languages")
    )
    organiser_name = models.CharField(_("organiser"), max_length=200, help_text=_("An affiliate, group or team."))
    organiser_url = models.URLField(_("organiser's page"), max_length=500, blank=True)
    levels = ParentalManyToManyField(
        "framework.EngagementLevel", blank=True, related_name="%(class)s_set", verbose_name=_("engagement levels")
    )
    skills = ParentalManyToManyField(
        "framework.Skill", blank=True, related_name="%(class)s_set", verbose_name=_("skills")
    )
    roles = ParentalManyToManyField("pathways.Role", blank=True, related_name="%(class)s_set", verbose_name=_("roles"))
    dates_confirmed = models.BooleanField(
        _("dates confirmed"),
        default=False,
        help_text=_("Tick once the dates are checked with the organisers; until then readers are told so."),
    )
    translations_reviewed = models.BooleanField(
        _("translations reviewed"),
        default=False,
        help_text=_("Tick once the community has reviewed the translations made by the Hub team."),
    )

    search_fields = [
        *none_safe(Page.search_fields),
        *autocomplete_fields("title"),
        *translated_search_fields("summary"),
        index.SearchField("organiser_name"),
        index.FilterField("event_format"),
        index.FilterField("region"),
    ]
    subpage_types = []
    translated_fields = ("title", "summary", "description")

    class Meta:
        abstract = True

    @staticmethod
    def about_panels():
        """The panels every listed page starts with."""
        return [
            *Page.content_panels,
            FieldPanel("summary"),
            FieldPanel("description"),
            MultiFieldPanel(
                [FieldPanel("event_format"), FieldPanel("region"), FieldPanel("languages")],
                heading=_("Where and in which languages"),
            ),
            MultiFieldPanel([FieldPanel("organiser_name"), FieldPanel("organiser_url")], heading=_("Organiser")),
        ]

    @staticmethod
    def review_panels():
        """The curators' marks."""
        return [
            MultiFieldPanel([FieldPanel("dates_confirmed"), FieldPanel("translations_reviewed")], heading=_("Review"))
        ]

    @property
    def is_online(self):
        """True when people take part online (online or hybrid)."""
        return self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self):
        """True when people take part in one place (in person or hybrid)."""
        return self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID)
