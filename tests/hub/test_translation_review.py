"""Priority languages and review (issue #12, point 4), through the real admin: a guide required to be complete in
the priority languages is not published without them (the message names what is missing, the live page stays as
it was, a draft still saves); the Translators group (made by a data migration) edits the Arabic of a guide and of
a skill but cannot publish, delete or change English; a reviewer's tick takes the "awaiting review" line off the
public page."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from core.models import HubSettings
from framework.factories import EngagementLevelFactory, SkillFactory
from framework.models import Skill
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from resources.models import ResourcePage
from tests.admin_forms import form_values

ARABIC = {
    "summary_ar": "أجرِ تعديلًا صغيرًا على مقالة واحفظه.",
    "estimated_time_ar": "30 دقيقة",
    "audience_ar": "المحررون الجدد",
}
ARABIC_TITLE = "تعديلك الأول"
TEAM_UNREVIEWED = {"origin": "team", "reviewed": False}
REVIEW_LINE = ".hub-translation-status__review"


@pytest.fixture
def guide(home_page):
    ResourceIndexPageFactory()
    return ResourcePageFactory(
        slug="first-edit",
        title="Your first edit",
        summary="Make a small change to an article and save it.",
        require_priority_languages=True,
        **ARABIC,
    )


@pytest.fixture
def arabic_first(db):
    hub = HubSettings.current()
    hub.priority_languages = ["ar"]
    hub.save()
    return hub


@pytest.fixture
def translator(db):
    user = get_user_model().objects.create_user("layla", "layla@example.org", "pw")
    user.groups.add(Group.objects.get(name="Translators"))
    client = Client()
    client.force_login(user)
    return client


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def errors(response):
    """What the admin tells the user after a post: its messages and field errors."""
    soup = soup_of(response)
    return " ".join(
        element.get_text(" ", strip=True) for element in soup.select(".messages, .error-message, .help-critical")
    )


def post_guide(client, page, publish=False, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    values = form_values(client.get(url).content.decode(), field="title_en")
    for code in ("en", "es", "fr", "ar"):
        values.setdefault(f"body_{code}-count", ["0"])
    for name, value in changes.items():
        values[name] = value if isinstance(value, list) else [value]
    if publish:
        values["action-publish"] = ["action-publish"]
    return client.post(url, values)


def live(page):
    return ResourcePage.objects.get(pk=page.pk)


def latest_draft(page):
    return live(page).get_latest_revision_as_object()


# --- The group ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_translators_group_and_its_permissions_exist_after_the_migrations():
    from wagtail.models import GroupPagePermission, Page

    group = Group.objects.get(name="Translators")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("wagtailadmin", "access_admin") in codenames
    for app_label, model in [("framework", "skill"), ("framework", "engagementlevel"), ("pathways", "role")]:
        assert {(app_label, f"view_{model}"), (app_label, f"change_{model}")} <= codenames
    assert ("resources", "change_resourcetag") in codenames
    assert not [codename for _app, codename in codenames if codename.startswith(("add_", "delete_"))]
    page_permissions = GroupPagePermission.objects.filter(group=group)
    assert [(grant.page_id, grant.permission.codename) for grant in page_permissions] == [
        (Page.objects.get(depth=1).pk, "change_page")
    ]


@pytest.mark.django_db
def test_the_group_migration_runs_twice_without_change_and_reverses():
    import importlib
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = importlib.import_module("pathways.migrations.0008_translators_group")
    apps = MigrationExecutor(connection).loader.project_state(("pathways", "0008_translators_group")).apps
    editor = SimpleNamespace(connection=connection)

    def grants():
        group = Group.objects.get(name="Translators")
        return (
            sorted(group.permissions.values_list("codename", flat=True)),
            sorted(group.page_permissions.values_list("page_id", "permission__codename")),
            group.collection_permissions.count(),
        )

    before = grants()
    migration.create_translators(apps, editor)
    assert grants() == before
    migration.remove_translators(apps, editor)
    assert not Group.objects.filter(name="Translators").exists()
    migration.create_translators(apps, editor)
    assert grants() == before


# --- Priority languages ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_settings_name_the_priority_languages_with_a_checkbox_each(admin_client):
    response = admin_client.get("/admin/settings/core/hubsettings/", follow=True)
    url, html = response.request["PATH_INFO"], response.content.decode()
    boxes = soup_of(response).select('input[type=checkbox][name="priority_languages"]')
    assert sorted(box["value"] for box in boxes) == ["ar", "es", "fr"]
    values = form_values(html, field="licence_name")
    values["priority_languages"] = ["es", "ar"]
    values["require_priority_languages"] = ["on"]
    assert admin_client.post(url, values).status_code == 302
    hub = HubSettings.current()
    assert hub.priority_language_codes() == ["es", "ar"] and hub.require_priority_languages


def test_publishing_a_guide_missing_a_priority_language_is_refused_naming_what_is_missing(
    admin_client, client, guide, arabic_first
):
    response = post_guide(admin_client, guide, publish=True, summary_en="Make one small change and save it.")
    assert response.status_code == 200
    message = errors(response)
    assert "cannot be published until it is complete in the site's priority languages" in message
    assert "Missing in Arabic: Title." in message
    # Nothing was published: the live guide still says what it said.
    assert live(guide).summary_en == "Make a small change to an article and save it."
    assert "Make one small change" not in client.get("/en/resources/first-edit/").content.decode()

    # Saving a draft still works.
    assert post_guide(admin_client, guide, summary_en="Make one small change and save it.").status_code == 302
    assert latest_draft(guide).summary_en == "Make one small change and save it."
    assert live(guide).summary_en == "Make a small change to an article and save it."

    # With the Arabic title the guide is complete in Arabic and goes live.
    assert post_guide(admin_client, guide, publish=True, title_ar=ARABIC_TITLE).status_code == 302
    assert live(guide).summary_en == "Make one small change and save it."
    assert ARABIC_TITLE in client.get("/ar/resources/first-edit/").content.decode()


def test_the_message_names_every_missing_field_per_language(admin_client, guide, arabic_first):
    arabic_first.priority_languages = ["fr", "ar"]
    arabic_first.save()
    message = errors(post_guide(admin_client, guide, publish=True, audience_ar=""))
    assert "Missing in French: Title, Summary, Audience, Estimated time." in message
    assert "Missing in Arabic: Title, Audience." in message


def test_in_the_arabic_admin_the_missing_fields_are_listed_with_the_arabic_comma(
    admin_client, admin_user, guide, arabic_first
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ar"
    profile.save()
    arabic_first.priority_languages = ["fr"]
    arabic_first.save()
    message = errors(post_guide(admin_client, guide, publish=True, summary_en="Changed."))
    sentence = next(part for part in message.split(".") if "ناقص في" in part)
    assert "، " in sentence and ", " not in sentence


def test_the_site_switch_holds_back_every_guide_and_without_it_only_marked_ones(admin_client, guide, arabic_first):
    guide.require_priority_languages = False
    guide.save_revision().publish()
    assert post_guide(admin_client, guide, publish=True, summary_en="Changed once.").status_code == 302
    assert live(guide).summary_en == "Changed once."

    arabic_first.require_priority_languages = True
    arabic_first.save()
    response = post_guide(admin_client, guide, publish=True, summary_en="Changed twice.")
    assert "Missing in Arabic: Title." in errors(response)
    assert live(guide).summary_en == "Changed once."


# --- Translators -------------------------------------------------------------------------------------------------


def test_a_translator_saves_the_arabic_title_of_a_guide_as_a_draft_and_cannot_publish(translator, guide):
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    page = translator.get(url)
    assert page.status_code == 200
    assert 'name="action-publish"' not in page.content.decode()
    # English and structure are shown locked; the Arabic is open.
    soup = soup_of(page)
    assert soup.select_one("[name=title_en]").has_attr("disabled")
    assert soup.select_one("[name=slug]").has_attr("disabled")
    assert not soup.select_one("[name=title_ar]").has_attr("disabled")

    assert post_guide(translator, guide, title_ar=ARABIC_TITLE).status_code == 302
    assert latest_draft(guide).title_ar == ARABIC_TITLE
    assert not live(guide).title_ar

    # A forced publish saves a draft and publishes nothing.
    post_guide(translator, guide, publish=True, title_ar=ARABIC_TITLE + "!")
    assert latest_draft(guide).title_ar == ARABIC_TITLE + "!"
    assert not live(guide).title_ar and live(guide).has_unpublished_changes


def test_a_translator_cannot_delete_a_guide(translator, guide):
    url = reverse("wagtailadmin_pages:delete", args=[guide.pk])
    assert translator.get(url).status_code in (302, 403)
    assert translator.post(url).status_code in (302, 403)
    assert ResourcePage.objects.filter(pk=guide.pk).exists()


def test_a_translators_post_changing_the_english_title_is_refused(translator, guide):
    response = post_guide(translator, guide, title_en="Vandalised", title_ar=ARABIC_TITLE)
    assert response.status_code == 200
    message = errors(response)
    assert "Translators change only the translations; nothing was saved." in message and "Title" in message
    assert latest_draft(guide).title_en == "Your first edit" and not latest_draft(guide).title_ar
    # Structure sent by a forged post is ignored the same way.
    post_guide(translator, guide, slug="elsewhere", curator_notes="mine now")
    assert latest_draft(guide).slug == "first-edit" and latest_draft(guide).curator_notes == ""


@pytest.fixture
def skill(db):
    level = EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    return SkillFactory(
        slug="communication",
        name_en="Communication",
        description_en="Explaining an idea so that others can act on it.",
        description_ar="شرح فكرة بحيث يستطيع الآخرون العمل بها.",
        levels=[level],
        translation_origin={"ar": {"description": TEAM_UNREVIEWED}},
    )


def post_skill(client, skill, **changes):
    url = reverse("wagtailsnippets_framework_skill:edit", args=[skill.pk])
    values = form_values(client.get(url).content)
    for name, value in changes.items():
        values[name] = value if isinstance(value, list) else [value]
    return client.post(url, values)


def test_a_translator_edits_a_skills_arabic_but_not_its_english_and_cannot_delete_it(translator, skill):
    assert post_skill(translator, skill, name_ar="التواصل").status_code == 302
    assert Skill.objects.get(pk=skill.pk).name_ar == "التواصل"

    response = post_skill(translator, skill, name_en="Shouting")
    assert response.status_code == 200 and "Translators change only the translations" in errors(response)
    assert Skill.objects.get(pk=skill.pk).name_en == "Communication"

    delete_url = reverse("wagtailsnippets_framework_skill:delete", args=[skill.pk])
    assert translator.get(delete_url).status_code in (302, 403)
    assert translator.post(delete_url).status_code in (302, 403)
    assert Skill.objects.filter(pk=skill.pk).exists()


# --- Review ------------------------------------------------------------------------------------------------------


def review_line(client, path):
    return soup_of(client.get(path)).select_one(REVIEW_LINE)


def test_a_translators_review_takes_the_awaiting_review_line_off_the_guide_once_published(
    translator, admin_client, client, guide
):
    guide.title_ar = ARABIC_TITLE
    guide.summary_es = "Haz un pequeño cambio en un artículo y guárdalo."
    guide.translation_origin = {
        "ar": dict.fromkeys(("title", "summary", "estimated_time", "audience"), TEAM_UNREVIEWED),
        "es": {"summary": TEAM_UNREVIEWED},
    }
    guide.save_revision().publish()
    assert review_line(client, "/ar/resources/first-edit/") is not None

    assert post_guide(translator, guide, translations_reviewed=["ar"]).status_code == 302
    # The translator cannot publish: the review waits in the draft until an editor publishes it.
    assert review_line(client, "/ar/resources/first-edit/") is not None
    assert post_guide(admin_client, guide, publish=True).status_code == 302

    assert review_line(client, "/ar/resources/first-edit/") is None
    assert live(guide).translation_origin["ar"]["title"] == {"origin": "team", "reviewed": True}
    # Spanish was not ticked: still awaiting review.
    assert review_line(client, "/es/resources/first-edit/") is not None


def test_a_review_of_a_skill_shows_at_once_and_a_later_rewrite_needs_review_again(translator, client, skill):
    path = "/ar/framework/skills/communication/"
    assert review_line(client, path) is not None
    assert post_skill(translator, skill, translations_reviewed=["ar"]).status_code == 302
    assert review_line(client, path) is None
    assert Skill.objects.get(pk=skill.pk).translation_origin["ar"]["description"]["reviewed"] is True

    assert post_skill(translator, skill, description_ar="شرح الفكرة بوضوح.").status_code == 302
    assert Skill.objects.get(pk=skill.pk).translation_origin["ar"]["description"]["reviewed"] is False
    assert review_line(client, path) is not None


def test_only_reviewers_see_the_reviewed_boxes(admin_client, translator, skill):
    editor = get_user_model().objects.create_user("curator", "c@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Curators"))
    curator = Client()
    curator.force_login(editor)
    url = reverse("wagtailsnippets_framework_skill:edit", args=[skill.pk])
    assert 'name="translations_reviewed"' in translator.get(url).content.decode()
    assert 'name="translations_reviewed"' in admin_client.get(url).content.decode()
    page = curator.get(url)
    assert page.status_code == 200 and 'name="translations_reviewed"' not in page.content.decode()
    # A curator is not locked to the translations.
    assert not soup_of(page).select_one("[name=name_en]").has_attr("disabled")


def test_the_bulk_publish_holds_back_a_draft_guide_missing_a_priority_language(admin_client, guide, arabic_first):
    guide.summary_en = "A draft with a new summary."
    guide.save_revision()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = admin_client.post(f"{url}?id={guide.pk}&next=/admin/pages/", {}, follow=True)
    text = " ".join(element.get_text(" ", strip=True) for element in soup_of(response).select(".messages"))
    assert "Nothing was published: “Your first edit” is not complete in the priority languages." in text
    assert "Missing in Arabic: Title." in text
    assert live(guide).summary_en == "Make a small change to an article and save it."

    guide.title_ar = ARABIC_TITLE
    guide.save_revision()
    admin_client.post(f"{url}?id={guide.pk}&next=/admin/pages/", {})
    assert live(guide).summary_en == "A draft with a new summary."


def test_a_translator_translates_a_roles_steps_but_cannot_delete_or_rename_them(translator, db):
    from pathways.factories import PathwayStepFactory, RoleFactory
    from pathways.models import PathwayStep

    role = RoleFactory(slug="mentor", name_en="Mentor")
    step = PathwayStepFactory(role=role, title_en="Meet your mentee")
    url = reverse("wagtailsnippets_pathways_role:edit", args=[role.pk])
    values = form_values(translator.get(url).content)
    prefix = next(name for name in values if name.endswith("-title_ar"))[: -len("title_ar")]
    for code in ("en", "es", "fr", "ar"):  # the editor's script says the step has no links
        values.setdefault(f"{prefix}links_{code}-count", ["0"])
    values[f"{prefix}title_ar"] = ["قابل المتعلّم"]
    response = translator.post(url, values)
    assert response.status_code == 302, errors(response)
    assert PathwayStep.objects.get(pk=step.pk).title_ar == "قابل المتعلّم"

    # A forged delete of the step, or a forged English title, refuses the save.
    for name, value in ((f"{prefix}DELETE", "on"), (f"{prefix}title_en", "Ignore your mentee")):
        response = translator.post(url, {**values, name: [value]})
        assert response.status_code == 200 and "Translators change only the translations" in errors(response)
    assert PathwayStep.objects.get(pk=step.pk).title_en == "Meet your mentee"
