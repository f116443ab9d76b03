"""The registry is the only place that knows the kinds: a kind declared in one entry, with its own template, gets a
card, an oEmbed answer, a discovery link and a share panel without any other change; every registered kind's page,
card and oEmbed answer agree; a kind's name and page are declared once."""

from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured

from core.pagecache import bump
from embeds.registry import EmbedKind, EmbedTarget, ViewPage, registry, target_for_path
from framework.models import Behavior

OEMBED_TYPE = "application/json+oembed"
BASE = "http://testserver"


@pytest.fixture
def registry_restored():
    """Undo whatever the test registers or unregisters."""
    saved = list(registry)
    yield registry
    for kind in list(registry):
        registry.unregister(kind.name)
    for kind in saved:
        registry.register(kind)


@pytest.fixture
def extra_templates(settings):
    """Templates of tests/embeds/templates as well as the project's (the engines reload with the setting)."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}]


def discovery_links(response):
    return BeautifulSoup(response.content, "html.parser").head.select(f'link[rel=alternate][type="{OEMBED_TYPE}"]')


def oembed(client, url):
    return client.get("/oembed/", {"url": url})


def _practice_objects():
    return Behavior.objects.prefetch_related("levels")


def _practice_card(request, behavior):
    return {"summary_field": "description", "level_count": len(behavior.levels.all())}


PRACTICE = EmbedKind(
    name="practice",
    model=Behavior,
    label="Practice",
    title_field="name",
    page=ViewPage("framework:behavior"),
    context_name="item",
    objects=_practice_objects,
    card=_practice_card,
    template="embeds_test/practice.html",
)


def test_one_entry_and_a_template_make_a_kind_embeddable(client, world, registry_restored, extra_templates):
    page = "/es/framework/behaviors/listens-first/"
    card = "/es/embed/practice/listens-first/"
    registry.unregister("behavior")  # its pages are free for the throwaway kind
    assert client.get(card).status_code == 404
    assert oembed(client, BASE + page).status_code == 404
    response = client.get(page)
    assert discovery_links(response) == []
    assert b"hub-share" not in response.content

    registry.register(PRACTICE)
    # A new kind is new code: a deployment replaces the page cache's content version (docs/performance.md).
    bump()

    response = client.get(card)
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Escucha primero"
    assert soup.select_one(".hub-embed__kind").get_text(strip=True) == "Practice"
    assert soup.select_one(".practice-levels").get_text(strip=True) == str(world["behavior"].levels.count())
    assert soup.select_one("a.hub-embed__view")["href"] == BASE + page

    data = oembed(client, BASE + page).json()
    assert data["title"] == "Escucha primero"
    assert f'src="{BASE}{card}"' in data["html"]

    response = client.get(page)
    [link] = discovery_links(response)
    assert client.get(link["href"].removeprefix(BASE)).json()["html"] == data["html"]
    assert f"&lt;iframe src=&quot;{BASE}{card}&quot;".encode() in response.content  # the share panel's snippet


def test_without_its_entry_a_kind_is_not_embeddable(client, world, registry_restored):
    registry.unregister("skill")
    assert client.get("/es/embed/skill/communication/").status_code == 404
    assert oembed(client, f"{BASE}/es/framework/skills/communication/").status_code == 404
    assert discovery_links(client.get("/es/framework/skills/communication/")) == []


def test_every_registered_kind_maps_its_page_to_its_card_and_back(client, world):
    kinds = list(registry)
    assert {kind.name for kind in kinds} == set(world), "the embed tests' world needs an object of each kind"
    for kind in kinds:
        target = EmbedTarget(kind, world[kind.name].slug, "ar")
        page = target.page_path()
        assert target_for_path(page) == target
        response = client.get(page)
        assert response.status_code == 200, page
        [link] = discovery_links(response)
        data = client.get(link["href"].removeprefix(BASE)).json()
        assert f'src="{BASE}{target.embed_path()}"' in data["html"]
        assert client.get(target.embed_path()).status_code == 200


@pytest.mark.parametrize(
    "clash",
    [
        {"name": "skill", "page": ViewPage("framework:behavior", kwarg="nothing")},
        {"name": "another-skill", "page": ViewPage("framework:skill")},
    ],
)
def test_a_kind_name_or_page_is_declared_once(registry_restored, clash):
    skill = registry.get("skill")
    with pytest.raises(ImproperlyConfigured):
        registry.register(replace(PRACTICE, **clash))
    assert registry.get("skill") is skill
    assert registry.get("another-skill") is None
