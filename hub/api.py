"""The read-only JSON API, versioned under /api/v1/ (django-ninja). Each app adds its router."""

from ninja import NinjaAPI

from framework.api import router as framework_router

api = NinjaAPI(
    title="Movement Learning Hub API",
    version="1",
    description="Read-only data of the Learning and Leadership Development Framework, in every language of the Hub. "
    "Content is available under CC BY-SA 4.0.",
    urls_namespace="api-v1",
)
api.add_router("/", framework_router)
