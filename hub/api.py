"""The read-only JSON API, versioned under /api/v1/ (django-ninja). Each app adds its router, built on the
conventions in :mod:`core.api` (language, errors, pagination, links, translated-item schemas).

Every answer of the API, including its schema and its errors, can be read from any origin (DESIGN.md: CORS open
for GET): the API applies :func:`open_for_reading` to all operations, so an app's router needs nothing of its own.

Its successful GET answers are under the anonymous page cache like every public page (docs/performance.md): the
API's language is its ``?lang=``, so the key is the path and the query, and :func:`register_cache_params` gives the
page cache every query parameter of every operation, read from the operations themselves, so none is missed.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI

from core.api.languages import LANGUAGES
from core.api.pagination import PAGE_SIZE
from core.i18n import default_language
from core.pagecache import PAGE_NUMBER, register_params
from framework.api import router as framework_router
from opportunities.api import router as opportunities_router
from pathways.api import router as pathways_router
from resources.api import router as resources_router

# Long enough to spare the database when a page embeds the API, short enough that an edit shows up soon.
CACHE_SECONDS = 300


def open_for_reading(view):
    """Let any site read the view's GET answers (CORS) and let shared caches keep successful ones for
    five minutes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            # Errors too: a browser client can only show our JSON error message if it may read it.
            response["Access-Control-Allow-Origin"] = "*"
            # The language of the answer is ``?lang=``'s (errors, the schema and the docs are in English), not the
            # one LocaleMiddleware read from Accept-Language: a header that depended on the request's headers
            # would be wrong for the next visitor the page cache answers.
            language = getattr(request, "api_language", None) if response.status_code == 200 else None
            response["Content-Language"] = language or default_language()
            if response.status_code == 200:
                # The API's own lifetime for its clients (browsers, scripts), documented as five minutes. The page
                # cache (core/pagecache/middleware.py, public_headers) keeps what a view says and adds only
                # s-maxage and stale-while-revalidate: shared caches (Varnish), which the BAN sent at every
                # change empties, keep an answer 60 s and then revalidate it with its ETag, as they do pages.
                patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    return wrapper


api = NinjaAPI(
    title="Movement Learning Hub API",
    version="1",
    description="Read-only data of the Learning and Leadership Development Framework, its pathways, guides, learning "
    "opportunities and mentorship programmes, in every language of the Hub "
    "(`?lang=`). Lists are paginated by page number (`?page=`, `?page_size=`). "
    "Content is available under CC BY-SA 4.0.",
    urls_namespace="api-v1",
    # The schema and the docs page are answers of the API too.
    docs_decorator=open_for_reading,
)
# "view" mode wraps the whole operation, so the headers reach error answers (400, 404, 422) as well.
api.add_decorator(open_for_reading, mode="view")
api.add_router("/", framework_router)
api.add_router("/", pathways_router)
api.add_router("/", resources_router)
api.add_router("/", opportunities_router)


@open_for_reading
def not_found(request):
    """The API's own 404 for a URL under /api/ that is no endpoint (a slug with a slash in it, a version that does
    not exist): JSON like every other error of the API, where Django would answer with the site's HTML page."""
    docs = reverse("api-v1:openapi-view")
    return JsonResponse({"detail": f"No endpoint of the API at '{request.path}'. See {docs}."}, status=404)


# What the page cache keeps per parameter (keys.register_params): the site's languages, the pages a link can name
# and the page sizes the API gives (a larger one is capped: the same answer under more keys). Other values are
# answered as before but not stored. A filter takes any value here: one that names nothing is a 400, never stored.
CACHED_VALUES = {"lang": LANGUAGES, "page": PAGE_NUMBER, "page_size": range(1, PAGE_SIZE + 1)}


def query_params(operation):
    """The names of ``operation``'s query parameters, as a client writes them (a filter schema's fields too)."""
    return [
        name
        for model in operation.signature.models
        if model.__ninja_param_source__ == "query"
        for name in model.__ninja_flatten_map__
    ]


def register_cache_params(api):
    """Register every query parameter of every GET operation of ``api`` with the page cache, under the operation's
    URL name: a parameter not registered would be dropped from anonymous requests (core/pagecache/keys.py)."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if "GET" in operation.methods and operation.url_name:
                    values = {name: CACHED_VALUES.get(name) for name in query_params(operation)}
                    register_params(f"{api.urls_namespace}:{operation.url_name}", **values)


register_cache_params(api)
