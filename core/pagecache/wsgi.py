"""Page-cache hits answered before Django's request handling (``hub/wsgi.py`` wraps the application in this).

The middleware (``middleware.py``) is the first in MIDDLEWARE, so a hit already runs no other middleware; what
Django's handler still does around it (the request_started and request_finished signals with their database
connection checks, the exception-to-response wrappers, the conversion of the response) costs about as much again
as the lookup itself. Here the same ``lookup`` runs on the same request object, and a hit is written out at once.
Anything else goes to Django's handler with what was found attached to the request's environ, so a miss is not
looked up twice. A hit without a nonce or a conditional header sends the status line, headers and body the entry
prepared for the request's encoding (``Entry.prepared``): no response object is built. The test client does not go
through WSGI: there the middleware looks up by itself, with the same function.
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
        entry, looked_up = middleware.find(request)
        if entry is None:
            environ[middleware.LOOKED_UP] = looked_up
            return self.application(environ, start_response)
        prepared = entry.prepared(request)
        if prepared is None:
            # A nonce of its own, or a conditional request (a 304): built for this request.
            return send(entry.response(request), start_response)
        status, headers, body = prepared
        # The server may add to the list it is given (gunicorn does): a copy of the entry's own.
        start_response(status, list(headers))
        return [body]


def send(response: HttpResponseBase, start_response):
    """Write ``response`` (complete, never streamed: an entry's) as Django's WSGIHandler would."""
    status = f"{response.status_code} {response.reason_phrase}"
    start_response(status, list(response.items()))
    return [response.content]
