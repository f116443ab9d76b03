"""Counting the SQL queries a request costs, from a defined cache state.

Every query-count test measures its sizes *cold*: every cache the project configures is emptied first, and
Django's per-process content-type cache is refilled with every model at once, as in any process that has served
a request. A cold request pays for the fills that the first visitor after a content change or a cache flush pays
(Wagtail's site root paths, the listing's facet counts and their content version), so the budgets count those
fills deliberately, and a measurement no longer depends on which tests ran before it in the same process
(issue #18: the listing measured 16 queries at one size and 15 at the other, because Wagtail's site root paths
were cached by an earlier test for one of the two sizes and not for the other).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import memo
from core.pagecache import store, versions

WRITE_VERBS = {"INSERT", "UPDATE", "DELETE", "REPLACE"}
# What any public HTML page may cost cold, whatever the amount of content (issue #15 point 4,
# docs/performance.md "Query budgets"). Every page test measures against this one figure.
PAGE_BUDGET = 12


def clear_caches():
    """Empty every configured cache, the per-process memo of content (core/memo.py) and the content-type cache,
    as in a process that has served nothing."""
    for cache in caches.all():
        cache.clear()
    # What this process holds besides: the pages it served, as objects, and the content version it read.
    store.local.clear()
    versions.forget_held()
    memo.clear()
    ContentType.objects.clear_cache()


def warm_content_types():
    """Know every model's content type (one query), as a process does once it has served for a while."""
    models = apps.get_models()
    ContentType.objects.get_for_models(*models)
    ContentType.objects.get_for_models(*models, for_concrete_models=False)


def cold_queries(client, url, params=None, *, status=200):
    """Serve ``url`` once with every cache empty (content types known); returns ``(response, queries)``,
    ``queries`` being the SQL statements it ran (dicts with ``sql``)."""
    clear_caches()
    warm_content_types()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response, captured.captured_queries


def cold_count(client, url, params=None, *, budget=None):
    """How many queries ``url`` costs cold, checked against ``budget`` when given (with the statements listed
    when it is exceeded)."""
    _response, queries = cold_queries(client, url, params)
    if budget is not None:
        assert len(queries) <= budget, f"{url}: {len(queries)} queries > {budget}:\n" + "\n".join(
            query["sql"] for query in queries
        )
    return len(queries)


def writes(queries):
    """The statements among ``queries`` that change the database."""
    return [query["sql"] for query in queries if query["sql"].lstrip().split()[0].upper() in WRITE_VERBS]


def same_count_at_two_sizes(client, url, grow, *, budget, params=None):
    """Count ``url``'s queries cold, call ``grow()`` to add content, count again; asserts both counts are equal
    and within ``budget`` and returns the count."""
    small = cold_count(client, url, params, budget=budget)
    grow()
    large = cold_count(client, url, params, budget=budget)
    assert small == large, f"{url}: {small} queries at the small size, {large} at the large one"
    return small
