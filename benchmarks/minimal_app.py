"""The yardstick of benchmarks/load.py: a Django project of one view that answers a short text, served by gunicorn
like the Hub (``gunicorn minimal_app:application`` with ``benchmarks/`` on the path). Its requests per second are
what the machine, gunicorn and Django cost before any work of the Hub's."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="minimal-benchmark-view-only",  # noqa: S106 (a benchmark's throwaway process)
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
