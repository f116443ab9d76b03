"""WSGI entry point (gunicorn hub.wsgi); production settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")

application = get_wsgi_application()

# Page-cache hits are answered before Django's request handling (core/pagecache/wsgi.py); imported once Django is
# set up.
from core.pagecache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(application)

# What the first request after a restart would otherwise build on its own: URL resolvers, compiled
# templates, the four languages' catalogues, Wagtail's page types, one rendering of the main pages
# (hub/warmup.py; each step logs and carries on when it fails, a database that is down included).
# HUB_WARMUP=0 skips it (benchmarks/load.py compares both).
if os.environ.get("HUB_WARMUP", "1") != "0":
    from hub.warmup import warm

    warm(application)

# What is loaded by now (Django, Wagtail, every app's models and modules, the warm-up's templates and
# catalogues) lives as long as the process.
# Freezing it takes it out of the garbage collector's full passes, which would otherwise scan all of it
# each time: with the Hub loaded, a full pass in the middle of a request took about 140 ms, and about
# 30 ms once frozen (benchmarks/resources_listing.py). A server that forks its workers after loading
# the app also keeps those pages shared between them.
gc.collect()
gc.freeze()
