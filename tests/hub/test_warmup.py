"""The boot-time warm-up (hub/warmup.py, issue #15 point 4: the first request after a restart under 300 ms):
what the first request would otherwise build is built at boot, and a database that is down does not stop it."""

import logging
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.template import engines

from hub import warmup


def cached_templates():
    loader = engines["django"].engine.template_loaders[0]
    return loader.get_template_cache


def test_the_warm_up_compiles_the_templates_and_carries_on_when_the_database_is_down(caplog):
    cached_templates().clear()
    down = OperationalError("connection refused")
    with (
        mock.patch("django.contrib.contenttypes.models.ContentTypeManager.get_for_models", side_effect=down),
        caplog.at_level(logging.INFO, logger="hub.warmup"),
    ):
        warmup.warm()
    assert {"base.html", "hub/home_page.html", "resources/resource_index_page.html"} <= set(cached_templates())
    messages = [record.getMessage() for record in caplog.records]
    assert "Warm-up step _page_types failed; the first request pays for it" in messages
    assert any(message.startswith("Warm-up step _templates: ") for message in messages)


# As at boot, no transaction is open: the warm-up's requests end as every request does, with Django closing a
# connection that is not in autocommit (on PostgreSQL, a test's wrapping transaction would be closed under it).
@pytest.mark.django_db(transaction=True)
def test_the_warm_up_renders_the_main_pages_without_storing_them(caplog, home_page):
    from django.core.cache import caches
    from django.core.handlers.wsgi import WSGIHandler

    caches["pages"].clear()
    with caplog.at_level(logging.INFO, logger="hub.warmup"):
        warmup.warm(WSGIHandler())
    messages = [record.getMessage() for record in caplog.records]
    for code in ("en", "es", "fr", "ar"):
        assert f"Warm-up request /{code}/: 200 OK" in messages
    # Rendered past the page cache: the first visitor's page is rendered for them, not served from a boot.
    assert not caches["pages"]._cache
