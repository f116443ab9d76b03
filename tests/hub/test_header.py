"""The header names the section a page belongs to (the section's own page and every page below it), and a
guide's tags lead to the listing filtered by them, as on the listing (issue #13, point 8)."""

import pytest
from bs4 import BeautifulSoup

from framework.factories import EngagementLevelFactory, SkillFactory
from pathways.factories import RoleFactory
from resources.factories import ResourcePageFactory


def current_links(client, url):
    """``{label: aria-current}`` of the main navigation's marked links."""
    response = client.get(url)
    assert response.status_code == 200, url
    nav = BeautifulSoup(response.content, "html.parser").select_one("nav.hub-nav")
    return {link.get_text(strip=True): link["aria-current"] for link in nav.select("a[aria-current]")}


@pytest.mark.django_db
def test_each_page_marks_its_section_in_the_header(client, home_page):
    level = EngagementLevelFactory(slug="newcomer")
    SkillFactory(slug="listening", levels=[level])
    RoleFactory(slug="mentor", entry_level=level)
    ResourcePageFactory(slug="welcome-guide")
    assert current_links(client, "/en/") == {"Home": "page"}
    assert current_links(client, "/en/framework/") == {"Framework": "page"}
    assert current_links(client, "/en/framework/skills/listening/") == {"Framework": "true"}
    assert current_links(client, "/en/pathways/") == {"Pathways": "page"}
    assert current_links(client, "/en/pathways/mentor/") == {"Pathways": "true"}
    assert current_links(client, "/es/resources/") == {"Recursos": "page"}
    assert current_links(client, "/es/resources/welcome-guide/") == {"Recursos": "true"}
    assert current_links(client, "/en/search/?q=guide") == {}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_resource_page_tags_link_to_the_filtered_listing(client, home_page, lang):
    ResourcePageFactory(slug="welcome-guide", tags=["newcomers", "wiki loves"])
    page = BeautifulSoup(client.get(f"/{lang}/resources/welcome-guide/").content, "html.parser")
    tags = page.select(".hub-resource__tags a.hub-chip")
    assert {tag.get_text(): tag["href"] for tag in tags} == {
        "newcomers": f"/{lang}/resources/?tag=newcomers",
        "wiki loves": f"/{lang}/resources/?tag=wiki-loves",
    }


@pytest.mark.django_db
def test_header_search_placeholder_is_short_and_translated(client, home_page):
    placeholders = {}
    for lang in ("en", "es", "fr", "ar"):
        page = BeautifulSoup(client.get(f"/{lang}/").content, "html.parser")
        field = page.select_one('.hub-search input[name="q"]')
        placeholders[lang] = field["placeholder"]
        assert field["aria-label"]
        # The button keeps its word for screen readers when it shrinks to a magnifier on narrow phones.
        assert page.select_one(".hub-search button .hub-search__label").get_text(strip=True)
    assert placeholders["en"] == "Guides, skills, roles"
    assert len(set(placeholders.values())) == 4
