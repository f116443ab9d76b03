"""Pages whose content changes with the clock alone: an event leaves "coming up" when it ends, a programme's
registration closes at midnight, "this week" becomes "last week" on Monday. No write happens then, so the content
version does not change; instead the code that picks what a page shows by the time says until when its choice
holds (``fresh_until``), and the page cache keeps the page no longer than that (and tells shared caches the same
through ``s-maxage``). The earliest time given while one request renders wins.

A context variable rather than an attribute of the request: the query helpers that know the times (the
opportunities' listings, their template tags) are called without the request.
"""

import contextvars
import datetime

from django.utils import timezone

_until = contextvars.ContextVar("pagecache_fresh_until", default=None)


def fresh_until(when):
    """The page being rendered shows something that may change by itself at ``when`` (an aware datetime, or a
    date: its midnight in the site's time zone)."""
    if when is None:
        return
    if isinstance(when, datetime.date) and not isinstance(when, datetime.datetime):
        when = timezone.make_aware(datetime.datetime.combine(when, datetime.time()))
    current = _until.get()
    if current is None or when < current:
        _until.set(when)


def next_midnight(today=None):
    """The start of tomorrow in the site's time zone: when states decided by the date alone change."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=1)


def start():
    """Begin a request: nothing said yet. Returns the token for ``finish``."""
    return _until.set(None)


def finish(token):
    """End a request: the earliest time said while it rendered (None: none), and forget it."""
    when = _until.get()
    _until.reset(token)
    return when
