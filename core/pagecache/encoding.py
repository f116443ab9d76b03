"""Compressed bodies of public pages: Brotli where the client accepts it, gzip otherwise, identity for the rest.

A page the cache stores is compressed once, when it is stored, and every variant is kept in its entry: a hit
sends the stored bytes of the visitor's encoding and compresses nothing. Each variant has a strong ETag of its
own, the identity ETag with the encoding as a suffix (``"…-br"``, ``"…-gzip"``), so a conditional request is
answered per encoding, and every compressible page says ``Vary: Accept-Encoding``.

Why not Django's GZipMiddleware: it turns a strong ETag into a weak one (``W/"…"``: the compressed bytes are
not the ones the tag was computed on), compresses every response again (a hit included), knows no Brotli, and
sits outside the page cache, so the cache could not store its result. Static files are WhiteNoise's: its
storage writes ``.br`` and ``.gz`` beside each file at collectstatic and serves them by Accept-Encoding.

Only pages that are the same for every anonymous visitor (and the pages holding only a CSP nonce) are
compressed. Pages that carry a secret (a CSRF token, an editor's view) are left as they are: a secret in a
compressed body next to text an attacker chooses leaks through the length (BREACH).
"""

import gzip
import re

import brotli
from django.utils.cache import cc_delim_re, patch_vary_headers

# Below this, the headers outweigh the saving (and gzip's own framing is ~20 bytes).
MIN_SIZE = 1024

# Brotli's quality 5 compresses the listing's 130 KB in a few milliseconds to within ~10 % of quality 11, which
# takes over 100 ms: this runs on every miss.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
# A page compressed for one response only (it holds a visitor's nonce, or is not stored: the page cache off or
# unreachable) pays its compression on every request, so it gets the fastest levels. Measured on the demo
# content (home 17 KB, pathway 55 KB, listing 132 KB): Brotli 1 takes 0.05-0.3 ms where 5 takes 0.2-0.8 ms, a
# fifth of a memoised rendering, for bodies 20-30 % larger, still smaller than gzip's 6.
QUICK_BROTLI_QUALITY = 1
QUICK_GZIP_LEVEL = 1

# In the order the server prefers among those a client accepts equally.
ENCODINGS = ("br", "gzip")

_COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|javascript|xml|xhtml\+xml|ld\+json|rss\+xml|atom\+xml|manifest\+json)|"
    r"image/svg\+xml|[a-z]+/[a-z.+-]*\+(json|xml))",
    re.IGNORECASE,
)


def compressible(response):
    """True when ``response`` is worth compressing and nobody has yet: complete (not streamed), of a text type,
    not already encoded, and at least MIN_SIZE bytes."""
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and bool(_COMPRESSIBLE.match(response.get("Content-Type", "")))
        and len(response.content) >= MIN_SIZE
    )


def _encode(content, encoding, quick):
    if encoding == "br":
        quality = QUICK_BROTLI_QUALITY if quick else BROTLI_QUALITY
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=quality)
    # mtime=0: the same page gives the same bytes, on every app server.
    return gzip.compress(content, compresslevel=QUICK_GZIP_LEVEL if quick else GZIP_LEVEL, mtime=0)


def compress(content, encodings=ENCODINGS, *, quick=False):
    """``{encoding: bytes}`` of ``content`` in each of ``encodings``, keeping only those that make it smaller;
    ``quick``: at the fastest levels, for a body that is sent once."""
    variants = {encoding: _encode(content, encoding, quick) for encoding in encodings}
    return {name: body for name, body in variants.items() if len(body) < len(content)}


def accepted(request, available):
    """The encoding among ``available`` that the request's Accept-Encoding prefers (``None``: identity).

    Quality values are honoured (``br;q=0`` refuses Brotli); among equal ones the server's order
    (:data:`ENCODINGS`) decides; ``*`` stands for any encoding not named."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header or not available:
        return None
    qualities = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        if name.strip():
            qualities[name.strip().lower()] = quality
    wildcard = qualities.get("*", 0.0)
    best, best_quality = None, 0.0
    for name in ENCODINGS:
        quality = qualities.get(name, wildcard)
        if name in available and quality > best_quality:
            best, best_quality = name, quality
    return best


def variant_etag(etag, encoding):
    """The strong ETag of the ``encoding`` variant of the identity body tagged ``etag``."""
    if not etag or not encoding:
        return etag
    return etag[:-1] + "-" + encoding + '"' if etag.endswith('"') else etag


def vary_on_encoding(response):
    """Add ``Accept-Encoding`` to the response's Vary (once)."""
    present = [part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()]
    if "accept-encoding" not in present:
        patch_vary_headers(response, ["Accept-Encoding"])


def send(request, response, variants):
    """Put the variant of ``variants`` (``{encoding: bytes}``) that ``request`` accepts into ``response``, with
    its Content-Encoding, length and ETag; identity when it accepts none."""
    vary_on_encoding(response)
    encoding = accepted(request, variants)
    if encoding is None:
        return response
    response.content = variants[encoding]
    response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(response.content))
    if response.has_header("ETag"):
        response["ETag"] = variant_etag(response["ETag"], encoding)
    return response


def compress_response(request, response):
    """Compress ``response`` for ``request`` now, quickly: a page sent once (one holding a visitor's nonce, or one
    the page cache does not store)."""
    if not compressible(response):
        return response
    encoding = accepted(request, ENCODINGS)
    if encoding is None:
        vary_on_encoding(response)
        return response
    return send(request, response, compress(response.content, (encoding,), quick=True))
