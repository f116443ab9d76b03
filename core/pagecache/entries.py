"""What the page cache stores for a page, and the response rebuilt from it.

An entry is plain data (status, headers, body), not a pickled response. The page cache is the first middleware
(hub/settings/base.py), so a page is stored with every header the rest of the stack gave it: the security
headers, the Permissions-Policy and the Content-Security-Policy that django-csp wrote for it. A hit sends them
as they were, and runs none of that middleware again: what they add depends only on the settings (part of the
cache key, ``keys.py``), the scheme (in the key too) and the page itself (which the entry holds).

The one thing that must differ between visitors is the CSP nonce. A page whose rendering read it is stored with a
placeholder in its place, in the body and in the policy header alike, and each response from that entry gets a
nonce of its own, made as django-csp makes one, spliced into both. That page is compressed per response, after its
nonce is in; every other page is stored with its compressed variants (``encoding.py``), so a hit compresses
nothing.

An entry also says until when it is good (``expires``): the cache's own timeout ends the copy in Redis, but not
the copy a process holds (``store.py``), which must not outlive a page that the clock changes (``freshness.py``).

A hit served through the WSGI application (``wsgi.py``) of a page without a nonce, to a request without a
conditional header, sends the same bytes and headers every time for each encoding: they are worked out once per
process and encoding, by the very code that answers any other request (``response``), and kept with the entry
(``prepared``), so such a hit builds no response object and no header at all.
"""

import base64
import hashlib
import os
import time
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import encoding

# The same length as django-csp's nonces (16 random bytes in base64); no base64 text can contain "!".
NONCE_PLACEHOLDER = "!page-cache-nonce-here!!"

# Headers that belong to one response only.
PER_RESPONSE_HEADERS = frozenset({"content-length", "set-cookie", "date"})

# Says how the response was made: "hit" (from the cache), "miss" (rendered, then stored), "pass" (not cacheable).
STATUS_HEADER = "X-Page-Cache"

# Request headers that can make the answer to a GET other than the page itself (a 304, a 412): such a request gets
# the response built for it (``Entry.response``), never a prepared one.
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")
# Prepared answers an entry keeps, by Accept-Encoding as sent: beyond it, a new spelling is parsed per request.
PREPARED_LIMIT = 32


def strong_etag(content):
    """A strong entity tag: the digest of the exact bytes sent."""
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def new_nonce():
    """A CSP nonce as django-csp makes them (csp/middleware.py): 16 random bytes in base64."""
    return base64.b64encode(os.urandom(16)).decode("ascii")


def _describes_body(name):
    name = name.lower()
    return name.startswith("content-") and not name.startswith(("content-security-policy", "content-location"))


def conditional(request, response):
    """``response``, or a 304 when the client already holds it (If-None-Match / If-Modified-Since). The 304
    carries every header of the page but those describing its body: a browser replaces its stored headers with
    a 304's, so the policy (an embed's ``frame-ancestors``) and the security headers must be in it."""
    answer = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if answer is not response:
        for name, value in response.items():
            if not _describes_body(name) and name not in answer:
                answer[name] = value
    return answer


@dataclass(frozen=True)
class Entry:
    """A cached page: ``version`` is the site-wide content version it was rendered under; ``headers`` are every
    header it was sent with (the nonce, if any, as the placeholder)."""

    version: str
    status: int
    headers: tuple
    content: bytes
    uses_nonce: bool
    # ((encoding, bytes), …) of ``content``; empty for a page too small to compress or holding a nonce.
    variants: tuple = ()
    # When the entry stops being good (a Unix time): the page cache's timeout or a ``fresh_until`` moment.
    expires: float = 0.0

    def __getstate__(self):
        # What this process worked out for its hits (``prepared``) is not part of the entry stored in Redis.
        return {name: value for name, value in self.__dict__.items() if name != "_prepared"}

    def fresh(self, now=None):
        """True while the entry may still be served (its timeout, or the moment the clock changes the page)."""
        return (now if now is not None else time.time()) < self.expires

    @classmethod
    def from_response(cls, response, version, nonce, lifetime):
        """The entry for ``response`` as it leaves the whole middleware stack; ``nonce`` is the CSP nonce the
        page read, if it read one; ``lifetime`` the seconds it stays good."""
        content = response.content
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in PER_RESPONSE_HEADERS)
        if nonce:
            content = content.replace(nonce.encode("ascii"), NONCE_PLACEHOLDER.encode("ascii"))
            headers = tuple((name, value.replace(nonce, NONCE_PLACEHOLDER)) for name, value in headers)
        variants = ()
        if not nonce and encoding.compressible(response):
            variants = tuple(encoding.compress(content).items())
        return cls(
            version=version,
            status=response.status_code,
            headers=headers,
            content=content,
            uses_nonce=bool(nonce),
            variants=variants,
            expires=time.time() + lifetime,
        )

    def size(self):
        """Bytes of the page and its variants (what a process holding it keeps in memory)."""
        return len(self.content) + sum(len(body) for _name, body in self.variants)

    def response(self, request):
        """The complete response for ``request``: a nonce of its own when the page needs one, the encoding the
        request accepts, or a 304 when the client holds the page already."""
        content, headers = self.content, dict(self.headers)
        if self.uses_nonce:
            nonce = new_nonce()
            # What django-csp would have done: later code asking the request for its nonce gets this one.
            request._csp_nonce = nonce
            content = content.replace(NONCE_PLACEHOLDER.encode("ascii"), nonce.encode("ascii"))
            headers = {name: value.replace(NONCE_PLACEHOLDER, nonce) for name, value in headers.items()}
        response = HttpResponse(content, status=self.status, headers=headers)
        response["Content-Length"] = str(len(content))
        response[STATUS_HEADER] = "hit"
        if self.uses_nonce:
            return encoding.compress_response(request, response)
        if self.variants:
            encoding.send(request, response, dict(self.variants))
        return conditional(request, response)

    def prepared(self, request):
        """``(status line, headers, body)`` of this entry for ``request`` as a WSGI server sends it, when they are
        the same for every request that accepts the same encoding (no nonce, no conditional header); else None."""
        if self.uses_nonce or any(name in request.META for name in CONDITIONAL_HEADERS):
            return None
        cache = self.__dict__.get("_prepared")
        if cache is None:
            # Not a field: the entry stays frozen, equal to the one in Redis, and unpickled without it.
            cache = {}
            object.__setattr__(self, "_prepared", cache)
        header = request.META.get("HTTP_ACCEPT_ENCODING", "")
        answer = cache.get(header)
        if answer is None:
            chosen = encoding.accepted(request, dict(self.variants))
            answer = cache.get(("encoding", chosen))
            if answer is None:
                answer = cache[("encoding", chosen)] = self._answer(chosen)
            if len(cache) < PREPARED_LIMIT:
                # By the header as sent (browsers send a handful of spellings): a hit parses none.
                cache[header] = answer
        return answer

    def _answer(self, chosen):
        """The WSGI answer for a request accepting only the encoding ``chosen``, built by ``response``."""
        model = HttpRequest()
        model.method = "GET"
        if chosen:
            model.META["HTTP_ACCEPT_ENCODING"] = chosen
        response = self.response(model)
        return f"{response.status_code} {response.reason_phrase}", tuple(response.items()), response.content
