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
"""

import base64
import hashlib
import os
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import encoding

# The same length as django-csp's nonces (16 random bytes in base64); no base64 text can contain "!".
NONCE_PLACEHOLDER = "!page-cache-nonce-here!!"

# Headers that belong to one response only.
PER_RESPONSE_HEADERS = frozenset({"content-length", "set-cookie", "date"})

# Says how the response was made: "hit" (from the cache), "miss" (rendered, then stored), "pass" (not cacheable).
STATUS_HEADER = "X-Page-Cache"


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

    @classmethod
    def from_response(cls, response, version, nonce):
        """The entry for ``response`` as it leaves the whole middleware stack; ``nonce`` is the CSP nonce the
        page read, if it read one."""
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
