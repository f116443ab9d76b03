"""The listing caches its facet counts per content version: a repeated view reuses them, and every change
that can alter a count (publishing, unpublishing, deleting or moving a resource, changing its tags or
levels, a view restriction, deleting a level or tag) shows on the very next view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core import memo
from core.models import ContentVersion
from framework.models import EngagementLevel
from resources.models import ResourceTag
from resources.signals import LISTING_CONTENT
from tests.resources.listing_data import URL, counts, make_resource, titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_the_page_cache(settings):
    """These tests count the facet counts' own cache, which lies beneath the page cache (core/pagecache): with
    it on, a repeated view would be answered before the listing ran at all."""
    settings.PAGE_CACHE_ENABLED = False


def listing(client, params=None):
    """The listing's response and the number of queries it took. The per-process memo of whole listings
    (core/memo.py) lies above the counts' cache too, and is emptied first: each view runs the listing."""
    memo.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params or {})
    assert response.status_code == 200
    return response, len(queries)


def warm_site(client):
    """Fill what any first request fills (Wagtail's site root paths), so that two views compared afterwards are
    measured in the same state and differ only by the facet counts."""
    assert client.get("/en/").status_code == 200


def all_counts(response):
    return {param: counts(response, param) for param in ("type", "level", "skill", "tag", "lang")}


def test_a_repeated_view_reuses_the_counts(client, listing_resources):
    first, first_queries = listing(client, {"type": "guide", "lang": "en"})
    again, again_queries = listing(client, {"type": "guide", "lang": "en"})
    assert again_queries < first_queries
    assert all_counts(again) == all_counts(first)
    assert titles(again) == titles(first) == ["Alpha guide", "Bravo guide", "Golf guide"]


def test_counts_under_a_search_are_counted_each_time(client, listing_resources):
    warm_site(client)
    first, first_queries = listing(client, {"q": "guide"})
    again, again_queries = listing(client, {"q": "guide"})
    assert again_queries == first_queries
    assert all_counts(again) == all_counts(first)


def test_counts_for_other_filters_or_searches_are_not_mixed_up(client, listing_resources):
    assert counts(listing(client, {"q": "guide"})[0], "type") == {"guide": 3}
    assert counts(listing(client, {"q": "course"})[0], "type") == {"course": 2}
    assert counts(listing(client, {"level": "elevated"})[0], "type") == {"video": 1}
    assert counts(listing(client, {"level": "expanding"})[0], "type") == {"course": 1, "guide": 1}


def test_publishing_a_resource_shows_in_the_next_counts(client, listing_resources):
    listing(client)
    index = listing_resources["index"]
    page = make_resource(index, "India template", resource_type="template", live=False)
    page.levels.set([listing_resources["levels"]["elevated"]])
    page.save_revision().publish()
    response, _queries = listing(client)
    assert counts(response, "type")["template"] == 1
    assert counts(response, "level")["elevated"] == 2


def test_unpublishing_or_deleting_a_resource_shows_in_the_next_counts(client, listing_resources):
    listing(client)
    listing_resources["pages"]["Foxtrot video"].unpublish()
    response, _queries = listing(client)
    assert "video" not in counts(response, "type")
    assert "elevated" not in counts(response, "level")

    listing_resources["pages"]["Delta course"].delete()
    response, _queries = listing(client)
    assert counts(response, "type")["course"] == 1
    assert counts(response, "skill")["research"] == 2


def test_changing_tags_and_levels_of_a_live_resource_shows_in_the_next_counts(client, listing_resources):
    listing(client)
    page = listing_resources["pages"]["Delta course"]
    page.tags.add("events")
    page.levels.set([listing_resources["levels"]["elevated"]])
    page.save_revision().publish()
    response, _queries = listing(client)
    assert counts(response, "tag")["events"] == 4
    assert counts(response, "level")["elevated"] == 2
    assert counts(response, "level")["expanding"] == 1


def test_deleting_a_tag_or_a_level_shows_in_the_next_counts(client, listing_resources):
    listing(client)
    ResourceTag.objects.get(slug="events").delete()
    EngagementLevel.objects.get(slug="elevated").delete()
    response, _queries = listing(client)
    assert "events" not in counts(response, "tag")
    assert "elevated" not in counts(response, "level")


def test_a_view_restriction_hides_the_resource_from_the_next_counts(client, listing_resources):
    listing(client)
    PageViewRestriction.objects.create(
        page=listing_resources["pages"]["Foxtrot video"], restriction_type="password", password="secret"
    )
    response, _queries = listing(client)
    assert "video" not in counts(response, "type")
    assert "Foxtrot video" not in titles(response)


def test_moving_a_resource_out_of_the_index_shows_in_the_next_counts(client, listing_resources):
    listing(client)
    pages = listing_resources["pages"]
    pages["Foxtrot video"].move(pages["Alpha guide"], pos="last-child")
    response, _queries = listing(client)
    assert "video" not in counts(response, "type")


def test_without_a_content_version_nothing_is_cached(client, listing_resources):
    ContentVersion.objects.filter(key=LISTING_CONTENT).delete()
    warm_site(client)
    first, first_queries = listing(client)
    again, again_queries = listing(client)
    assert again_queries == first_queries
    assert all_counts(again) == all_counts(first)
