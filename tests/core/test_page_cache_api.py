"""The JSON API under the anonymous page cache (issue #15 point 1): a second request costs no query, the key is
the path and the normalised query (``?lang=`` included, unknown parameters dropped), a change shows on the next
request in every language, errors are never stored, and the API's own headers (CORS, its lifetime) stay."""

import pytest

from framework.factories import EngagementLevelFactory
from hub.api import api, query_params
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory

LEVELS = "/api/v1/levels/"


@pytest.fixture
def level(db):
    return EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental", name_es="Fundamental")


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "url", [LEVELS, f"{LEVELS}?lang=es", "/api/v1/levels/fundamental/?lang=ar", "/api/v1/skills/?level=fundamental"]
)
def test_a_second_anonymous_api_request_runs_no_query(client, level, django_assert_num_queries, url):
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")


def test_a_hit_keeps_the_api_headers(client, level):
    client.get(f"{LEVELS}?lang=es")
    hit = client.get(f"{LEVELS}?lang=es", headers={"accept-language": "fr"})
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == "*"
    directives = {part.strip() for part in hit["Cache-Control"].split(",")}
    # The API's own five minutes for its clients, and the page cache's lifetime for shared caches.
    assert {"public", "max-age=300", "s-maxage=60"} <= directives
    # The language of the answer is the one asked for with ?lang=, whoever asked first.
    assert hit["Content-Language"] == "es"


def test_the_order_of_parameters_makes_no_difference(client, level, django_assert_num_queries):
    first = client.get(f"{LEVELS}?lang=es&page=1")
    with django_assert_num_queries(0):
        second = client.get(f"{LEVELS}?page=1&lang=es")
    assert second["X-Page-Cache"] == "hit"
    assert second.json() == first.json()


def test_an_unknown_parameter_makes_no_new_entry(client, level, django_assert_num_queries):
    first = client.get(f"{LEVELS}?lang=es")
    with django_assert_num_queries(0):
        tracked = client.get(f"{LEVELS}?lang=es&utm_source=newsletter")
    assert tracked["X-Page-Cache"] == "hit"
    assert tracked.content == first.content


def test_a_level_change_shows_on_the_next_request_in_every_language(client, level):
    for lang in ("en", "es"):
        client.get(f"{LEVELS}?lang={lang}")
        assert client.get(f"{LEVELS}?lang={lang}")["X-Page-Cache"] == "hit"
    level.name_en = "Foundations"
    level.name_es = "Fundamentos"
    level.save()
    assert names(client.get(f"{LEVELS}?lang=es")) == ["Fundamentos"]
    assert names(client.get(LEVELS)) == ["Foundations"]
    assert names(client.get(f"{LEVELS}?lang=en")) == ["Foundations"]


def test_publishing_a_resource_shows_on_the_next_api_request(client, home_page):
    index = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=index, slug="first-guide", title="First guide")
    assert client.get("/api/v1/resources/?lang=es").json()["count"] == 1
    assert client.get("/api/v1/resources/?lang=es")["X-Page-Cache"] == "hit"
    ResourcePageFactory(parent=index, slug="second-guide", title="Second guide")
    assert client.get("/api/v1/resources/?lang=es").json()["count"] == 2


def test_a_bad_language_gets_the_api_error_and_is_never_stored(client, level):
    for _ in range(2):
        response = client.get(f"{LEVELS}?lang=xx")
        assert response.status_code == 400
        assert response.json()["detail"].startswith("Unknown language 'xx'.")
        assert response["X-Page-Cache"] == "pass"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/api/v1/levels/nothing/", f"{LEVELS}?page=0"])
def test_not_found_and_malformed_requests_are_never_stored(client, level, url):
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code
    assert first.status_code in (404, 422)
    assert second["X-Page-Cache"] == "pass"


def test_a_conditional_api_request_gets_304_without_a_query(client, level, django_assert_num_queries):
    etag = client.get(f"{LEVELS}?lang=es")["ETag"]
    with django_assert_num_queries(0):
        response = client.get(f"{LEVELS}?lang=es", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(f"{LEVELS}?lang=en", headers={"if-none-match": etag}).status_code == 200


def test_the_schema_and_the_docs_page_are_cached(client, db, django_assert_num_queries):
    client.get("/api/v1/openapi.json")
    with django_assert_num_queries(0):
        schema = client.get("/api/v1/openapi.json")
    assert schema["X-Page-Cache"] == "hit"
    assert "/api/v1/levels/" in schema.json()["paths"]
    client.get("/api/v1/docs")
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert docs["X-Page-Cache"] == "hit"
    assert b"swagger-ui" in docs.content
    assert docs["Access-Control-Allow-Origin"] == "*"


def test_every_query_parameter_of_every_operation_is_kept_for_anonymous_visitors(client, db):
    """A parameter the page cache does not know is dropped before the view sees it: each one the schema lists
    must be in the key of its operation."""
    from core.pagecache import keys

    schema = client.get("/api/v1/openapi.json").json()
    listed = {
        (path, parameter["name"])
        for path, operations in schema["paths"].items()
        for parameter in operations["get"].get("parameters", [])
        if parameter["in"] == "query"
    }
    registered = set()
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for name in keys.params_for(f"api-v1:{operation.url_name}"):
                    registered.add(("/api/v1" + path, name))
                assert set(query_params(operation)) <= keys.params_for(f"api-v1:{operation.url_name}")
    assert listed == registered
