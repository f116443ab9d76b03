"""Query-string numbers are parsed in one place (core.request): digits that are not ASCII, and numbers past any
page there is, get a page or a clear message, never a server error (issue #16)."""

import re

import pytest

from core.request import MAX_PAGE, page_number, whole_number
from framework.factories import EngagementLevelFactory
from pathways.factories import RoleFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory

# Each is a digit or a number to str.isdigit() or int(), and none is a page number.
UNICODE_DIGITS = ["²", "³", "¹", "①", "٣", "१", "３"]
HUGE = "100000000000000000000"


@pytest.mark.parametrize("raw", ["1", "2", " 7 ", "0042"])
def test_page_number_reads_ascii_digits(raw):
    assert page_number(raw) == int(raw)


@pytest.mark.parametrize("raw", [*UNICODE_DIGITS, "", "0", "-1", "1.5", "1e3", "+3", "abc", None, "1\x00"])
def test_page_number_refuses_what_is_not_a_page(raw):
    assert page_number(raw) is None


def test_page_numbers_past_the_bound_are_the_bound():
    assert page_number(HUGE) == MAX_PAGE
    assert page_number(str(MAX_PAGE + 1)) == MAX_PAGE
    assert whole_number("5", minimum=1, maximum=3) == 3
    assert whole_number("9" * 5000, minimum=1) is None


@pytest.fixture
def public_urls(home_page):
    """One URL of each kind of public HTML page, with content behind it."""
    level = EngagementLevelFactory(slug="emerging")
    RoleFactory(slug="mentor", entry_level=level, target_level=level)
    ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(slug="a-guide")
    return {
        "/en/": 200,
        "/fr/framework/": 200,
        "/es/framework/emerging/": 200,
        "/en/resources/": 200,
        "/en/resources/a-guide/": 200,
        "/ar/search/?q=wiki&": 200,
        "/en/pathways/": 200,
        "/en/pathways/mentor/": 200,
        "/en/pathways/start/": 200,
        "/en/resources/suggest/": 200,
        "/en/no-such-page/": 404,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("raw", [*UNICODE_DIGITS, HUGE, "-3", "0"])
def test_odd_page_numbers_never_fail_a_public_page(client, public_urls, raw):
    for url, status in public_urls.items():
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}page={raw}")
        assert response.status_code == status, url
        if status == 200:
            # The canonical link carries a page number only when it is one.
            canonical = re.search(r'<link rel="canonical" href="([^"]*)"', response.content.decode())
            assert canonical and "page=" not in canonical.group(1), url


@pytest.mark.django_db
def test_listing_says_which_page_number_it_ignored(admin_client, public_urls):
    # An editor's request: the page cache drops page numbers it knows to be invalid before an anonymous
    # visitor's request reaches the listing (tests/core/test_page_cache.py), so what the listing says shows here.
    response = admin_client.get("/en/resources/", {"page": "²"})
    assert response.status_code == 200
    assert "Ignored page number &#x27;²&#x27;: showing the first page." in response.content.decode()
    response = admin_client.get("/en/resources/", {"page": HUGE})
    assert f"There is no page {HUGE}: showing the last page, 1." in response.content.decode()


API_LISTS = ["levels", "skills", "behaviors", "activities", "roles", "resources"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", API_LISTS)
@pytest.mark.parametrize("param", ["page", "page_size"])
@pytest.mark.parametrize("raw", [HUGE, str(2**63), "²", "0"])
def test_api_lists_refuse_page_numbers_out_of_range_with_a_message(client, home_page, kind, param, raw):
    response = client.get(f"/api/v1/{kind}/", {param: raw})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"][-1] == param


@pytest.mark.django_db
@pytest.mark.parametrize("kind", API_LISTS)
def test_api_lists_serve_the_last_allowed_page(client, home_page, kind):
    response = client.get(f"/api/v1/{kind}/", {"page": MAX_PAGE})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["²", "①", "٣", HUGE])
def test_oembed_dimensions_with_odd_digits_are_a_clear_error(client, public_urls, raw):
    response = client.get("/oembed/", {"url": "http://testserver/en/resources/a-guide/", "maxwidth": raw})
    if raw == HUGE:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert "maxwidth must be a positive whole number of pixels." in response.content.decode()
