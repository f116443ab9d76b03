"""Per-client rate limits for the public forms, counted with django-ratelimit in the cache every process shares
(settings: CACHES, RATELIMIT_USE_CACHE), so that a limit holds for the site, not for each app server."""

from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from core.request import client_address


def _client(_group, request):
    # The same notion of "client" as the admin's login throttling: HUB_TRUSTED_PROXY_COUNT decides.
    return client_address(request)


def _usage(request, group, per_hour, *, increment):
    return get_usage(request, group=group, key=_client, rate=f"{per_hour}/h", method=ALL, increment=increment)


def over_limit(request, group, per_hour):
    """True when this client has already used its ``per_hour`` submissions of ``group`` in the current hour."""
    usage = _usage(request, group, per_hour, increment=False)
    return usage is not None and usage["count"] >= per_hour


def count_submission(request, group, per_hour):
    """Count one submission of ``group`` by this client in the current hour."""
    _usage(request, group, per_hour, increment=True)
