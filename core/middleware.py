"""Site-wide middleware: the Content Security Policy (django-csp, with a policy of its own for the admin),
language redirects limited to the pages that live under a language prefix, and anonymous reads on a read replica."""

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language

from core.pagecache import versions
from core.pagecache.middleware import signed_in
from core.routers import replica_reads

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


class ReplicaReadsMiddleware:
    """Let an anonymous GET or HEAD read from the read replica (core/routers.py), unless content changed within
    the last DATABASE_REPLICA_MAX_LAG seconds: the change's commit time travels with the site-wide content version
    (core/pagecache/versions.py), which every app server reads from the shared cache. Installed only when
    DATABASE_REPLICA_URL is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or signed_in(request) or self._recently_changed():
            return self.get_response(request)
        token = replica_reads.set(True)
        try:
            return self.get_response(request)
        finally:
            replica_reads.reset(token)

    @staticmethod
    def _recently_changed():
        changed = versions.changed_at(versions.current())
        return changed is None or time.time() - changed < settings.DATABASE_REPLICA_MAX_LAG
