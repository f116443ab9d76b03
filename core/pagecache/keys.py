"""Which query parameters a page depends on, and the cache key of an anonymous request.

A page is cached under its scheme, host, path (which names its language) and *normalised* query string: only the
parameters its URL name was registered with (:func:`register_params`), sorted by name, so that ``?b=1&a=2`` and
``?a=2&b=1`` share one entry and ``?utm_source=newsletter`` shares the bare page's. The request the view sees is
rewritten to that same normalised query string (``middleware.py``), so a page can never depend on a parameter
that is not in its key: a parameter that a view reads but nobody registered is simply absent for anonymous
visitors, which the view's own tests show at once, instead of a cached page answering for another filter.

A registration may also say which *values* are valid (``register_params("wagtail_serve", sort=SORTS,
page=PAGE_NUMBER, level=SLUG)``): choices, an int range, a regular expression or a callable. Invalid values are
kept for the view, which says on the page what it ignored (a bad query parameter gets a clear message), but such a
request is neither looked up nor stored: ``?sort=aaaa1`` or ``?page=999999`` cannot make one more entry each and
evict real pages.
"""

import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import QueryDict
from django.urls import Resolver404, get_resolver, resolve
from django.utils import translation

# Values for registrations. A slug (Django's unicode slug, at most 100 characters: the longest a SlugField here
# holds); a BCP 47 language tag (a resource's language, ``pt-BR``: not only the four interface languages); a
# page number as a link writes it (no sign, no leading zero), up to 1,000 pages: 20,000 results at 20 a page,
# beyond which a number is more likely a crawler's guess than a page.
SLUG = re.compile(r"[-\w]{1,100}")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")
PAGE_NUMBER = range(1, 1001)

# url name -> {param: {spec: validator}}; the spec None (any value) has the validator None. Keyed by spec, so that
# registering again (ready() runs twice when tests re-populate the app registry) adds nothing.
_PARAMS = {}


def _in_range(spec):
    return lambda value: value.isascii() and value.isdigit() and str(int(value)) == value and int(value) in spec


def _matches(spec):
    return lambda value: spec.fullmatch(value) is not None


def _one_of(spec):
    return lambda value: value in spec


def _validator(spec):
    """``(key, value -> bool)`` for a registration's ``spec``; ``(None, None)`` accepts any value."""
    if spec is None:
        return None, None
    if isinstance(spec, range):
        return spec, _in_range(spec)
    if isinstance(spec, re.Pattern):
        return spec, _matches(spec)
    if isinstance(spec, type) and hasattr(spec, "values"):
        # Django's TextChoices (callable and iterable, so tested first).
        spec = spec.values
    if callable(spec):
        return spec, spec
    if isinstance(spec, str):
        raise TypeError(f"Page cache parameter values given as a string {spec!r}: give a collection of choices.")
    choices = frozenset(spec)
    return choices, _one_of(choices)


def register_params(url_name, *params, **validated):
    """Declare that the pages of ``url_name`` (``"pathways:start"``, ``"wagtail_serve"`` for every Wagtail page)
    depend on the query parameters ``params`` (any value) and ``validated`` (only the values its spec accepts:
    choices, an int ``range``, a compiled regular expression matched in full, or a callable of the value alone:
    its answers are remembered per process). Called from an
    app's ``AppConfig.ready()``; calls add up, and a value is kept when any registration of its name accepts it
    (two apps' pages share ``wagtail_serve``: a name registered once without a spec accepts everything)."""
    registered = _PARAMS.setdefault(url_name, {})
    _QUERIES.clear()
    for name, spec in [(name, None) for name in params] + list(validated.items()):
        key, check = _validator(spec)
        registered.setdefault(name, {})[key] = check


def params_for(url_name):
    """The parameters registered for ``url_name`` (none for a URL name nobody registered)."""
    return frozenset(_PARAMS.get(url_name, {}))


