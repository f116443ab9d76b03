"""The sitemap lists the two listings and every live opportunity and programme, in every language."""

import pytest

from tests.opportunities.builders import opportunity, programme

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_the_listings_and_their_pages_and_leaves_drafts_out(client):
    opportunity(slug="live-workshop")
    programme(slug="live-programme")
    draft = opportunity(slug="draft-workshop")
    draft.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/opportunities/", "/opportunities/live-workshop/", "/mentorship/", "/mentorship/live-programme/"):
        assert f"http://testserver/en{path}<" in body or f"/en{path}</loc>" in body, path
        assert f"/ar{path}" in body
    assert "draft-workshop" not in body
