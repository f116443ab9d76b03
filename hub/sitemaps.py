"""The sitemap: every public page once per language, each entry listing its translations (``hreflang``
alternates and an English ``x-default``), so search engines index the right language for each reader.

Pages that ask not to be indexed (search, the suggestion form) are left out. Each section reads its
items in a fixed number of queries, however much content there is.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import reverse
from wagtail.models import Page, Site

from framework.models import Activity, Behavior, EngagementLevel, Skill
from opportunities.models import MentorshipIndexPage, MentorshipPage, OpportunityIndexPage, OpportunityPage
from pathways.models import Role
from resources.models import ResourceIndexPage, ResourcePage

from .models import HomePage

# The Wagtail page types visitors read: what the sitemap lists and what an offline pack holds (hub/zim/).
PUBLIC_PAGE_TYPES = (
    HomePage,
    ResourceIndexPage,
    ResourcePage,
    OpportunityIndexPage,
    OpportunityPage,
    MentorshipIndexPage,
    MentorshipPage,
)


class HubSitemap(Sitemap):
    """One entry per item and language, with every language's URL as an alternate."""

    i18n = True
    alternates = True

    def get_urls(self, *args, **kwargs):
        """Django's own ``x_default`` strips the language prefix, which here only redirects by the
        visitor's language; the x-default is the English page, as the pages' own ``hreflang`` links say."""
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            english = next(alt["location"] for alt in url["alternates"] if alt["lang_code"] == settings.LANGUAGE_CODE)
            url["alternates"].append({"lang_code": "x-default", "location": english})
        return urls


class WagtailPagesSitemap(HubSitemap):
    """The home page, the resource listing and every live, public resource page of the default site, and the
    opportunities and mentorship listings with their pages."""

    def items(self):
        """Live public pages of the public types, parents before children; the site root is resolved once."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return []
        root = site.root_page
        pages = list(
            Page.objects.descendant_of(root, inclusive=True).live().public().type(*PUBLIC_PAGE_TYPES).order_by("path")
        )
        # The path below the site root; slugs are not translated, so only the language prefix varies.
        for page in pages:
            page.hub_relative_path = page.url_path[len(root.url_path) :]
        return pages

    def location(self, page):
        """The page's path in the active language (the sitemap framework sets it per entry)."""
        return reverse("wagtail_serve", args=[page.hub_relative_path])

    def lastmod(self, page):
        """When the page was last published."""
        return page.last_published_at


class ViewsSitemap(HubSitemap):
    """The framework and pathways pages that are views, not Wagtail pages."""

    def items(self):
        """URL names of the indexable pages without a model behind them."""
        return ["framework:matrix", "framework:about", "pathways:roles", "pathways:start", "downloads"]

    def location(self, name):
        """The page's path in the active language."""
        return reverse(name)


class FrameworkSitemap(HubSitemap):
    """Every engagement level, skill, behavior and activity: one query per kind."""

    def items(self):
        """All framework items, levels first."""
        return [*EngagementLevel.objects.all(), *Skill.objects.all(), *Behavior.objects.all(), *Activity.objects.all()]

    def location(self, item):
        """The item's page in the active language."""
        return item.get_absolute_url()


class RolesSitemap(HubSitemap):
    """Every role's pathway page."""

    def items(self):
        """All roles, in their display order."""
        return list(Role.objects.all())

    def location(self, role):
        """The pathway page in the active language."""
        return role.get_absolute_url()


# Classes, not instances: each request builds fresh sections, so nothing read is kept between requests.
sitemaps = {
    "pages": WagtailPagesSitemap,
    "views": ViewsSitemap,
    "framework": FrameworkSitemap,
    "roles": RolesSitemap,
}


def sitemap(request):
    """/sitemap.xml: every section in one document (the site is far below the 50,000-URL limit)."""
    return sitemap_view(request, sitemaps)
