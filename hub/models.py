"""The site's home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.i18n import translation_status
from core.memo import memoised, memoised_for
from core.models import translation_origin_field, translation_sources_field
from core.translations.forms import TranslatedPageForm, translation_panel
from framework.queries import levels
from pathways.models import Role
from resources.models import ResourcePage

# Rich text stays within Wagtail's sanitised features: no raw HTML anywhere on the site.
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


FEATURED_COUNT = 3


def roles():
    """Every role for the home page's cards, with the levels its pathway spans (one query)."""
    return list(Role.objects.select_related("entry_level", "target_level"))


def featured_resources(first_levels):
    """A few live guides for newcomers: the most recently reviewed ones linked to the first level."""
    resources = ResourcePage.objects.live().order_by("-last_reviewed", "pk")
    if first_levels:
        resources = resources.filter(levels=first_levels[0])
    return list(resources[:FEATURED_COUNT])


def _home_content():
    """The home page's levels, featured guides and roles."""
    first = list(levels())
    return first, featured_resources(first[:1]), roles()


class HomePage(Page):
    """The site's root page: what the Hub is, and where a volunteer can start."""

    lead = models.CharField(
        _("lead"),
        max_length=300,
        blank=True,
        help_text=_("One sentence under the title that says what the Hub is for."),
    )
    intro = RichTextField(
        _("introduction"), features=INTRO_FEATURES, blank=True, help_text=_("A short paragraph for new visitors.")
    )
    translation_origin = translation_origin_field()
    translation_sources = translation_sources_field()

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("intro"), translation_panel()]
    base_form_class = TranslatedPageForm

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    translated_fields = ("title", "lead", "intro")

    def get_context(self, request, *args, **kwargs):
        """Add the levels, the roles, a few guides, and how complete the page's translation is."""
        context = super().get_context(request, *args, **kwargs)
        # Kept per process and content version (core/memo.py).
        context["levels"], context["featured_resources"], context["roles"] = memoised(
            "hub:home", self.pk, _home_content
        )
        context["translation"] = memoised_for(
            request,
            "hub:home-status",
            self.pk,
            lambda: translation_status([self, *context["levels"], *context["roles"], *context["featured_resources"]]),
        )
        return context
