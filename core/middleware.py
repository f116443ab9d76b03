"""Site-wide middleware: the Content Security Policy (django-csp, with a policy of its own for the admin), and
language redirects limited to the pages that live under a language prefix."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language

ADMIN_PREFIXES = ("/admin/",)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (policy in settings.CONTENT_SECURITY_POLICY: scripts and styles from our origin or
    carrying the request's nonce, no plugins, framing by the Hub itself unless a view says otherwise), with one
    addition: the Wagtail admin, which still has inline scripts without nonces, gets an enforced policy it
    tolerates (settings.ADMIN_CONTENT_SECURITY_POLICY) and the public pages' strict policy as report-only, so
    that what the strict policy would block shows up without breaking the editors' work."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIXES):
            if report_only:
                parts.config = parts.config or settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
            else:
                parts.config = parts.config or settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


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
