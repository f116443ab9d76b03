"""Stable links and link previews: every public page names its canonical URL, its URL in every language
(with an English x-default), and its own title and description for Open Graph and Twitter cards."""

from html.parser import HTMLParser

import pytest

from framework.factories import EngagementLevelFactory, SkillFactory
from pathways.factories import RoleFactory
from resources.factories import ResourcePageFactory

LANGUAGES = ["en", "es", "fr", "ar"]
OG_LOCALES = {"en": "en_US", "es": "es_ES", "fr": "fr_FR", "ar": "ar_AR"}
BASE = "http://testserver"


class HeadParser(HTMLParser):
    """Collects the ``<link>`` and ``<meta>`` elements and the ``<title>`` of a page."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.metas = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


class Head:
    """What a page's head says about the page, parsed from its HTML."""

    def __init__(self, content):
        parser = HeadParser()
        parser.feed(content.decode())
        self.title = parser.title
        self.links = parser.links
        self.metas = parser.metas

    def canonicals(self):
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def alternates(self):
        # Language alternates only: an embeddable page also has an oEmbed rel="alternate" link, without hreflang.
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }

    def meta(self, key):
        """The single value of ``<meta property|name=key>``."""
        values = self.meta_all(key)
        assert len(values) == 1, (key, values)
        return values[0]

    def meta_all(self, key):
        return [m["content"] for m in self.metas if m.get("property") == key or m.get("name") == key]


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content)


@pytest.fixture
def level(db):
    return EngagementLevelFactory(
        slug="newcomer",
        name_en="Newcomer",
        name_es="Recién llegada",
        short_description_en="First steps in the movement.",
        short_description_es="Primeros pasos en el movimiento.",
    )


@pytest.fixture
def resource(home_page):
    return ResourcePageFactory(
        slug="welcome-guide",
        title="Welcome guide",
        title_es="Guía de bienvenida",
        summary="How to welcome newcomers.",
        summary_es="Cómo dar la bienvenida.",
    )


def assert_links_for(head, lang, path):
    assert head.canonicals() == [f"{BASE}/{lang}{path}"]
    expected = {code: f"{BASE}/{code}{path}" for code in LANGUAGES}
    expected["x-default"] = f"{BASE}/en{path}"
    assert head.alternates() == expected


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_level_page_names_its_canonical_url_and_every_language(client, level, lang):
    assert_links_for(head_of(client, f"/{lang}/framework/newcomer/"), lang, "/framework/newcomer/")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_resource_page_has_one_canonical_and_every_language(client, resource, lang):
    head = head_of(client, f"/{lang}/resources/welcome-guide/")
    assert_links_for(head, lang, "/resources/welcome-guide/")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_names_its_canonical_url_and_every_language(client, home_page, lang):
    assert_links_for(head_of(client, f"/{lang}/"), lang, "/")


@pytest.mark.django_db
def test_query_string_is_left_out_of_canonical_and_alternates(client, level):
    head = head_of(client, "/es/framework/newcomer/?utm_source=wiki&lang=fr")
    assert head.canonicals() == [f"{BASE}/es/framework/newcomer/"]
    assert all("?" not in url for url in head.alternates().values())
    assert head.meta("og:url") == f"{BASE}/es/framework/newcomer/"


@pytest.mark.django_db
def test_listing_keeps_its_page_number_in_the_canonical_url(client, resource):
    head = head_of(client, "/fr/resources/?page=2&type=guide")
    assert head.canonicals() == [f"{BASE}/fr/resources/?page=2"]


