"""No anonymous GET writes to the database (docs/architecture.md; issue #15): every public page the sitemap lists,
in every language, every embed card, every public URL pattern without parameters, and the pages of the forms,
each visited with every cache empty, run no INSERT, UPDATE or DELETE. The sweep must reach every URL pattern
under the language prefix, so a page added later is swept too, or this test names it."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from tests.queries import cold_queries, writes

# Every test here runs on the shipped content, loaded once for the module (tests/conftest.py): whatever
# order the tests run in, they all find the same database.
pytestmark = pytest.mark.usefixtures("shipped_site")

# Wagtail's helpers for restricted pages under the prefix: a password form's POST target and a redirect to the
# admin's login, not pages anyone reads.
# The feedback form's and "Request this in my language"'s POST targets (pathways/feedback.py,
# hub/translation_requests.py) are not pages either: a GET gets 405.
NOT_PAGES = {"wagtailcore_authenticate_with_password", "wagtailcore_login", "feedback", "translation-request"}
# Visited with parameters too: the listing filtered and searched, the search page, the self-assessment answered.
WITH_PARAMETERS = [
    "/es/resources/?type=guide&level=emerging&q=wiki&sort=newest&page=2",
    "/fr/search/?q=wiki",
    "/ar/pathways/?level=expanding",
    "/en/pathways/start/?edited=few",
    "/en/resources/suggest/?sent=1",
    "/ar/opportunities/?format=online&lang=ar&month=2027-03",
    "/fr/mentorship/?show=archive",
    "/es/opportunities/feed.ics?format=online&skill=event-organizing",
    "/en/opportunities/announce/",
    "/en/opportunities/announce/?sent=1",
]


@pytest.fixture
def shipped_content(shipped_site, home_page):
    """The framework data file, the demo resources and opportunities, as `make setup` loads them (loaded once
    for the module, tests/conftest.py)."""


def language_patterns():
    """The view names of every named URL pattern under the language prefix."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and top.pattern.__class__.__name__ == "LocalePrefixPattern":
            walk(top.url_patterns, "")
    return names


def swept_urls(client):
    """Every page of the sitemap (each language's URL), the embed cards, and the fixed list above."""
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = {re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r'href="([^"]+)"', sitemap)}
    urls |= {re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    from embeds.registry import registry

    for entry in registry:
        for obj in entry.objects()[:2]:
            urls.add(f"/es/embed/{entry.name}/{obj.slug}/")
    from pathways.models import Role

    first_role = Role.objects.order_by("position").first().slug
    urls.add(f"/ar/pathways/{first_role}/offline/")
    urls.add(f"/ar/pathways/{first_role}/pathway.pdf")
    from opportunities.models import OpportunityPage

    urls.add(f"/fr/opportunities/{OpportunityPage.objects.live().order_by('pk').first().slug}/calendar.ics")
    urls |= {"/en/resources/suggest/", "/en/search/", "/en/pathways/start/", *WITH_PARAMETERS}
    return sorted(urls)


def test_no_anonymous_get_of_a_public_page_writes_to_the_database(client, shipped_content):
    urls = swept_urls(client)
    reached = set()
    for url in urls:
        path = url.split("?", 1)[0]
        with translation.override(path.split("/")[1]):
            reached.add(resolve(path).view_name)
        response, queries = cold_queries(client, url)
        assert writes(queries) == [], url
        assert response.status_code == 200, url
    missing = language_patterns() - reached - NOT_PAGES
    assert not missing, f"public URL patterns the sweep does not reach (add a URL to WITH_PARAMETERS): {missing}"
    assert len(urls) > 100
