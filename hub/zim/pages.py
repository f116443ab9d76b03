"""The public pages of one language, as the paths a visitor would open, read from the database one row at a time
(``.iterator()``, only the slug or the path): however much content there is, nothing but the current path is
held while the pages are rendered.

The list is the sitemap's (hub/sitemaps.py) without the pages that need the server to answer a visitor (search,
the self-assessment, the suggestion and announcement forms) or that are files (calendars, the one-page pathway
download). Page 2 and onwards of a listing, and the archive of past opportunities, are found on the listings
themselves (``LISTING_PARAMETERS``).
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from framework.models import Activity, Behavior, EngagementLevel, Skill
from opportunities.models import MentorshipIndexPage, OpportunityIndexPage
from pathways.models import Role
from resources.models import ResourceIndexPage

from ..sitemaps import PUBLIC_PAGE_TYPES

# The Wagtail page types visitors read, as the sitemap lists them; the listings among them, whose other pages are
# reached by parameters.
PAGE_TYPES = PUBLIC_PAGE_TYPES
LISTING_TYPES = (ResourceIndexPage, OpportunityIndexPage, MentorshipIndexPage)
# The parameters of a listing that the archive holds a page for: the page number and the archive of past items.
# Any other (a filter, a search, a sort) needs the server, so a link that sets one leaves the archive.
LISTING_PARAMETERS = frozenset({"page", "show"})
FRAMEWORK_MODELS = (EngagementLevel, Skill, Behavior, Activity)
VIEW_NAMES = ("framework:matrix", "framework:about", "pathways:roles")


def _site_pages(types):
    """(url path, site root's url path) of the live, public pages of ``types`` under the default site's root."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    root = site.root_page
    rows = (
        Page.objects.descendant_of(root, inclusive=True)
        .live()
        .public()
        .type(*types)
        .order_by("path")
        .values_list("url_path", flat=True)
    )
    for url_path in rows.iterator():
        # Slugs are not translated: the path below the site root is the same in every language.
        yield reverse("wagtail_serve", args=[url_path[len(root.url_path) :]])


def page_urls(language):
    """Every public page of ``language`` as a path (``/ar/framework/``), one at a time, home page first."""
    with translation.override(language):
        yield from _site_pages(PAGE_TYPES[:1])
        for name in VIEW_NAMES:
            yield reverse(name)
        for model in FRAMEWORK_MODELS:
            for item in model.objects.only("pk", "slug").order_by("pk").iterator():
                yield item.get_absolute_url()
        for role in Role.objects.only("pk", "slug").order_by("pk").iterator():
            yield role.get_absolute_url()
        yield from _site_pages(PAGE_TYPES[1:])


def listing_urls(language):
    """The paths of the listings (resources, opportunities, mentorship) in ``language``."""
    with translation.override(language):
        return set(_site_pages(LISTING_TYPES))
