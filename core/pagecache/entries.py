"""What the page cache stores for a page, and the response rebuilt from it.

An entry is plain data (status, headers, body, the view's CSP choices), not a pickled response: what the outer
middleware adds per response (the Content-Security-Policy with its nonce, the security headers) is never in it.
A page whose rendering read the CSP nonce is stored with a placeholder in place of the nonce, and every visitor
served from the cache gets a nonce of their own, in the page and in the header alike. That page is compressed per
response, after its nonce is in; every other page is stored with its compressed variants (``encoding.py``), so a
hit compresses nothing.
"""

import hashlib
from dataclasses import dataclass

from django.http import HttpResponse

from . import encoding

# The same length as django-csp's nonces (16 random bytes in base64); no base64 text can contain "!".
NONCE_PLACEHOLDER = "!page-cache-nonce-here!!"

# Headers that belong to one response only.
PER_RESPONSE_HEADERS = frozenset({"content-length", "set-cookie", "date"})


def csp_choices(response):
    """The view's CSP decorators' choices (``csp_replace``, ``csp_exempt``…), which django-csp reads from
    response attributes when it writes the header."""
    return {name: value for name, value in vars(response).items() if name.startswith("_csp")}


def strong_etag(content):
    """A strong entity tag: the digest of the exact bytes sent."""
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


@dataclass(frozen=True)
class Entry:
    """A cached page: ``version`` is the site-wide content version it was rendered under."""

    version: str
    status: int
    headers: tuple
    content: bytes
    csp: dict
    uses_nonce: bool
    # ((encoding, bytes), …) of ``content``; empty for a page too small to compress or holding a nonce. A default,
    # so that an entry stored before compression existed still reads (as one without variants).
    variants: tuple = ()

    @classmethod
    def from_response(cls, response, version, nonce):
        """The entry for ``response``; ``nonce`` is the CSP nonce the page read, if it read one."""
        content = response.content
        if nonce:
            content = content.replace(nonce.encode("ascii"), NONCE_PLACEHOLDER.encode("ascii"))
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in PER_RESPONSE_HEADERS)
        variants = ()
        if not nonce and encoding.compressible(response):
            variants = tuple(encoding.compress(content).items())
        return cls(
            version=version,
            status=response.status_code,
            headers=headers,
            content=content,
            csp=csp_choices(response),
            uses_nonce=bool(nonce),
            variants=variants,
        )

    def response(self, request):
        """A fresh response for ``request``, with a nonce of its own when the page needs one, in the encoding the
        request accepts."""
        content = self.content
        if self.uses_nonce:
            # Reading the lazy nonce is what makes django-csp put it into this response's header.
            content = content.replace(NONCE_PLACEHOLDER.encode("ascii"), str(request.csp_nonce).encode("ascii"))
        response = HttpResponse(content, status=self.status, headers=dict(self.headers))
        response["Content-Length"] = str(len(content))
        for name, value in self.csp.items():
            setattr(response, name, value)
        if self.uses_nonce:
            return encoding.compress_response(request, response)
        if self.variants:
            return encoding.send(request, response, dict(self.variants))
        return response
