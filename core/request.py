"""Reading what a request asks for, in one place: text and lists of values from the query string, page numbers
and other whole numbers, the client's address, the language of a path.

Python's ``str.isdigit()`` and ``int()`` accept far more than a reader types in an address bar (``"²"`` is a digit
to one and not to the other; ``"٣"`` and ``"①"`` are numbers to ``int()`` or ``isdigit()``), and a number with
twenty digits overflows a database's integer. Every parameter that must be a whole number goes through
:func:`whole_number`: ASCII digits only, bounded, and None for anything else, so that a view can say what it
ignored instead of failing.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost

# What a reader may type is cut to this many characters before it reaches a search backend.
MAX_QUERY_LENGTH = 100
# Characters of one parameter value (a facet option, a sort); longer values are cut.
MAX_VALUE_LENGTH = 100
# Values kept per multi-valued parameter; a real form never sends more.
MAX_VALUES = 50

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# A page past this is not a page any listing of the Hub has; the bound keeps every offset within a 64-bit integer.
MAX_PAGE = 1_000_000
# More digits than any bound here needs: longer text is refused before it is converted.
_MAX_DIGITS = 12


def whole_number(raw, *, minimum=0, maximum=None):
    """``raw`` (text from a query string) as an int when it is ASCII digits only and at least ``minimum``;
    a number above ``maximum`` becomes ``maximum``. None when ``raw`` is no such number."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if not raw or not raw.isascii() or not raw.isdigit():
        return None
    if len(raw) > _MAX_DIGITS:
        return maximum
    number = int(raw)
    if number < minimum:
        return None
    if maximum is not None and number > maximum:
        return maximum
    return number


def page_number(raw):
    """A page number from 1 (at most :data:`MAX_PAGE`), or None when ``raw`` is not one."""
    return whole_number(raw, minimum=1, maximum=MAX_PAGE)


def clean_text(value, max_length=MAX_QUERY_LENGTH):
    """``value`` without control characters (NUL included, which PostgreSQL refuses), spaces collapsed, cut to
    ``max_length`` characters (never ending with the space the cut may fall after)."""
    return " ".join(_CONTROL.sub(" ", value or "").split())[:max_length].rstrip()


def distinct_values(raw_values, max_length=MAX_VALUE_LENGTH):
    """The cleaned values of a multi-valued parameter, without empty ones and repeats, in the order given."""
    values = []
    for raw in raw_values or []:
        value = clean_text(raw, max_length)
        if value and value not in values:
            values.append(value)
    return values


def read_values(request, param, max_values=MAX_VALUES):
    """The cleaned, distinct values of GET parameter ``param``, at most ``max_values`` (a form that repeats a
    parameter thousands of times is cut, not refused)."""
    return distinct_values(request.GET.getlist(param)[: max_values * 2])[:max_values]


def client_address(request):
    """The address the request came from. ``X-Forwarded-For`` is trusted only for as many hops as
    ``HUB_TRUSTED_PROXY_COUNT`` says (default 0: never), since any client can write that header; with N proxies
    of our own in front, the client is the N-th address from the right."""
    proxies = getattr(settings, "HUB_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def language_of_path(path):
    """The site language a path starts with (``/es/framework/`` → ``es``), or None outside the language prefix."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in settings.LANGUAGE_CODES else None


def is_same_origin(request):
    """True when a POST was sent from a page of this site: its ``Origin`` header (which current browsers send
    with every form POST), or when there is none its ``Referer``, names this site's scheme and host, or an
    origin of ``CSRF_TRUSTED_ORIGINS``. False when neither header says so, or when either is missing or
    ``null``: the protection of the forms that carry no CSRF token (the feedback form, docs/performance.md)."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = request.META.get("HTTP_REFERER", "")
        parts = urlsplit(referer)
        if not parts.scheme or not parts.netloc:
            return False
        origin = f"{parts.scheme}://{parts.netloc}"
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    return origin.lower() == own.lower() or origin in settings.CSRF_TRUSTED_ORIGINS
