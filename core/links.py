"""Addresses of the Hub's own views, remembered for the process."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@functools.lru_cache(maxsize=8192)
def _reversed(name, kwargs, language, prefix, urlconf, root_urlconf):
    return reverse(name, kwargs=dict(kwargs))


def cached_reverse(name, **kwargs):
    """``reverse(name, kwargs=kwargs)``, remembered for the process: the URL patterns never change while it runs,
    so an address depends only on its name, its arguments, the active language (the ``/es/`` prefix), the script
    prefix and the URLconf (the request's or the settings'), which are all in the key. A page that links every
    framework item reversed each one on every rendering (250 on the matrix, a sixth of its time)."""
    return _reversed(
        name, tuple(sorted(kwargs.items())), get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF
    )
