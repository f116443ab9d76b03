"""Finding pages in fewer queries (core/routing.py) answers every request as Wagtail's own routing does: drafts,
unknown paths, view restrictions on the page, above it or on an alias's original, and the site of the host."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, PageViewRestriction, Site

from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from resources.models import ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ResourceIndexPageFactory()


def title_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)


def test_a_resource_page_and_the_home_page_are_found(client, index):
    ResourcePageFactory(slug="guide", title="Editing guide")
    assert title_of(client.get("/en/resources/guide/")) == "Editing guide"
    assert client.get("/en/").status_code == 200


@pytest.mark.parametrize("path", ["/en/resources/nowhere/", "/en/nowhere/guide/", "/en/resources/guide/more/"])
def test_unknown_paths_are_not_found(client, index, path):
    ResourcePageFactory(slug="guide")
    assert client.get(path).status_code == 404


def test_a_draft_is_not_found_but_a_live_page_under_a_draft_is(client, index):
    draft = ResourcePageFactory(slug="draft")
    draft.unpublish()
    assert client.get("/en/resources/draft/").status_code == 404
    ResourcePageFactory(slug="guide", title="Still live")
    index.unpublish()
    assert title_of(client.get("/en/resources/guide/")) == "Still live"


def test_a_password_on_the_page_asks_for_the_password(client, index):
    page = ResourcePageFactory(slug="secret", title="Hidden guide")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get("/en/resources/secret/")
    assert response.status_code == 200
    assert "Hidden guide" not in response.content.decode()
    assert BeautifulSoup(response.content, "html.parser").select_one('input[name="password"]')


def test_a_login_restriction_above_the_page_sends_to_the_login(client, index):
    ResourcePageFactory(slug="members", title="Members only")
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/resources/members/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_alias_shows_the_restrictions_of_its_original(client, home_page, index):
    original = ResourcePageFactory(slug="original", title="Original guide")
    PageViewRestriction.objects.create(page=original, restriction_type=PageViewRestriction.LOGIN)
    original.create_alias(parent=plain_page(home_page, "copies"), update_slug="alias")
    assert client.get("/en/copies/alias/").status_code == 302


def plain_page(parent, slug):
    """A page of Wagtail's base type under ``parent`` (never served itself: it has no template)."""
    page = Page(title=slug.title(), slug=slug)
    parent.add_child(instance=page)
    return page


def test_restricted_resources_are_left_out_of_the_listing(client, index):
    ResourcePageFactory(slug="open", title="Open guide")
    hidden = ResourcePageFactory(slug="hidden", title="Hidden guide")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert list(ResourcePage.objects.live().public().values_list("slug", flat=True)) == ["open"]
    html = client.get("/en/resources/").content.decode()
    assert "Open guide" in html
    assert "Hidden guide" not in html


def test_the_site_of_the_host_is_the_one_served(client, home_page, index):
    other_root = plain_page(Page.get_first_root_node(), "other-root")
    other_root.add_child(instance=ResourceIndexPage(title="Welcome elsewhere", slug="welcome"))
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=other_root, is_default_site=False)
    ResourcePageFactory(slug="guide", title="Editing guide")
    assert title_of(client.get("/en/resources/guide/")) == "Editing guide"
    assert client.get("/en/welcome/").status_code == 404
    assert client.get("/en/welcome/", HTTP_HOST="127.0.0.1").status_code == 200
    assert client.get("/en/resources/guide/", HTTP_HOST="127.0.0.1").status_code == 404
