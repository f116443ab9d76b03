"""/sitemap.xml lists every public page in every language, each with its translations as alternates,
and costs the same number of queries however much content there is."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory
from pathways.factories import RoleFactory
from resources.factories import ResourcePageFactory
from tests.queries import clear_caches, warm_content_types

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ["en", "es", "fr", "ar"]
BASE = "http://testserver"


def read_sitemap(client):
    """``{loc: {"lastmod": …, "alternates": {hreflang: href}}}`` from /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response, in a test)
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in entries, f"{loc} is listed twice"
        entries[loc] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)},
        }
    return entries


def build_content(size):
    """``size`` of each kind of framework item, role and resource, all linked to a level."""
    level = EngagementLevelFactory()
    for _ in range(size):
        SkillFactory(levels=[level])
        BehaviorFactory(levels=[level])
        ActivityFactory(levels=[level])
        RoleFactory(entry_level=level)
        ResourcePageFactory(levels=[level])


def assert_listed_in_every_language(entries, path):
    for lang in LANGUAGES:
        loc = f"{BASE}/{lang}{path}"
        assert loc in entries, f"{loc} is missing"
        expected = {code: f"{BASE}/{code}{path}" for code in LANGUAGES}
        expected["x-default"] = f"{BASE}/en{path}"
        assert entries[loc]["alternates"] == expected, loc


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_every_language(client, home_page):
    level = EngagementLevelFactory(slug="newcomer")
    skill = SkillFactory(slug="listening", levels=[level])
    behavior = BehaviorFactory(slug="asks-for-help", levels=[level])
    activity = ActivityFactory(slug="edit-a-thon", levels=[level])
    role = RoleFactory(slug="mentor", entry_level=level)
    resource = ResourcePageFactory(slug="welcome-guide")
    entries = read_sitemap(client)
    for path in [
        "/",
        "/framework/",
        "/framework/about/",
        "/framework/newcomer/",
        f"/framework/skills/{skill.slug}/",
        f"/framework/behaviors/{behavior.slug}/",
        f"/framework/activities/{activity.slug}/",
        "/pathways/",
        "/pathways/start/",
        f"/pathways/{role.slug}/",
        "/resources/",
        f"/resources/{resource.slug}/",
    ]:
        assert_listed_in_every_language(entries, path)


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_unindexed_pages(client, home_page):
    ResourcePageFactory(slug="published-guide")
    ResourcePageFactory(slug="draft-guide", live=False)
    locs = set(read_sitemap(client))
    assert f"{BASE}/es/resources/published-guide/" in locs
    assert not any("draft-guide" in loc for loc in locs)
    # Search results and the suggestion form carry noindex.
    assert not any("/search/" in loc or "/suggest/" in loc for loc in locs)
    assert not any("/embed/" in loc for loc in locs)


@pytest.mark.django_db
def test_resource_entries_carry_their_publication_date(client, home_page):
    published = datetime.datetime(2024, 5, 17, 9, 30, tzinfo=datetime.UTC)
    ResourcePageFactory(slug="dated-guide", last_published_at=published)
    entry = read_sitemap(client)[f"{BASE}/fr/resources/dated-guide/"]
    assert entry["lastmod"] == "2024-05-17"


def cold():
    clear_caches()
    warm_content_types()


@pytest.mark.django_db
def test_sitemap_query_count_does_not_grow_with_content(client, home_page):
    build_content(1)
    cold()  # both sizes measured cold (tests/queries.py)
    with CaptureQueriesContext(connection) as small:
        small_entries = read_sitemap(client)
    build_content(10)
    cold()
    with CaptureQueriesContext(connection) as large:
        large_entries = read_sitemap(client)
    assert len(large_entries) > len(small_entries)
    assert len(large) == len(small), [query["sql"] for query in large.captured_queries]
    assert len(large) <= 10
