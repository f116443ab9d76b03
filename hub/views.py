"""Site-wide views that are not Wagtail pages."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.db import DatabaseError, connection
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


@never_cache
@require_GET
def healthz(request):
    """Report whether the Hub can reach its database: 200 when it can, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": error.__class__.__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


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
