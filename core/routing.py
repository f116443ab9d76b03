"""Finding the page a request asks for, and the site it is on, in fewer queries than Wagtail's defaults
(issue #15 point 4, docs/performance.md "Query budgets").

Wagtail, left to itself, spends on every page request: one query for the request's Site, one for the site root
paths (once the cache is empty; every page URL needs them), and, walking the tree, one query per path segment to
find the child by slug plus one more to load each page on the way as its specific type; then two for the page's
view restrictions (its ancestors, then their restrictions); and every ``PageQuerySet.public()`` reads every view
restriction of the site once more. Here:

- :class:`SiteMiddleware` gives the request a Site and the site root paths read in **one** query of every Site,
  made only when something asks for either (a page from the page cache never does). The shared cache keeps the
  root paths exactly as Wagtail does (``Site.get_site_root_paths``), so publishing or moving a page clears them
  as before.
- :func:`serve` (Wagtail's page view, under the same URL name) finds the page in **one** query of the pages on
  the path, with whether any of them carries a view restriction, and loads the page found as its specific type
  (one more). When none of them is restricted the page knows it has no view restriction and Wagtail's check of
  them costs nothing; otherwise it is left to Wagtail. A page type with its own ``route()`` (a routable page) gets
  the rest of the path from Wagtail's own walk, from that page on.
- Both are kept per process under the content version (core/memo.py): Sites, pages, their moves and
  publications all replace it, so after the first request of a version the Sites cost no query and a page
  found before costs none either (each request gets a copy of the page object, never the shared one).
- :func:`private_q` replaces ``PageQuerySet.private_q`` (behind ``.public()`` and ``.private()``) with a condition
  inside the query itself ("no view restriction on this page or above it"), instead of reading every
  restriction first to build the condition.
"""

import copy

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)
from wagtail.url_routing import RouteResult

from .memo import memoised
from .request import language_of_path

# How long Wagtail keeps the site root paths in the cache (Site.get_site_root_paths).
SITE_ROOT_PATHS_SECONDS = 3600


# --- The request's site and the site root paths, in one query -------------------------------------------------


class _NoSite:
    """What the request's site is when no Site answers it: false, with no id (as ``None`` is for Wagtail)."""

    id = pk = None

    def __bool__(self):
        return False


def _match(site, hostname, port):
    """Wagtail's ranking of a site for a host and port (wagtail.models.sites.get_site_for_hostname)."""
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    return MATCH_HOSTNAME


def site_for_host(sites, hostname, port):
    """The site Wagtail's ``get_site_for_hostname`` picks among ``sites`` (every Site), or None."""
    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site),
        key=lambda site: _match(site, hostname, port),
    )
    if not candidates:
        return None
    first = _match(candidates[0], hostname, port)
    if len(candidates) == 1 or first in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if first == MATCH_DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def _load_sites(request):
    """Read every Site once for ``request``: its own site and the site root paths (from the shared cache when
    it has them, filled otherwise, as ``Site.get_site_root_paths`` does)."""
    state = getattr(request, "_hub_sites", None)
    if state is None:
        sites, paths = memoised("core:sites", None, _sites_and_root_paths)
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        site = site_for_host(sites, hostname, int(port) if str(port).isdigit() else port)
        state = request._hub_sites = (site, list(paths))
    return state


def _sites_and_root_paths():
    """Every Site with its root page, and the site root paths (from the shared cache when it has them)."""
    sites = list(
        Site.objects.select_related("root_page", "root_page__locale").order_by(
            "-root_page__url_path", "-is_default_site", "hostname"
        )
    )
    paths = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if paths is None:
        paths = [
            SiteRootPath(each.id, each.root_page.url_path, each.root_url, each.root_page.locale.language_code)
            for each in sites
        ]
        cache.set(SITE_ROOT_PATHS_CACHE_KEY, paths, SITE_ROOT_PATHS_SECONDS, version=SITE_ROOT_PATHS_CACHE_VERSION)
    else:
        paths = [SiteRootPath(*path) for path in paths]
    return sites, tuple(paths)


