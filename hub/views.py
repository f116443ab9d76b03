"""Site-wide views that are not Wagtail pages."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import api


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


def page_not_found(request, exception):
    """The site's 404 page (Django's ``handler404``), except under /api/, whose clients read JSON errors."""
    if request.path_info.startswith("/api/"):
        return api.not_found(request)
    return defaults.page_not_found(request, exception)
