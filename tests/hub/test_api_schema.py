"""The whole JSON API against its own OpenAPI schema: every path in /api/v1/openapi.json is called with real data
(the shipped framework, its roles, the demo resources, opportunities and mentorship programmes) and every answer,
errors included, is validated with jsonschema against the schema the API publishes, its components resolved. A new
endpoint is covered the day it appears in the schema."""

import copy
import re

import pytest
from jsonschema import Draft202012Validator, ValidationError
from openapi_spec_validator import validate

from core.request import MAX_PAGE
from opportunities.choices import EventFormat, OpportunityKind, Region
from pathways.models import PathwayStep
from resources.choices import ResourceType
from resources.listing import SORTS
from resources.models import ResourcePage

# Every test here runs on the shipped content, loaded once for the module (tests/conftest.py): whatever
# order the tests run in, they all find the same database.
pytestmark = pytest.mark.usefixtures("shipped_site")

API = "/api/v1"
LANGUAGES = ["en", "es", "fr", "ar"]


@pytest.fixture
def site_data(shipped_site, home_page):
    """The shipped content, opportunities included (loaded once for the module, tests/conftest.py), and a guide on
    a step of every role."""
    guide = ResourcePage.objects.live().order_by("path").first()
    first_steps = {}
    for step in PathwayStep.objects.order_by("sort_order", "pk"):
        first_steps.setdefault(step.role_id, step)
    for step in first_steps.values():
        PathwayStep.resources.through.objects.get_or_create(pathwaystep_id=step.pk, resourcepage_id=guide.pk)
    assert ResourcePage.objects.live().count() >= 5


