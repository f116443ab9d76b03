"""Site-wide views that are not Wagtail pages."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from core.models import HubSettings

from . import api

# security.txt must say until when it holds (RFC 9116 asks for less than a year); it is written afresh each day.
SECURITY_TXT_VALIDITY = datetime.timedelta(days=180)


def _reachable(alias):
    """None when the database ``alias`` answers ``SELECT 1``, else the name of the error."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return error.__class__.__name__
    return None


@never_cache
@require_GET
def healthz(request):
    """Report whether the Hub can reach its database (and its read replica, when one is configured): 200 when it
    can, 503 when it cannot."""
    body = {"status": "ok", "database": "ok", "vendor": connection.vendor}
    status = 200
    error = _reachable(DEFAULT_DB_ALIAS)
    if error:
        body.update(status="error", database="unavailable", detail=error)
        status = 503
    if "replica" in connections.settings:
        replica_error = _reachable("replica")
        body["replica"] = "unavailable" if replica_error else "ok"
        if replica_error:
            # Anonymous visitors' pages read from the replica: without it they fail.
            body.update(status="error", replica_detail=replica_error)
            status = 503
    return JsonResponse(body, status=status)


@require_safe
def security_txt(request):
    """``/.well-known/security.txt`` (RFC 9116): where to report a security problem, in the Hub's languages."""
    contact = HubSettings.current().contact_email or parseaddr(settings.SERVER_EMAIL)[1]
    expires = (timezone.now() + SECURITY_TXT_VALIDITY).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{contact}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        f"Preferred-Languages: {', '.join(settings.LANGUAGE_CODES)}",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


def page_not_found(request, exception):
    """The site's 404 page (Django's ``handler404``), except under /api/, whose clients read JSON errors."""
    if request.path_info.startswith("/api/"):
        return api.not_found(request)
    return defaults.page_not_found(request, exception)
