"""Test settings: fast hashing, local memory cache, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# An in-memory cache keeps query counts about the Hub's own queries (Redis in production issues no SQL either);
# the tests that need a cache shared by several processes start real servers on the database cache
# (tests/core/test_shared_limits.py). django-ratelimit refuses a per-process cache in its checks: not here.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
}
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Whatever the shell says, the tests' own processes tell no frontend cache anything (the scale-out tests start
# real servers with FRONTEND_CACHE_URL of their own Varnish).
WAGTAILFRONTENDCACHE = {}
