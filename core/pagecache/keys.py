"""Which query parameters a page depends on, and the cache key of an anonymous request.

A page is cached under its scheme, host, path (which names its language) and *normalised* query string: only the
parameters its URL name was registered with (:func:`register_params`), sorted by name, so that ``?b=1&a=2`` and
``?a=2&b=1`` share one entry and ``?utm_source=newsletter`` shares the bare page's. The request the view sees is
rewritten to that same normalised query string (``middleware.py``), so a page can never depend on a parameter
that is not in its key: a parameter that a view reads but nobody registered is simply absent for anonymous
visitors, which the view's own tests show at once, instead of a cached page answering for another filter.
"""

import hashlib
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation

_PARAMS = {}


def register_params(url_name, *params):
    """Declare that the pages of ``url_name`` (``"pathways:start"``, ``"wagtail_serve"`` for every Wagtail page)
    depend on the query parameters ``params``. Called from an app's ``AppConfig.ready()``; calls add up."""
    _PARAMS[url_name] = _PARAMS.get(url_name, frozenset()) | frozenset(params)


def params_for(url_name):
    """The parameters registered for ``url_name`` (none for a URL name nobody registered)."""
    return _PARAMS.get(url_name, frozenset())


def url_name(path, lang):
    """The view name ``path`` resolves to, in ``lang`` (i18n_patterns match the active language's prefix), or
    None when it resolves to nothing."""
    with translation.override(lang):
        try:
            return resolve(path).view_name
        except Resolver404:
            return None


def normalised_query(query_string, allowed):
    """``query_string`` with only the ``allowed`` parameters, sorted by name: one spelling for every order of
    writing the same request. The values of one parameter keep their order and repeats: views read them in the
    order given (which of too many values are kept, the order of the "remove this filter" links)."""
    if not query_string or not allowed:
        return ""
    query = QueryDict(query_string)
    pairs = [(name, value) for name in sorted(set(query) & allowed) for value in query.getlist(name)]
    return urlencode(pairs)


def cache_key(scheme, host, path, query):
    """The page cache's key for a request (a digest: paths and queries may be long and in any script)."""
    raw = "\n".join((scheme, host, path, query)).encode("utf-8", "surrogateescape")
    return "page:" + hashlib.blake2b(raw, digest_size=20).hexdigest()
