"""The read-only JSON API, versioned under /api/v1/ (django-ninja). Each app adds its router, built on the
conventions in :mod:`core.api` (language, errors, pagination, links, translated-item schemas).

Every answer of the API, including its schema and its errors, can be read from any origin (DESIGN.md: CORS open
for GET): the API applies :func:`open_for_reading` to all operations, so an app's router needs nothing of its own.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI

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
            if response.status_code == 200:
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