@pytest.fixture
def openapi(client, db):
    """The published schema."""
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def strict(schema):
    """``schema`` with no properties allowed beyond the documented ones, so an undocumented field fails too."""
    schema = copy.deepcopy(schema)

    def tighten(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                tighten(value)
        elif isinstance(node, list):
            for value in node:
                tighten(value)

    tighten(schema)
    return schema


def validator(openapi, path, status):
    """A jsonschema validator of ``path``'s GET answer with ``status``, references to the components resolved."""
    responses = openapi["paths"][path]["get"]["responses"]
    assert str(status) in responses, f"{path}: answer {status} is not documented"
    schema = responses[str(status)]["content"]["application/json"]["schema"]
    root = strict({**schema, "components": openapi["components"]})
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def example_urls(client, openapi):
    """Every path of the schema as a URL to call: a detail path gets the slug of the first item of its list."""
    urls = {}
    for path in openapi["paths"]:
        if "{slug}" in path:
            listing = client.get(path.split("{slug}")[0]).json()
            assert listing["items"], f"no example for {path}: its list is empty"
            urls[path] = path.replace("{slug}", listing["items"][0]["slug"])
        else:
            assert "{" not in path, f"{path}: a path parameter this test does not know how to fill"
            urls[path] = path
    return urls


def assert_valid(validator_, body, where):
    """Fail with every schema error of ``body``, located."""
    errors = sorted(validator_.iter_errors(body), key=lambda error: list(error.absolute_path))
    assert not errors, f"{where}: " + "; ".join(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors[:5]
    )


# --- The schema ------------------------------------------------------------------------------------------


def test_the_schema_is_valid_openapi_3(openapi):
    validate(openapi)
    assert openapi["openapi"].startswith("3.")


def test_the_schema_lists_every_endpoint_of_every_app(openapi):
    paths = {re.sub(r"^/api/v1", "", path) for path in openapi["paths"]}
    for kind in ["levels", "skills", "behaviors", "activities", "roles", "resources", "opportunities", "mentorship"]:
        assert {f"/{kind}/", f"/{kind}/{{slug}}/"} <= paths


def test_the_validation_really_checks_the_body(openapi):
    item_validator = validator(openapi, f"{API}/resources/{{slug}}/", 200)
    with pytest.raises(ValidationError):
        item_validator.validate({"slug": "x"})  # required fields missing
    error_validator = validator(openapi, f"{API}/resources/{{slug}}/", 404)
    with pytest.raises(ValidationError):
        error_validator.validate({"detail": "Not found", "extra": 1})  # an undocumented field


# --- Every path, with real data ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_path_answers_and_matches_its_schema(client, site_data, openapi, lang):
    urls = example_urls(client, openapi)
    assert len(urls) == len(openapi["paths"]) >= 16
    for path, url in urls.items():
        response = client.get(url, {"lang": lang})
        assert response.status_code == 200, f"{url}?lang={lang}: {response.status_code} {response.content[:200]}"
        body = response.json()
        assert_valid(validator(openapi, path, 200), body, f"{url}?lang={lang}")
        if "{slug}" not in path:
            assert body["count"] > 0, f"{url}: an empty list proves little"


def test_every_path_is_open_to_every_origin(client, site_data, openapi):
    urls = [*example_urls(client, openapi).values(), f"{API}/openapi.json", f"{API}/docs"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url


def test_every_path_answers_a_bad_language_with_a_documented_400(client, site_data, openapi):
    for path, url in example_urls(client, openapi).items():
        response = client.get(url, {"lang": "xx"})
        assert response.status_code == 400, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert_valid(validator(openapi, path, 400), response.json(), f"{url}?lang=xx")


def test_every_detail_path_answers_an_unknown_slug_with_a_documented_404(client, site_data, openapi):
    details = [path for path in openapi["paths"] if "{slug}" in path]
    assert len(details) >= 6
    for path in details:
        response = client.get(path.replace("{slug}", "no-such-item"))
        assert response.status_code == 404, path
        assert_valid(validator(openapi, path, 404), response.json(), path)


def test_every_list_path_answers_a_bad_page_with_a_documented_422(client, site_data, openapi):
    lists = [path for path in openapi["paths"] if "{slug}" not in path]
    assert len(lists) >= 6
    for path in lists:
        response = client.get(path, {"page": 0})
        assert response.status_code == 422, path
        assert_valid(validator(openapi, path, 422), response.json(), f"{path}?page=0")


def test_resource_filters_answer_with_a_documented_400(client, site_data, openapi):
    response = client.get(f"{API}/resources/", {"type": "podcast"})
    assert response.status_code == 400
    assert_valid(validator(openapi, f"{API}/resources/", 400), response.json(), "type=podcast")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("opportunities", {"format": "radio"}),
        ("opportunities", {"role": "no-such-role"}),
        ("opportunities", {"available_in": "xx"}),
        ("opportunities", {"month": "2027-13"}),
        ("opportunities", {"show": "past"}),
        ("mentorship", {"region": "mars"}),
        ("mentorship", {"skill": "no-such-skill"}),
        ("mentorship", {"show": "upcoming"}),
    ],
)
def test_opportunity_filters_answer_with_a_documented_400(client, site_data, openapi, path, params):
    response = client.get(f"{API}/{path}/", params)
    assert response.status_code == 400, params
    assert_valid(validator(openapi, f"{API}/{path}/", 400), response.json(), str(params))


