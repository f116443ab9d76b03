"""Site-wide page types, and the content versions that cached figures are keyed on."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.i18n import translation_status

# Rich text stays within Wagtail's sanitised features: no raw HTML anywhere on the site.
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


FEATURED_COUNT = 3


def roles():
    """Every role for the home page's cards, with the levels its pathway spans (one query)."""
    from pathways.models import Role

    return list(Role.objects.select_related("entry_level", "target_level"))


def featured_resources(first_levels):
    """A few live guides for newcomers: the most recently reviewed ones linked to the first level."""
    from resources.models import ResourcePage

    resources = ResourcePage.objects.live().order_by("-last_reviewed", "pk")
    if first_levels:
        resources = resources.filter(levels=first_levels[0])
    return list(resources[:FEATURED_COUNT])


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

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    translated_fields = ("title", "lead", "intro")

    def get_context(self, request, *args, **kwargs):
        """Add the levels, the roles, a few guides, and how complete the page's translation is."""
        from framework.queries import levels

        context = super().get_context(request, *args, **kwargs)
        context["levels"] = list(levels())
        context["featured_resources"] = featured_resources(context["levels"][:1])
        context["roles"] = roles()
        context["translation"] = translation_status(
            [self, *context["levels"], *context["roles"], *context["featured_resources"]]
        )
        return context


class ContentVersion(models.Model):
    """A token that changes whenever a body of content changes, so that figures computed from that content
    can be cached under it. The token lives in the database: a write and its new token commit (or roll
    back) together, and every process sees them at once, whatever the cache backend."""

    key = models.CharField(max_length=40, unique=True)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
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
