"""The share panel on embeddable pages (level, skill, behavior, activity, role, resource): the page link, an iframe
snippet for the embed in the same language and a wikitext link, as read-only text that works without JavaScript."""

import html
import re

import pytest

from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory
from pathways.factories import RoleFactory
from resources.factories import ResourcePageFactory

BASE = "http://testserver"


def field(content, field_id):
    """The text a reader would copy from the panel's field ``field_id`` (input value or textarea text)."""
    text = content.decode()
    match = re.search(rf'<textarea id="{field_id}"[^>]*>(.*?)</textarea>', text, re.S) or re.search(
        rf'<input id="{field_id}"[^>]*value="([^"]*)"', text
    )
    assert match, f"no #{field_id} in the page"
    return html.unescape(match.group(1))


@pytest.fixture
def level(db):
    return EngagementLevelFactory(slug="newcomer", name_en="Newcomer", name_es="Recién llegada")


@pytest.fixture
def pages(home_page, level):
    """Path and Spanish title of one page of each embeddable kind."""
    SkillFactory(slug="listening", name_es="Escucha", levels=[level])
    BehaviorFactory(slug="asks-for-help", name_es="Pide ayuda", levels=[level])
    ActivityFactory(slug="edit-a-thon", name_es="Editatón", levels=[level])
    RoleFactory(slug="mentor", name_es="Mentora", entry_level=level)
    ResourcePageFactory(slug="welcome-guide", title_es="Guía de bienvenida")
    return {
        "level": ("/framework/newcomer/", "newcomer", "Recién llegada"),
        "skill": ("/framework/skills/listening/", "listening", "Escucha"),
        "behavior": ("/framework/behaviors/asks-for-help/", "asks-for-help", "Pide ayuda"),
        "activity": ("/framework/activities/edit-a-thon/", "edit-a-thon", "Editatón"),
        "role": ("/pathways/mentor/", "mentor", "Mentora"),
        "resource": ("/resources/welcome-guide/", "welcome-guide", "Guía de bienvenida"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["level", "skill", "behavior", "activity", "role", "resource"])
def test_share_panel_offers_link_embed_and_wikitext_in_the_page_language(client, pages, kind):
    path, slug, title = pages[kind]
    response = client.get(f"/es{path}")
    assert response.status_code == 200
    url = f"{BASE}/es{path}"
    assert field(response.content, "hub-share-link") == url
    assert field(response.content, "hub-share-embed") == (
        f'<iframe src="{BASE}/es/embed/{kind}/{slug}/" width="100%" height="400" '
        f'title="{title}" loading="lazy"></iframe>'
    )
    assert field(response.content, "hub-share-wikitext") == f"[{url} {title}]"


@pytest.mark.django_db
def test_share_fields_are_read_only_and_copy_buttons_wait_for_the_script(client, pages):
    text = client.get("/en/framework/newcomer/").content.decode()
    panel = text[text.index('<section class="hub-share"') : text.index("</section>", text.index("hub-share"))]
    assert panel.count("readonly") == 3
    assert panel.count("<label") == 3
    buttons = re.findall(r"<button[^>]*>", panel)
    assert len(buttons) == 3
    assert all(" hidden" in button for button in buttons)
    assert 'role="status"' in panel
    assert re.search(r'<script src="/static/hub/js/share\.js" defer></script>', text)
    assert "<script>" not in panel


@pytest.mark.django_db
def test_embed_snippet_escapes_a_title_with_quotes(client, home_page):
    ResourcePageFactory(slug="tips", title='Tips & "tricks" [draft]')
    content = client.get("/en/resources/tips/").content
    assert 'title="Tips &amp; &quot;tricks&quot; [draft]"' in field(content, "hub-share-embed")
    assert field(content, "hub-share-wikitext") == f'[{BASE}/en/resources/tips/ Tips & "tricks" (draft)]'


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/framework/", "/en/", "/en/pathways/", "/en/resources/"])
def test_pages_without_an_embed_have_no_share_panel(client, pages, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"hub-share" not in response.content
