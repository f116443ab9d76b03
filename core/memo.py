"""What pages derive from the content alone, computed once per process and content version.

The page cache (core/pagecache) keeps whole pages; this keeps the parts many renderings share — the matrix's
levels with their items, a pathway's steps, the opportunities "coming up" — for a rendering the page cache did not
serve (a miss, an editor, ``PAGE_CACHE=0``). An entry is kept under the site-wide content version
(core/pagecache/versions.py), which every write replaces in the shared cache: every process reads the version
once per request (one cache read; with Django's database cache one ``SELECT`` of the cache's own table) and drops
all its entries when it has changed, so a change is seen on the next request everywhere. Keys name the active
language: two languages never share an entry.

Some values also change with the clock (an opportunity leaves "coming up" when it ends). What the computation
said with ``core.pagecache.fresh_until`` is kept with the entry: the entry is dropped once that moment passes,
and every request served from it says the same to the page cache, so the page is cached no longer than if the
value had been computed afresh.

A value is shared by every later request of this process and must be treated as read-only by its callers.
"""

import threading
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.http import parse_cookie
from django.utils import timezone
from django.utils.translation import get_language

from core.pagecache import freshness, versions

# Entries per process; past this, the least recently used one makes room (addresses that no page answers are
# never kept, so only pages that exist compete for room).
MAX_ENTRIES = 4000

_lock = threading.Lock()
_entries = OrderedDict()
_entries_version = None
# The version read for the request being served: None outside a request (read at every call), "" inside one
# before the first read.
_request_version = ContextVar("memo_request_version", default=None)


# Whether the request being served may share the memo (see ``is_shared``): decided from the request itself when it
# starts, so that every use (routes, page contexts, fragments) follows it, not only those given the request.
_request_shared = ContextVar("memo_request_shared", default=True)


def _environ_is_shared(environ):
    if environ is None:
        return True
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    return environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in cookies


def _start_request(environ=None, **kwargs):
    _request_version.set("")
    _request_shared.set(_environ_is_shared(environ))


def _end_request(**kwargs):
    _request_version.set(None)
    _request_shared.set(True)


request_started.connect(_start_request, dispatch_uid="core.memo.request_started")
request_finished.connect(_end_request, dispatch_uid="core.memo.request_finished")


def _version():
    """The content version, read once per request, and at every call outside one (a command, a test); None when
    the cache cannot be reached."""
    version = _request_version.get()
    if version is None:
        return versions.current()
    if version == "":
        # An unreachable cache is remembered for the request too ("-"): each read would wait for its timeout
        # again, once per fragment, and a page has several.
        version = versions.current() or "-"
        _request_version.set(version)
    return None if version == "-" else version


def memoised(name, key, compute, keep=None):
    """``compute()``, or the value it gave this process for ``name`` and ``key`` in the active language under the
    current content version (and before any moment it passed to ``fresh_until``). ``keep(value)``, when given,
    says whether a value just computed may be kept (false: it is returned and forgotten)."""
    global _entries_version
    if not _request_shared.get():
        # An editor's request (a session) or a POST: what it reads may differ from what visitors see (a draft,
        # the primary database rather than the replica), so it neither reads nor fills the memo.
        return compute()
    version = _version()
    if not version:
        return compute()
    full_key = (name, get_language(), key)
    with _lock:
        if version != _entries_version:
            _entries.clear()
            _entries_version = version
        entry = _entries.get(full_key)
        if entry is not None:
            _entries.move_to_end(full_key)
    if entry is not None:
        until, value = entry
        if until is None or timezone.now() < until:
            freshness.fresh_until(until)
            return value
    token = freshness.start()
    try:
        value = compute()
    finally:
        until = freshness.finish(token)
    freshness.fresh_until(until)
    if keep is not None and not keep(value):
        return value
    with _lock:
        # Kept only under the version read before computing: a change meanwhile leaves it out.
        if version == _entries_version:
            _entries[full_key] = (until, value)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return value


def is_shared(request):
    """Whether a rendering for ``request`` may use the memo: an anonymous ``GET`` or ``HEAD``, not a preview. An
    editor's requests (with a session cookie) and Wagtail's previews (a draft, under the live page's id) may show
    what visitors must not see, so they neither read nor fill it."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def memoised_for(request, name, key, compute, keep=None):
    """:func:`memoised` for a rendering for ``request``, or ``compute()`` when the request may not share it."""
    if not is_shared(request):
        return compute()
    return memoised(name, key, compute, keep=keep)


def request_key(request):
    """What a rendering for an anonymous visitor may read of the request: the scheme, host, path and every
    parameter of the query string (as a key for :func:`memoised`)."""
    parameters = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    return (request.scheme, request.get_host(), request.path, parameters)


def clear():
    """Forget every entry (tests; the content version does this in production)."""
    global _entries_version
    with _lock:
        _entries.clear()
        _entries_version = None
    _request_version.set(None)
    _request_shared.set(True)
