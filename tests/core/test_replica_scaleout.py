"""A read replica for anonymous visitors (issue #15 point 7, core/routers.py), with real servers: gunicorn with the
production settings on a PostgreSQL primary and a second PostgreSQL database as its "replica", and Redis.

The replica here is a copy of the primary that the test then changes on its own, so that every answer says which
database it was read from: a replica that follows the primary would hide a wrong routing. Run by
`make test-scaleout`, deselected from `make test`."""

import json
import time
import urllib.error
import urllib.request
import uuid

import psycopg2
import pytest
from bs4 import BeautifulSoup

from tests.servers import Server, admin_sql, manage, postgres_server, production_environment, redis_url

pytestmark = pytest.mark.scaleout

URL = "/en/framework/fundamental/"
MAX_LAG = 3


def set_level_name(database_url, name):
    """Rename the level straight in one database, as replication (or its absence) would leave it."""
    connection = psycopg2.connect(database_url)
    with connection, connection.cursor() as cursor:
        cursor.execute("UPDATE framework_engagementlevel SET name_en = %s WHERE slug = 'fundamental'", [name])
    connection.close()


@pytest.fixture(scope="module")
def replica_stack(tmp_path_factory):
    """One gunicorn on a primary and a replica (two real databases) and Redis; yields (env, server, replica URL)."""
    postgres = postgres_server()
    cache = redis_url()
    primary = f"hub_primary_{uuid.uuid4().hex[:8]}"
    replica = f"hub_replica_{uuid.uuid4().hex[:8]}"
    admin_sql(postgres, f'CREATE DATABASE "{primary}"')
    env = production_environment(
        tmp_path_factory.mktemp("replica"), DATABASE_URL=f"{postgres}/{primary}", CACHE_URL=cache
    )
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "setup_site", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(
            env,
            "shell",
            "-c",
            "from framework.models import EngagementLevel; "
            "EngagementLevel.objects.create(slug='fundamental', order=1, name_en='Fundamental')",
        )
        admin_sql(postgres, f'CREATE DATABASE "{replica}" TEMPLATE "{primary}"')
        set_level_name(f"{postgres}/{replica}", "Read from the replica")
        # The changes above are older than the lag window once the app starts: forget their content version.
        redis_url()
        env.update(DATABASE_REPLICA_URL=f"{postgres}/{replica}", DATABASE_REPLICA_MAX_LAG=str(MAX_LAG), PAGE_CACHE="0")
        server = Server(env)
        yield env, server, f"{postgres}/{replica}"
    finally:
        if server is not None:
            server.stop()
        for name in (primary, replica):
            admin_sql(postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def level_name(server, **headers):
    request = urllib.request.Request(server.url + URL, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return BeautifulSoup(response.read(), "html.parser").h1.get_text(" ", strip=True)


def api_level_name(server):
    with urllib.request.urlopen(server.url + "/api/v1/levels/fundamental/", timeout=30) as response:  # noqa: S310
        return json.loads(response.read())["name"]


def test_an_anonymous_visitor_reads_from_the_replica(replica_stack):
    _env, server, _replica = replica_stack
    assert level_name(server) == "Read from the replica"


def test_a_signed_in_editor_reads_from_the_primary(replica_stack):
    _env, server, _replica = replica_stack
    # Any session cookie: the routing decides without reading the session, as the page cache does.
    assert level_name(server, Cookie="sessionid=an-editors-session") == "Fundamental"


def test_after_a_change_visitors_read_the_primary_until_the_replica_can_have_caught_up(replica_stack):
    env, server, replica = replica_stack
    manage(
        env,
        "shell",
        "-c",
        "from framework.models import EngagementLevel; level = EngagementLevel.objects.get(slug='fundamental'); "
        "level.name_en = 'Renamed on the primary'; level.save()",
    )
    # This replica never catches up: what visitors see says where it was read.
    assert level_name(server) == "Renamed on the primary"
    assert api_level_name(server) == "Renamed on the primary"
    time.sleep(MAX_LAG + 0.5)
    # Past the lag window anonymous reads go to the replica again. The API renders from the database on every
    # request; the page keeps, per process and content version, what it rendered from the primary during the
    # window (core/memo.py), which is what a replica that has caught up holds too.
    assert api_level_name(server) == "Read from the replica"
    assert level_name(server) == "Renamed on the primary"


def test_healthz_reports_the_replica(replica_stack):
    _env, server, _replica = replica_stack
    with urllib.request.urlopen(server.url + "/healthz", timeout=10) as response:  # noqa: S310
        assert response.status == 200
        assert b'"replica": "ok"' in response.read()


def test_healthz_answers_503_when_the_replica_is_unreachable(replica_stack):
    env, _server, _replica = replica_stack
    broken = Server({**env, "DATABASE_REPLICA_URL": f"{postgres_server()}/hub_no_such_replica"}, healthy=False)
    try:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(broken.url + "/healthz", timeout=10)  # noqa: S310
        assert answer.value.code == 503
        assert b'"replica": "unavailable"' in answer.value.read()
    finally:
        broken.stop()