def valid_value(url_name, param, value):
    """True when some registration of ``param`` for ``url_name`` accepts ``value``."""
    checks = _PARAMS.get(url_name, {}).get(param, {}).values()
    return any(check is None or check(value) for check in checks)


# (resolver, path, language) -> view name or None: the URL patterns of a process do not change while it runs, and
# resolving a path through the language prefixes and Wagtail's catch-all costs more than the rest of a hit. Emptied
# when full, so that a crawler's made-up paths cannot make it grow.
_NAMES = {}
_NAMES_LIMIT = 4096


def url_name(path, lang):
    """The view name ``path`` resolves to, in ``lang`` (i18n_patterns match the active language's prefix), or
    None when it resolves to nothing."""
    memo = (get_resolver(), path, lang)
    try:
        return _NAMES[memo]
    except KeyError:
        pass
    with translation.override(lang):
        try:
            name = resolve(path).view_name
        except Resolver404:
            name = None
    if len(_NAMES) >= _NAMES_LIMIT:
        _NAMES.clear()
    _NAMES[memo] = name
    return name


def normalised_query(query_string, allowed):
    """``query_string`` with only the ``allowed`` parameters, sorted by name: one spelling for every order of
    writing the same request. The values of one parameter keep their order and repeats: views read them in the
    order given (which of too many values are kept, the order of the "remove this filter" links)."""
    if not query_string or not allowed:
        return ""
    query = QueryDict(query_string)
    pairs = [(name, value) for name in sorted(set(query) & allowed) for value in query.getlist(name)]
    return urlencode(pairs)


# (url name, query string as sent) -> (query, valid): parsing, sorting and checking the values of a filtered
# listing's query string cost as much as the rest of a hit. Bounded as _NAMES is, and emptied by a registration.
_QUERIES = {}


def normalised_query_for(url_name, query_string):
    """``(query, valid)``: ``query_string`` as the page cache keys the pages of ``url_name`` (registered parameters
    only, sorted), and whether every value in it is one its registration accepts. An invalid value stays in the
    query, so that the view names it on the page; the middleware then leaves that request out of the cache."""
    if not query_string:
        return "", True
    memo = (url_name, query_string)
    try:
        return _QUERIES[memo]
    except KeyError:
        pass
    query = normalised_query(query_string, params_for(url_name))
    pairs = QueryDict(query).lists()
    answer = query, all(valid_value(url_name, name, value) for name, values in pairs for value in values)
    if len(_QUERIES) >= _NAMES_LIMIT:
        _QUERIES.clear()
    _QUERIES[memo] = answer
    return answer


# The settings that decide the headers an entry is stored with (entries.py: the security middleware's, the
# policies'): a deploy that changes one of them stores pages under new keys instead of serving the old headers.
HEADER_SETTINGS = (
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "PERMISSIONS_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "X_FRAME_OPTIONS",
    "LANGUAGE_CODE",
)
# Bumped when what an entry holds changes shape (2: every header as sent, from the first middleware; 3: the time it
# expires).
ENTRY_FORMAT = 3


_fingerprint = None


def settings_fingerprint():
    """A short digest of :data:`HEADER_SETTINGS` and the entry format (worked out once per process)."""
    global _fingerprint
    if _fingerprint is None:
        values = repr([ENTRY_FORMAT] + [(name, getattr(settings, name, None)) for name in HEADER_SETTINGS])
        _fingerprint = hashlib.blake2b(values.encode("utf-8"), digest_size=6).hexdigest()
    return _fingerprint


@receiver(setting_changed)
def _forget_fingerprint(setting, **kwargs):
    # Tests override settings; a deploy restarts the process.
    global _fingerprint
    if setting in HEADER_SETTINGS:
        _fingerprint = None


def cache_key(scheme, host, path, query):
    """The page cache's key for a request (a digest: paths and queries may be long and in any script)."""
    raw = "\n".join((settings_fingerprint(), scheme, host, path, query)).encode("utf-8", "surrogateescape")
    return "page:" + hashlib.blake2b(raw, digest_size=20).hexdigest()
