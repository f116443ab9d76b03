"""Finding the site's pages without naming the page types of the apps above (the home page is the top floor's)."""

from wagtail.models import Site


def site_root():
    """The root page of the default site (the home page), as its specific type; None before the site is set up."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None
