"""The JSON API fuzzed against its own OpenAPI schema with schemathesis (issue #16): for every operation, requests
the schema allows and requests it forbids, on the shipped framework and roles, a few resources and the demo
opportunities and mentorship programmes. Every answer must be one the schema documents (status, content type, body),
a request the schema allows must be served, and one it forbids must be refused with a documented 4xx. The seed is
fixed and the generation derandomized, so a run repeats exactly; a failure prints the request that reproduces it.
"""

import re
from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings

from framework.models import EngagementLevel, Skill
from pathways.models import PathwayStep
from resources.factories import ResourceIndexPageFactory, ResourceLanguageFactory, ResourcePageFactory
from tests.data_files import DATA_FILE

# Enough examples per operation to reach every parameter's edges (the coverage phase adds the boundary values and
# each kind of invalid value the schema implies); few enough for the whole module to take well under a minute.
MAX_EXAMPLES = 30

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 16,
        "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        # No operation links to another in the schema, so there is nothing for the stateful phase to chain.
        "phases": {"stateful": {"enabled": False}},
        # Replaced by valid_requests_are_served below, which knows which refusals are about data.
        "checks": {"positive_data_acceptance": {"enabled": False}},
    }
)

# The app as gunicorn serves it, middleware included (not hub.wsgi, which freezes the garbage collector). Loading the
# schema needs no database: it is built from the code.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)

# A request the schema allows may still name nothing: slugs, tags and a guide's language codes are data, not enums,
# and two rules are stated in words (`relevance` needs `q`; `q` needs a letter or a digit). These are the only 400s
# such a request may get, each only when the request has the parameter it blames.
DATA_REFUSALS = [
    (re.compile(r"Unknown level '"), "level"),
    (re.compile(r"Unknown (level|skill|tag|role): "), None),
    (re.compile(r"Unknown language: "), "available_in"),
    (re.compile(r"Sorting by relevance needs search text"), "sort"),
    (re.compile(r"The search text '.*' has no letters or digits\."), "q"),
]


def refusal_is_about_data(case, detail):
    """True when a 400's ``detail`` blames a value that names nothing, in a parameter the request has."""
    for pattern, param in DATA_REFUSALS:
        match = pattern.match(detail)
        if match:
            param = param or match.group(1)
            return param in (case.query or {})
    return False


def valid_requests_are_served(ctx, response, case):
    """schemathesis's positive_data_acceptance, narrowed to what this API may answer (the built-in one lets any 401,
    403, 409 or 429 pass, and no 400): a request the schema allows gets a 200, a 404 for a slug that names nothing,
    or a 400 of :data:`DATA_REFUSALS`."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.request.method != case.method.upper():
        return None  # not a request the schema allows, or a probe with another method
    status = response.status_code
    if status == 200 or (status == 404 and case.path_parameters):
        return True
    if status == 400 and refusal_is_about_data(case, response.json().get("detail", "")):
        return True
    raise AssertionError(f"A request the schema allows was refused with {status}: {response.text[:300]}")


@pytest.fixture(scope="module")
def wsgi_keeps_the_test_connection():
    """Keep the database connection open across the WSGI requests, as Django's test client does: at the end of a
    request Django closes a connection that is not in autocommit mode, and the test database lives in a
    transaction (SQLite in memory ignores the close; PostgreSQL would lose the data)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def site_data(wsgi_keeps_the_test_connection, django_db_setup, django_db_blocker):
    """The shipped framework and roles, three resources linked to its levels and skills (the first to every
    step) and the demo opportunities and mentorship programmes, loaded once for the module in a transaction rolled
    back at its end (each test runs in its own inside)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_framework", str(DATA_FILE), verbosity=0, stdout=StringIO())
        ResourceIndexPageFactory()
        levels = list(EngagementLevel.objects.order_by("order"))
        skills = list(Skill.objects.order_by("position", "slug")[:3])
        languages = [ResourceLanguageFactory(code=code, name=code) for code in ["en", "es", "pt-BR"]]
        guides = [
            ResourcePageFactory(
                slug=slug,
                resource_type=kind,
                levels=levels[number : number + 2],
                skills=skills[: number + 1],
                tags=["wiki", f"tag-{number}"],
                languages=languages[: number + 1],
            )
            # The first is the schema's example of a resource slug (the first of the demo resources).
            for number, (slug, kind) in enumerate(
                [("help-introduction", "guide"), ("five-pillars", "course"), ("wikipedia-teahouse", "toolkit")]
            )
        ]
        for step in PathwayStep.objects.all():
            step.resources.add(guides[0])
        # The demo opportunities and programmes; the first of each is its schema's example slug.
        call_command("load_opportunities", verbosity=0, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@schema.parametrize()
# The database fixture is shared by an operation's examples on purpose: the API only reads.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_api_keeps_the_promises_of_its_schema(case, site_data, db):
    # The API's answers are compressed now (they are under the page cache), and the WSGI client schemathesis uses
    # decodes no Content-Encoding: ask for the plain bytes (tests/core/test_http_caching.py tests the encodings).
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, additional_checks=[valid_requests_are_served])
