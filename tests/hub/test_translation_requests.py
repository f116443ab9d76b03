"""'Request this in my language' (issue #12, point 6): a count per page and language, nothing about the reader,
a form that keeps the page cacheable, an origin check instead of a token, and a per-client limit."""

import pytest
from django.test import Client
from django.utils import translation

from core.models import TranslationRequest
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


@pytest.fixture
def guides(home_page):
    """Two guides under one index, with English and part of their Spanish (audience and time only in English)."""
    index = ResourceIndexPageFactory()
    return ResourcePageFactory(parent=index), ResourcePageFactory(parent=index)


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a browser's request would meet it."""
    return Client(enforce_csrf_checks=True)


def url_of(page, lang):
    with translation.override(lang):
        return page.get_url()


def ask(client, page, lang="es", **headers):
    headers.setdefault("HTTP_ORIGIN", ORIGIN)
    return client.post(f"/{lang}/translation-request/", {"path": url_of(page, lang)}, **headers)


def counts():
    return list(TranslationRequest.objects.values_list("path", "language", "count").order_by("path", "language"))


def test_incomplete_page_offers_the_button_without_a_cookie_and_stays_cached(client, guides):
    guide, _other = guides
    first = client.get(url_of(guide, "es"))
    html = first.content.decode()
    assert 'action="/es/translation-request/"' in html
    assert "Pedir esta página en mi idioma" in html
    assert f'name="path" value="{url_of(guide, "es")}"' in html
    assert "csrftoken" not in first.cookies
    # The second visitor gets the page from the page cache: no query at all, and nothing written.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url_of(guide, "es"))
    assert again.status_code == 200
    assert len(queries) == 0
    assert counts() == []


def test_complete_page_and_english_page_have_no_button(client, guides):
    guide, _other = guides
    assert "translation-request" not in client.get(url_of(guide, "en")).content.decode()
    assert "translation-request" in client.get(url_of(guide, "es")).content.decode()
    guide.audience_es, guide.estimated_time_es = "Editores nuevos", "30 min"
    guide.external_url_es = guide.external_url_en
    guide.save_revision().publish()
    assert "translation-request" not in client.get(url_of(guide, "es")).content.decode()


def test_request_is_counted_once_per_client_and_shown_on_the_page(csrf_client, guides):
    guide, _other = guides
    response = ask(csrf_client, guide)
    assert response.status_code == 200
    assert "1 persona pidió esto en español." in response.content.decode()
    assert counts() == [(url_of(guide, "es")[3:], "es", 1)]

    again = ask(csrf_client, guide)
    assert "Ya pidió esta página; gracias." in again.content.decode()
    assert counts() == [(url_of(guide, "es")[3:], "es", 1)]

    other_reader = ask(Client(enforce_csrf_checks=True, REMOTE_ADDR="10.0.0.2"), guide)
    assert "2 personas pidieron esto en español." in other_reader.content.decode()
    # Arabic is counted apart.
    ask(csrf_client, guide, "ar")
    assert counts() == [(url_of(guide, "es")[3:], "ar", 1), (url_of(guide, "es")[3:], "es", 2)]

    from tests.queries import clear_caches

    clear_caches()
    page = Client().get(url_of(guide, "es")).content.decode()
    assert "2 personas pidieron esto en español." in page


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://elsewhere.example"}, {"HTTP_ORIGIN": None}],
    ids=["other site", "no origin nor referer"],
)
def test_post_from_another_site_is_refused_and_not_counted(csrf_client, guides, headers):
    guide, _other = guides
    headers = {key: value for key, value in headers.items() if value is not None}
    if not headers:
        response = csrf_client.post("/es/translation-request/", {"path": url_of(guide, "es")})
    else:
        response = ask(csrf_client, guide, **headers)
    assert response.status_code == 403
    assert "no vino de una página del Hub" in response.content.decode()
    assert counts() == []


def test_requests_over_the_hourly_limit_are_refused(csrf_client, guides, settings):
    settings.TRANSLATION_REQUESTS_PER_HOUR = 2
    guide, other = guides
    assert ask(csrf_client, guide).status_code == 200
    assert ask(csrf_client, other).status_code == 200
    refused = ask(csrf_client, guide, "ar")
    assert refused.status_code == 429
    assert "Demasiadas solicitudes" in refused.content.decode() or "طلبات كثيرة" in refused.content.decode()
    assert len(counts()) == 2


def test_a_path_that_is_not_a_page_is_refused(csrf_client, guides):
    guide, _other = guides
    for lang, path in [("es", "/es/no-such-page/"), ("es", url_of(guide, "ar")), ("es", "https://elsewhere.example/")]:
        response = csrf_client.post(f"/{lang}/translation-request/", {"path": path}, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 400, path
    english = csrf_client.post("/en/translation-request/", {"path": url_of(guide, "en")}, HTTP_ORIGIN=ORIGIN)
    assert english.status_code == 400
    assert counts() == []


def test_get_on_the_endpoint_writes_nothing(client, guides):
    assert client.get("/es/translation-request/").status_code == 405
    assert counts() == []
