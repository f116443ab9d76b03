"""The session's content survives a flush: transactional tests (the browser ones) empty every table after
themselves, and the tests that run later in the same process must still find what the session set up: the site's
pages, what migrations wrote (Wagtail's groups and moderation workflow, the Curators and Translators groups, the
site settings), and sequences that do not hand out a key already taken (tests/conftest.py loads a copy back after
the flush)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, Locale, Page, Workflow

from core.models import HubSettings
from hub.models import HomePage


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_site_as_the_session_set_it_up():
    call_command("flush", interactive=False, verbosity=0)

    assert HomePage.objects.get().url == "/en/"
    assert Locale.objects.filter(language_code="en").exists()
    root = Collection.objects.get(depth=1)
    curators = Group.objects.get(name="Curators")
    assert "access_admin" in set(curators.permissions.values_list("codename", flat=True))
    collection_rights = GroupCollectionPermission.objects.filter(group=curators, collection=root)
    assert set(collection_rights.values_list("permission__codename", flat=True)) == {
        "add_image",
        "choose_image",
        "add_document",
        "choose_document",
    }
    assert {"Moderators", "Editors", "Translators"} <= set(Group.objects.values_list("name", flat=True))
    translators = Group.objects.get(name="Translators")
    assert list(translators.page_permissions.values_list("permission__codename", flat=True)) == ["change_page"]
    assert Workflow.objects.filter(active=True).exists()
    assert HubSettings.objects.exists()
    # A new row gets a key of its own.
    home = HomePage.objects.get()
    child = home.add_child(instance=Page(title="After the flush", slug="after-the-flush"))
    assert child.pk > home.pk