class SiteMiddleware:
    """Give every request under a language prefix its Site and the site root paths, both read in one query the
    first time either is asked for (Wagtail reads them with two, and only if asked). Under ``WAGTAIL_I18N_ENABLED``
    (off here) Wagtail's own reading of the root paths, which follows translations, is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if language_of_path(request.path_info) and not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            request._wagtail_site = SimpleLazyObject(lambda: _load_sites(request)[0] or _NoSite())
            request._wagtail_cached_site_root_paths = SimpleLazyObject(lambda: _load_sites(request)[1])
        return self.get_response(request)


# --- Routing: the pages on the path in one query ----------------------------------------------------------------


def _ancestor_paths(path):
    """The tree paths of the page at ``path`` and of every page above it."""
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def _own_route(page_class):
    """Whether pages of this type route their own subpaths (a routable page)."""
    return page_class is not None and getattr(page_class, "route", Page.route) is not Page.route


def _no_restrictions():
    return PageViewRestriction.objects.none()


def route(request, site, path):
    """The ``RouteResult`` Wagtail's routing gives for ``path`` on ``site`` (Http404 when there is no such live
    page), from one query of the pages on the way and one of the page found."""
    components = [component for component in path.split("/") if component]
    root = site.root_page
    above = _ancestor_paths(root.path)
    wanted = Q(path__in=above)
    for number, slug in enumerate(components, start=1):
        wanted |= Q(depth=root.depth + number, slug=slug, path__startswith=root.path)
    # An alias shows its original's view restrictions, never its own (Page.get_view_restrictions).
    restricted = PageViewRestriction.objects.filter(page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk")))
    pages = list(Page.objects.filter(wanted).annotate(hub_restricted=Exists(restricted)).order_by("path"))
    by_path = {page.path: page for page in pages}
    chain = [by_path[path] for path in above if path in by_path]
    if len(chain) != len(above):
        raise Http404
    current = chain[-1]
    for number, slug in enumerate(components):
        if _own_route(current.specific_class):
            return _routed_by_page(current, chain, components[number:], request)
        child = next(
            (
                page
                for page in pages
                if page.depth == current.depth + 1 and page.slug == slug and page.path.startswith(current.path)
            ),
            None,
        )
        if child is None:
            raise Http404
        chain.append(child)
        current = child
    if _own_route(current.specific_class):
        return _routed_by_page(current, chain, [], request)
    if not current.live:
        raise Http404
    page = current.specific
    if not any(page.hub_restricted for page in chain):
        page.get_view_restrictions = _no_restrictions
    return RouteResult(page)


def _routed_by_page(page, chain, components, request):
    """Hand the rest of the path to a page type with a ``route()`` of its own, as Wagtail would."""
    specific = page.specific
    if len(chain) > 1:
        specific._cached_parent_obj = chain[-2]
    return specific.route(request, components)


def serve(request, path):
    """Wagtail's page view (``wagtail_serve``), with the route found by :func:`route`; everything after the
    routing (view restrictions, ``before_serve_page`` hooks, the page's own ``serve``) is Wagtail's."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        try:
            request._wagtail_route_for_request = _remembered_route(request, site, path) if site else None
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def _remembered_route(request, site, path):
    """:func:`route`, kept per process and content version for pages found (a miss is never kept, so junk
    addresses take no room), except a routable page's, whose ``route()`` may read the request. The request gets a
    copy of the page: what it sets on it stays its own."""
    found = memoised(
        "core:route",
        (site.pk, path),
        lambda: route(request, site, path),
        keep=lambda result: not _own_route(type(result.page)),
    )
    return RouteResult(copy.copy(found.page), list(found.args), dict(found.kwargs))


# --- .public() without reading the restrictions first -------------------------------------------------------------


def private_q(self):
    """Pages with a view restriction on themselves or on a page above them (``PageQuerySet.private_q``), as one
    condition evaluated by the database with the rest of the query."""
    restricted_above = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return Q(Exists(restricted_above))


def connect():
    """Install :func:`private_q` on Wagtail's page querysets (from ``CoreConfig.ready()``)."""
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = private_q
