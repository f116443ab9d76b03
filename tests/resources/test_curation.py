"""Curation: the moderation workflow keeps drafts off the site, the Curators group can do its work and no more,
and the "Resources needing review" report lists overdue guides, the longest overdue first."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from resources.factories import ResourcePageFactory
from resources.models import ResourcePage
from resources.wagtail_hooks import resources_needing_review


@pytest.fixture
def curators(db):
    """The Curators group as its data migration made it. A flush by a transactional test empties the group's
    table; the session rebuilds it after every flush (tests/conftest.py, proven by tests/test_flushed_database.py)."""
    return Group.objects.get(name="Curators")


@pytest.fixture
def curator(curators, resource_index):
    resource_index.grant_curators()
    user = User.objects.create_user("curator", "curator@example.org", "pw")
    user.groups.add(curators)
    return user


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", "moderator@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_submitted_resource_is_not_public_until_approved(client, resource_index, curator, moderator):
    page = ResourcePage(
        title="Draft guide", title_en="Draft guide", slug="draft-guide", summary_en="Soon.", resource_type="guide"
    )
    page.live = False
    resource_index.add_child(instance=page)
    page.save_revision(user=curator)
    workflow = page.get_workflow()
    assert workflow is not None, "Wagtail's default moderation workflow applies to resource pages"
    state = workflow.start(page, curator)
    assert client.get("/en/resources/draft-guide/").status_code == 404

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.revisions.count() == 1
    assert client.get("/en/resources/draft-guide/").status_code == 200


def test_moderator_sees_the_submission_in_the_admin(client, resource_index, curator, moderator):
    page = ResourcePageFactory(slug="edited", live=False)
    page.save_revision(user=curator)
    page.get_workflow().start(page, curator)
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Awaiting your review" in response.content.decode()


def test_curators_group_has_its_permissions(curators):
    codenames = set(curators.permissions.values_list("codename", flat=True))
    assert "access_admin" in codenames
    for model in ("engagementlevel", "skill", "behavior", "activity", "source"):
        assert {f"view_{model}", f"add_{model}", f"change_{model}"} <= codenames
        assert f"delete_{model}" not in codenames
    assert {"view_resourcesuggestion", "change_resourcesuggestion"} <= codenames
    collection_codenames = {p.permission.codename for p in curators.collection_permissions.all()}
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= collection_codenames


def test_curators_may_add_edit_and_publish_under_the_index(curators, resource_index):
    resource_index.grant_curators()
    granted = GroupPagePermission.objects.filter(group=curators, page=resource_index)
    assert {p.permission.codename for p in granted} == {"add_page", "change_page", "publish_page"}


def test_curator_opens_resource_editor_and_framework_snippets_but_not_users(client, curator, home_page):
    page = ResourcePageFactory()
    client.force_login(curator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", page.get_parent().pk])
    assert client.get(add_url).status_code == 200
    assert client.get(reverse("wagtailsnippets_framework_skill:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_framework_engagementlevel:list")).status_code == 200
    assert curator.has_perm("resources.change_resourcesuggestion")
    assert client.get(reverse("wagtailusers_users:index")).status_code != 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk])).status_code != 200


def test_loaded_index_is_open_to_curators(curators, home_page, framework_items, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "empty.yaml"
    path.write_text("resources: []\n", encoding="utf-8")
    call_command("load_demo_resources", str(path), verbosity=0)
    assert GroupPagePermission.objects.filter(group=curators, page__slug="resources").count() == 3


@pytest.fixture
def overdue(resource_index):
    today = timezone.localdate()
    return {
        "fresh": ResourcePageFactory(title="Fresh", slug="fresh", last_reviewed=today),
        "old": ResourcePageFactory(title="Old", slug="old", last_reviewed=today - datetime.timedelta(days=700)),
        "oldest": ResourcePageFactory(
            title="Oldest", slug="oldest", last_reviewed=today - datetime.timedelta(days=1000)
        ),
        "due": ResourcePageFactory(
            title="Due date passed", slug="due", last_reviewed=today, review_by=today - datetime.timedelta(days=100)
        ),
    }


def test_needs_review_lists_overdue_resources_oldest_first(overdue):
    assert [page.slug for page in resources_needing_review()] == ["oldest", "old", "due"]


def test_needs_review_report_links_to_the_editor(client, curator, overdue):
    client.force_login(curator)
    response = client.get(reverse("resources_needs_review"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = [(a.get_text(strip=True), a["href"]) for a in soup.select("table tbody td a")]
    titles = [title for title, _href in links]
    assert titles == ["Oldest", "Old", "Due date passed"]
    assert links[0][1] == reverse("wagtailadmin_pages:edit", args=[overdue["oldest"].pk])


def test_needs_review_report_is_in_the_reports_menu(client, curator):
    client.force_login(curator)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("resources_needs_review") in response.content.decode()


def test_needs_review_report_is_for_editors_only(client, overdue):
    response = client.get(reverse("resources_needs_review"))
    assert response.status_code == 302
    # Into the admin, but without any page permission.
    admin_only = Group.objects.create(name="Admin only")
    admin_only.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user("reader", "reader@example.org", "pw")
    user.groups.add(admin_only)
    client.force_login(user)
    assert client.get(reverse("resources_needs_review")).status_code != 200