def test_opportunity_times_carry_their_offset_and_zone_and_archives_validate(client, site_data, openapi):
    body = client.get(f"{API}/opportunities/").json()
    for item in body["items"]:
        for key in ["starts", "ends"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", item[key]), item[key]
        assert item["time_zone"]
    for path in ["opportunities", "mentorship"]:
        response = client.get(f"{API}/{path}/", {"show": "archive", "lang": "ar"})
        assert response.status_code == 200
        assert_valid(validator(openapi, f"{API}/{path}/", 200), response.json(), f"{path}?show=archive")


# --- What the parameters promise (issue #16) ---------------------------------------------------------------


def parameters(openapi, path):
    """The GET parameters of ``path``, by name."""
    return {parameter["name"]: parameter for parameter in openapi["paths"][path]["get"]["parameters"]}


def test_every_fixed_set_of_values_is_an_enum_of_the_schema(openapi):
    for path in openapi["paths"]:
        assert parameters(openapi, path)["lang"]["schema"]["enum"] == LANGUAGES, path
    resources = parameters(openapi, f"{API}/resources/")
    assert resources["sort"]["schema"]["enum"] == list(SORTS)
    assert resources["type"]["schema"]["items"]["enum"] == list(ResourceType.values)
    for path in [f"{API}/opportunities/", f"{API}/mentorship/"]:
        params = parameters(openapi, path)
        assert params["format"]["schema"]["items"]["enum"] == list(EventFormat.values), path
        assert params["region"]["schema"]["items"]["enum"] == list(Region.values), path
    opportunities = parameters(openapi, f"{API}/opportunities/")
    assert opportunities["kind"]["schema"]["items"]["enum"] == list(OpportunityKind.values)
    assert opportunities["show"]["schema"]["enum"] == ["upcoming", "archive"]
    assert parameters(openapi, f"{API}/mentorship/")["show"]["schema"]["enum"] == ["open", "archive"]


def test_page_numbers_are_bounded_and_no_parameter_is_null(openapi):
    lists = [path for path in openapi["paths"] if "{slug}" not in path]
    for path in lists:
        params = parameters(openapi, path)
        for name in ["page", "page_size"]:
            schema = params[name]["schema"]
            assert (schema["type"], schema["minimum"], schema["maximum"]) == ("integer", 1, MAX_PAGE), path
        assert params["page_size"]["schema"]["default"] == 100
    for path in openapi["paths"]:
        for name, parameter in parameters(openapi, path).items():
            # A query string cannot spell null: a schema that allows it promises what no client can send.
            assert "null" not in str(parameter["schema"]), f"{path} {name}"


def test_every_operation_documents_the_errors_it_can_answer(openapi):
    for path, item in openapi["paths"].items():
        expected = {"200", "400", "404"} if "{slug}" in path else {"200", "400", "422"}
        assert set(item["get"]["responses"]) == expected, path


@pytest.mark.parametrize("slug", ["a%2Fb", "a%00b", "a.b", "%E2%98%83"])
def test_every_detail_path_answers_a_slug_no_item_can_have_with_a_documented_404(client, db, openapi, slug):
    # A slash in a slug is routed nowhere; a NUL character is never sent to the database (PostgreSQL refuses it).
    for path in [path for path in openapi["paths"] if "{slug}" in path]:
        response = client.get(path.replace("{slug}", slug))
        assert response.status_code == 404, path
        assert response["Access-Control-Allow-Origin"] == "*", path
        assert_valid(validator(openapi, path, 404), response.json(), f"{path} with {slug}")


@pytest.mark.parametrize("level", ["", "a\x00b", "fundamental/"])
def test_every_level_filter_answers_a_level_no_item_can_have_with_a_documented_400(client, db, openapi, level):
    lists = [path for path in openapi["paths"] if "level" in parameters(openapi, path)]
    assert len(lists) == 7
    for path in lists:
        response = client.get(path, {"level": level})
        assert response.status_code == 400, path
        assert_valid(validator(openapi, path, 400), response.json(), f"{path}?level={level!r}")


def test_an_unknown_api_url_is_a_json_404_readable_from_any_origin(client, db):
    response = client.get(f"{API}/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"detail": f"No endpoint of the API at '{API}/no-such-endpoint/'. See {API}/docs."}
    assert response["Access-Control-Allow-Origin"] == "*"
    # Elsewhere the site's own page, and a missing slash is still added by a redirect.
    assert client.get("/en/no-such-page/")["Content-Type"].startswith("text/html")
    assert client.get(f"{API}/skills")["Location"] == f"{API}/skills/"
