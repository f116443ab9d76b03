"""The oEmbed provider and the discovery link (docs/architecture.md): a ``rich`` oEmbed 1.0 answer whose HTML
frames the page's embed card, in the language of the URL asked about, within the consumer's size limits."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory

from resources.factories import ResourcePageFactory

PAGES = {
    "level": ("/es/framework/emerging/", "Emergente", "/es/embed/level/emerging/"),
    "skill": ("/es/framework/skills/communication/", "Comunicación", "/es/embed/skill/communication/"),
    "behavior": ("/es/framework/behaviors/listens-first/", "Escucha primero", "/es/embed/behavior/listens-first/"),
    "activity": ("/es/framework/activities/welcome/", "Dar la bienvenida", "/es/embed/activity/welcome/"),
    "role": ("/es/pathways/mentor/", "Mentor/a", "/es/embed/role/mentor/"),
    "resource": ("/es/resources/mentoring-guide/", "Guía de mentoría", "/es/embed/resource/mentoring-guide/"),
}


def oembed(client, url, **params):
    return client.get("/oembed/", {"url": url, **params})


@pytest.mark.parametrize("kind", PAGES)
def test_each_kind_answers_a_rich_oembed_in_the_urls_language(client, world, kind):
    path, title, embed_path = PAGES[kind]
    response = oembed(client, f"http://testserver{path}", format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["title"] == title
    assert data["provider_name"] == "Movement Learning Hub"
    assert data["provider_url"] == "http://testserver/"
    assert data["cache_age"] == 3600
    assert (data["width"], data["height"]) == (500, 400)
    frame = BeautifulSoup(data["html"], "html.parser").iframe
    assert frame["src"] == f"http://testserver{embed_path}"
    assert (frame["width"], frame["height"]) == ("500", "400")
    assert title in frame["title"]
    assert frame["loading"] == "lazy"
    assert frame.has_attr("data-hub-embed")
    # The snippet points at a card that really renders.
    assert client.get(embed_path).status_code == 200


def test_arabic_url_gets_the_english_title_when_there_is_no_arabic_one(client, world):
    data = oembed(client, "https://testserver/ar/framework/skills/communication/").json()
    assert data["title"] == "Communication"
    assert 'src="http://testserver/ar/embed/skill/communication/"' in data["html"]


def test_arabic_activity_url_gets_the_arabic_card_with_the_english_title(client, world):
    data = oembed(client, "http://testserver/ar/framework/activities/welcome/").json()
    assert data["title"] == "Welcome newcomers"
    assert 'src="http://testserver/ar/embed/activity/welcome/"' in data["html"]


def test_maxwidth_and_maxheight_are_honoured(client, world):
    url = "http://testserver/es/pathways/mentor/"
    data = oembed(client, url, maxwidth=320, maxheight=200).json()
    assert (data["width"], data["height"]) == (320, 200)
    assert 'width="320" height="200"' in data["html"]
    data = oembed(client, url, maxwidth=2000, maxheight=3000).json()
    assert (data["width"], data["height"]) == (500, 400)


@pytest.mark.parametrize(
    "url",
    [
        "http://elsewhere.example/es/framework/skills/communication/",
        "ftp://testserver/es/framework/skills/communication/",
        "http://testserver/es/framework/",
        "http://testserver/es/pathways/",
        "http://testserver/framework/skills/communication/",
        "http://testserver/es/framework/skills/nowhere/",
        "http://testserver/es/pathways/nowhere/",
        "http://testserver/es/resources/nowhere/",
        "http://testserver/es/framework/behaviors/nowhere/",
        "http://testserver/es/framework/activities/nowhere/",
        "http://testserver/es/embed/skill/communication/",
        "not a url",
    ],
)
def test_other_hosts_and_pages_without_an_embed_are_not_found(client, world, url):
    response = oembed(client, url)
    assert response.status_code == 404
    assert "error" in response.json()


def test_draft_resource_is_not_found(client, world):
    ResourcePageFactory(slug="draft-guide", live=False)
    assert oembed(client, "http://testserver/es/resources/draft-guide/").status_code == 404


def test_xml_is_not_implemented(client, world):
    response = oembed(client, "http://testserver/es/pathways/mentor/", format="xml")
    assert response.status_code == 501
    assert "json" in response.json()["error"]


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"format": "json"}, "url"),
        ({"url": "http://testserver/es/pathways/mentor/", "maxwidth": "abc"}, "maxwidth"),
        ({"url": "http://testserver/es/pathways/mentor/", "maxwidth": "-5"}, "maxwidth"),
        ({"url": "http://testserver/es/pathways/mentor/", "maxheight": "0"}, "maxheight"),
        ({"url": "http://testserver/es/pathways/mentor/", "format": "yaml"}, "format"),
    ],
)
def test_bad_parameters_are_a_bad_request_with_a_clear_message(client, world, params, word):
    response = client.get("/oembed/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert word in response.json()["error"]


def render_discovery(path, **context):
    request = RequestFactory().get(path)
    return Template("{% load embed_tags %}{% oembed_discovery %}").render(Context({"request": request, **context}))


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("level", "level"),
        ("skill", "item"),
        ("behavior", "item"),
        ("activity", "item"),
        ("role", "role"),
        ("resource", "page"),
    ],
)
def test_discovery_link_points_at_the_oembed_answer_for_the_page(client, world, kind, name):
    path, title, _embed = PAGES[kind]
    link = BeautifulSoup(render_discovery(path, **{name: world[kind]}), "html.parser").link
    assert link["rel"] == ["alternate"]
    assert link["type"] == "application/json+oembed"
    assert link["title"] == title
    assert link["href"].startswith("http://testserver/oembed/?url=http%3A%2F%2Ftestserver%2Fes%2F")
    assert link["href"].endswith("&format=json")
    # The consumer follows the link and gets the card.
    response = client.get(link["href"].removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response.json()["title"] == title


def test_discovery_link_is_absent_from_pages_without_an_embed(world):
    assert render_discovery("/es/framework/") == ""
    assert render_discovery("/es/pathways/") == ""
    assert render_discovery("/es/framework/behaviors/patience/") == ""
    # A "not found" page at an embeddable-looking path has no object to embed.
    assert render_discovery("/es/framework/skills/nowhere/") == ""
    assert render_discovery("/es/framework/skills/nowhere/", item=world["skill"]) == ""
    assert render_discovery("/es/framework/skills/communication/") == ""
    assert render_discovery("/es/framework/skills/communication/", item=world["skill"]) != ""
    # The object must be of the page's kind: a skill called like the behavior does not stand for it.
    assert render_discovery("/es/framework/behaviors/listens-first/", item=world["skill"]) == ""


OEMBED_TYPE = "application/json+oembed"


@pytest.mark.parametrize("kind", ["behavior", "activity"])
def test_behavior_and_activity_pages_announce_their_oembed_answer(client, world, kind):
    path, title, embed_path = PAGES[kind]
    head = BeautifulSoup(client.get(path).content, "html.parser").head
    links = head.select(f'link[rel=alternate][type="{OEMBED_TYPE}"]')
    assert len(links) == 1
    assert links[0]["title"] == title
    data = client.get(links[0]["href"].removeprefix("http://testserver")).json()
    assert data["title"] == title
    assert f'src="http://testserver{embed_path}"' in data["html"]


@pytest.mark.django_db
def test_the_provider_name_is_the_one_curators_set(client, world):
    from core.models import HubSettings

    hub = HubSettings.current()
    hub.provider_name = "Centro de aprendizaje"
    hub.save()
    data = client.get("/oembed/", {"url": "http://testserver/es/framework/skills/communication/"}).json()
    assert data["provider_name"] == "Centro de aprendizaje"
