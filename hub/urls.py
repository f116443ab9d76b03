"""Root URLs: the admin and machine endpoints outside the language prefix, every public page under
``/<lang>/`` (docs/architecture.md, Decisions: URL map). Wagtail's page serving goes last, inside the prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import routing
from embeds import urls as embed_urls
from pathways import feedback as pathways_feedback
from resources import views as resources_views

from . import downloads, search_views, sitemaps, translation_requests, views
from .api import api

# An unknown URL under /api/ gets the API's JSON error, any other the site's 404 page.
handler404 = views.page_not_found

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("api/v1/", api.urls),
    path("", include(embed_urls.provider_patterns)),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("downloads/<str:name>", downloads.download, name="download"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("framework/", include("framework.urls")),
    path("pathways/", include("pathways.urls")),
    # Only the calendar files: the listings and detail pages are Wagtail pages, served last.
    path("opportunities/", include("opportunities.urls")),
    path("search/", search_views.search, name="search"),
    path("downloads/", downloads.page, name="downloads"),
    path("embed/", include(embed_urls)),
    path("resources/suggest/", resources_views.suggest, name="suggest-resource"),
    path("feedback/", pathways_feedback.post_feedback, name="feedback"),
    path("translation-request/", translation_requests.post_request, name="translation-request"),
    # Wagtail's page view with a cheaper routing (core/routing.py), ahead of Wagtail's own pattern of the same name.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
