"""Fixtures of the resources tests: an offline embed finder, the index page, a small framework."""

import pytest
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

# The listing tests' seven guides and a draft, as a fixture for every module here.
from tests.resources.listing_data import listing_resources  # noqa: F401


class OfflineEmbedFinder(EmbedFinder):
    """What a closed network gives: no provider answers."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        raise EmbedNotFoundException


class FakeVideoFinder(EmbedFinder):
    """A provider that answers with a player, without the network."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "A video",
            "author_name": "",
            "provider_name": "Fake",
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": '<iframe src="https://player.example/1" width="640" height="360"></iframe>',
        }


@pytest.fixture(autouse=True)
def offline_embeds(settings):
    """Tests never fetch oEmbed data from the network."""
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.resources.conftest.OfflineEmbedFinder"}]


@pytest.fixture
def resource_index(home_page):
    """The resource index page under the home page."""
    from resources.factories import ResourceIndexPageFactory

    return ResourceIndexPageFactory()


@pytest.fixture
def framework_items(db):
    """Two levels and two skills, named in English and Spanish."""
    from framework.factories import EngagementLevelFactory, SkillFactory

    fundamental = EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental", name_es="Fundamental")
    expanding = EngagementLevelFactory(slug="expanding", order=3, name_en="Expanding", name_es="En expansión")
    editing = SkillFactory(
        slug="wiki-editing-basics", name_en="Wiki editing basics", name_es="Edición básica", levels=[fundamental]
    )
    events = SkillFactory(
        slug="event-organizing", name_en="Event organizing", name_es="Organización de eventos", levels=[expanding]
    )
    return {"fundamental": fundamental, "expanding": expanding, "editing": editing, "events": events}
