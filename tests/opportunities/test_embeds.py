"""Opportunities and programmes are embeddable: a card any site may frame, and an oEmbed answer for their pages."""

import pytest
from bs4 import BeautifulSoup

from tests.opportunities.builders import opportunity, programme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "path", "kind"),
    [(opportunity, "opportunities", "opportunity"), (programme, "mentorship", "mentorship")],
)
def test_a_card_and_an_oembed_answer_for_each_page(client, make, path, kind):
    page = make(slug=f"embed-{kind}", title=f"Embeddable {kind}", title_ar=f"بطاقة {kind}")
    card = client.get(f"/ar/embed/{kind}/{page.slug}/")
    assert card.status_code == 200
    soup = BeautifulSoup(card.content, "html.parser")
    assert soup.select_one("h1.hub-embed__title").get_text(strip=True) == f"بطاقة {kind}"
    answer = client.get("/oembed/", {"url": f"http://testserver/ar/{path}/{page.slug}/", "format": "json"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["type"] == "rich"
    assert data["title"] == f"بطاقة {kind}"
    assert f"/ar/embed/{kind}/{page.slug}/" in data["html"]


def test_a_draft_has_no_card(client):
    page = opportunity(slug="soon-a-draft")
    page.unpublish()
    assert client.get(f"/en/embed/opportunity/{page.slug}/").status_code == 404
