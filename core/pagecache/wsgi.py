"""Page-cache hits answered before Django's request handling (``hub/wsgi.py`` wraps the application in this).

The middleware (``middleware.py``) is the first in MIDDLEWARE, so a hit already runs no other middleware; what
Django's handler still does around it (the request_started and request_finished signals with their database
connection checks, the exception-to-response wrappers, the conversion of the response) costs about as much again
as the lookup itself. Here the same ``lookup`` runs on the same request object, and a hit is written out at once.
Anything else goes to Django's handler with what was found attached to the request's environ, so a miss is not
looked up twice. The test client does not go through WSGI: there the middleware looks up by itself, with the same
function.
"""

from django.core.handlers.wsgi import WSGIRequest
from django.http.response import HttpResponseBase

from . import middleware


class PageCacheApplication:
    """A WSGI application that answers page-cache hits itself and hands every other request to ``application``."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        request = WSGIRequest(environ)
        response, looked_up = middleware.lookup(request)
        if response is None:
            environ[middleware.LOOKED_UP] = looked_up
            return self.application(environ, start_response)
        return send(response, start_response)


def send(response: HttpResponseBase, start_response):
    """Write ``response`` (complete, never streamed: an entry's) as Django's WSGIHandler would."""
    status = f"{response.status_code} {response.reason_phrase}"
    start_response(status, list(response.items()))
    return [response.content]