@pytest.mark.django_db
def test_spanish_level_page_previews_in_spanish(client, level):
    head = head_of(client, "/es/framework/newcomer/")
    assert head.title.startswith("Recién llegada · ")
    assert head.meta("og:title") == "Recién llegada"
    assert head.meta("twitter:title") == "Recién llegada"
    assert head.meta("description") == "Primeros pasos en el movimiento."
    assert head.meta("og:description") == "Primeros pasos en el movimiento."
    assert head.meta("twitter:description") == "Primeros pasos en el movimiento."
    assert head.meta("og:locale") == "es_ES"
    assert sorted(head.meta_all("og:locale:alternate")) == ["ar_AR", "en_US", "fr_FR"]
    assert head.meta("og:url") == head.canonicals()[0]
    assert head.meta("og:type") == "website"
    assert head.meta("og:site_name")
    assert head.meta("og:image") == f"{BASE}/static/hub/og-default.png"
    assert head.meta("twitter:card") == "summary_large_image"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_og_locale_follows_the_page_language(client, level, lang):
    head = head_of(client, f"/{lang}/framework/newcomer/")
    assert head.meta("og:locale") == OG_LOCALES[lang]
    assert set(head.meta_all("og:locale:alternate")) == {OG_LOCALES[code] for code in LANGUAGES if code != lang}


@pytest.mark.django_db
def test_resource_page_previews_as_an_article_with_its_summary(client, resource):
    head = head_of(client, "/es/resources/welcome-guide/")
    assert head.meta("og:type") == "article"
    assert head.meta("og:title") == "Guía de bienvenida"
    assert head.meta("og:description") == "Cómo dar la bienvenida."


def test_default_preview_image_is_a_1200_by_630_png():
    from django.contrib.staticfiles import finders
    from PIL import Image

    path = finders.find("hub/og-default.png")
    assert path, "hub/static/hub/og-default.png is missing"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)


@pytest.mark.django_db
def test_every_page_describes_itself(client, level, resource):
    skill = SkillFactory(slug="listening", description_en="Hearing what others need.", levels=[level])
    role = RoleFactory(slug="mentor", summary_en="Guides newcomers through their first edits.", entry_level=level)
    urls = [
        "/en/",
        "/en/framework/",
        "/en/framework/about/",
        "/en/framework/newcomer/",
        f"/en/framework/skills/{skill.slug}/",
        "/en/resources/",
        "/en/resources/welcome-guide/",
        "/en/search/",
        "/en/resources/suggest/",
        "/en/pathways/",
        f"/en/pathways/{role.slug}/",
        "/en/pathways/start/",
    ]
    descriptions = {}
    for url in urls:
        head = head_of(client, url)
        description = head.meta("og:description")
        assert description, url
        # One description per page, reused by every tag.
        assert head.meta("description") == description == head.meta("twitter:description"), url
        assert head.meta("og:title") == head.meta("twitter:title"), url
        descriptions[url] = description
    assert len(set(descriptions.values())) == len(urls), descriptions
    assert descriptions["/en/framework/newcomer/"] == "First steps in the movement."
    assert descriptions["/en/resources/welcome-guide/"] == "How to welcome newcomers."
    assert descriptions[f"/en/pathways/{role.slug}/"] == "Guides newcomers through their first edits."


@pytest.mark.django_db
def test_item_without_description_is_described_by_its_name(client, level):
    SkillFactory(slug="quiet", name_en="Quiet skill", description_en="")
    head = head_of(client, "/en/framework/skills/quiet/")
    assert head.meta("og:description") == "Quiet skill"


@pytest.mark.django_db
def test_title_with_markup_characters_is_escaped_once(client, home_page):
    ResourcePageFactory(slug="tips", title='Tips & "tricks"', summary="Less <b>is</b> more.")
    head = head_of(client, "/en/resources/tips/")
    assert head.meta("og:title") == 'Tips & "tricks"'
    assert head.meta("og:description") == "Less <b>is</b> more."


OEMBED_TYPE = "application/json+oembed"


@pytest.mark.django_db
def test_embeddable_page_announces_its_oembed_and_the_matrix_does_not(client, level):
    oembed = [link for link in head_of(client, "/es/framework/newcomer/").links if link.get("type") == OEMBED_TYPE]
    assert len(oembed) == 1
    assert oembed[0]["rel"] == "alternate"
    assert oembed[0]["href"].startswith("http://testserver/oembed/?url=")
    assert "%2Fes%2Fframework%2Fnewcomer%2F" in oembed[0]["href"]
    assert not [link for link in head_of(client, "/es/framework/").links if link.get("type") == OEMBED_TYPE]
