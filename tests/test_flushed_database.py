"""The session's content survives a flush: transactional tests (the browser ones) empty every table after
themselves, and the tests that run later in the same process must still find the site's pages, Wagtail's root
collection and the Curators group with all its permissions (tests/conftest.py rebuilds them)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, Locale

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
