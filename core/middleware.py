"""Site-wide middleware: a Content Security Policy with a fresh nonce per request, and language
redirects limited to the pages that live under a language prefix."""

import secrets

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language

# The admin brings its own scripts and styles; Wagtail keeps it safe on its own terms.
EXEMPT_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware:
    """Send a strict CSP on HTML pages: scripts and styles from our origin or carrying the
    request's nonce, no plugins, and framing by the Hub itself only unless the view says
    otherwise (embed views set ``response.frame_ancestors = "*"``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" in response or request.path.startswith(EXEMPT_PREFIXES):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        nonce = f"'nonce-{request.csp_nonce}'"
        ancestors = getattr(response, "frame_ancestors", "'self'")
        directives = [
            "default-src 'self'",
            f"script-src 'self' {nonce}",
            f"style-src 'self' {nonce}",
            "img-src 'self' data: https:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {ancestors}",
        ]
        if not settings.DEBUG and getattr(settings, "SECURE_SSL_REDIRECT", False):
            directives.append("upgrade-insecure-requests")
        response["Content-Security-Policy"] = "; ".join(directives)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its "404 → redirect to /<lang>/<path>" step for the paths that
    live outside the language prefix. Wagtail's catch-all page route resolves every path, so without this
    an API or oEmbed 404 would turn into a redirect to an HTML page."""

    UNPREFIXED = (
        "/api/",
        "/admin/",
        "/oembed",
        "/healthz",
        "/static/",
        "/media/",
        "/documents/",
        "/sitemap",
        "/downloads/",
        "/.well-known/",
    )

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
