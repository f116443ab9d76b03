"""Community suggestions: the public form (validation, honeypot, rate limit, CSRF) and the curators'
list with its "Make a draft resource" action."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from core.request import client_address
from framework.factories import EngagementLevelFactory
from resources.choices import ResourceType, SuggestionStatus
from resources.models import ResourceIndexPage, ResourceLanguage, ResourcePage, ResourceSuggestion

SUGGEST_URL = "/en/resources/suggest/"
THANKS_TEXT = "nothing is published on the Hub without a curator"
# What the Spanish form (the one these tests mostly post to) says after a suggestion.
THANKS_TEXT_ES = "en el Centro no se publica nada sin la revisión de una persona curadora"


@pytest.fixture(autouse=True)
def clear_rate_limit():
    """Every test starts with a fresh rate-limit window."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def level(db):
    return EngagementLevelFactory(slug="emerging", order=2, name_en="Emerging", name_es="Emergente")


def valid_data(**overrides):
    data = {
        "title": "Organising an edit-a-thon",
        "url": "https://meta.wikimedia.org/wiki/Edit-a-thon",
        "description": "A step-by-step guide for first-time organisers.",
        "language": "es",
        "level": "",
        "contact": "",
        "website": "",
    }
    return {**data, **overrides}


def field_error(response, name):
    """The validation message shown next to a field, tied to its input by aria-describedby."""
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one(f'form [name="{name}"]')
    assert field.get("aria-invalid") == "true"
    message = soup.find(id=f"id_{name}_error")
    assert message is not None
    assert f"id_{name}_error" in field["aria-describedby"].split()
    return message.get_text(" ", strip=True)


@pytest.mark.django_db
def test_valid_suggestion_is_stored_and_redirects_to_thanks(client, level):
    response = client.post("/es/resources/suggest/", valid_data(level=level.pk, contact="User:Ana"))
    assert response.status_code == 302
    suggestion = ResourceSuggestion.objects.get()
    assert suggestion.title == "Organising an edit-a-thon"
    assert suggestion.level == level
    assert suggestion.status == SuggestionStatus.NEW
    assert suggestion.submitted_in == "es"
    assert suggestion.contact == "User:Ana"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert THANKS_TEXT_ES in " ".join(thanks.content.decode().split())


@pytest.mark.django_db
def test_form_page_labels_every_input_and_hides_the_honeypot(client, level):
    response = client.get(SUGGEST_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", class_="hub-suggest")
    for control in form.find_all(["input", "textarea", "select"]):
        if control.get("type") in ("hidden", "submit"):
            continue
        assert form.find("label", attrs={"for": control["id"]}), control["name"]
    honeypot = soup.find(attrs={"name": "website"})
    assert honeypot["tabindex"] == "-1"
    assert honeypot["autocomplete"] == "off"
    assert honeypot.find_parent(attrs={"aria-hidden": "true"}) is not None
    level_options = [option.get_text(strip=True) for option in soup.find(attrs={"name": "level"}).find_all("option")]
    assert "Emerging" in level_options


@pytest.mark.parametrize("lang", ["es", "ar"])
@pytest.mark.django_db
def test_form_renders_under_other_languages(client, lang):
    response = client.get(f"/{lang}/resources/suggest/")
    assert response.status_code == 200
    assert f'lang="{lang}"' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("url", "javascript:alert(1)", "Enter a valid URL."),
        ("url", "ftp://example.org/guide.pdf", "Enter a valid URL."),
        ("description", "x" * 2001, "at most 2000 characters"),
    ],
)
@pytest.mark.django_db
def test_invalid_suggestion_shows_field_errors_and_stores_nothing(client, field, value, message):
    response = client.post(SUGGEST_URL, valid_data(**{field: value}))
    assert response.status_code == 200
    assert message in field_error(response, field)
    summary = BeautifulSoup(response.content, "html.parser").find(id="form-errors")
    assert len(summary.find_all("a", href=f"#id_{field}")) == 1
    assert not ResourceSuggestion.objects.exists()


@pytest.mark.django_db
def test_filled_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post(SUGGEST_URL, valid_data(website="http://spam.example"), follow=True)
    assert response.status_code == 200
    assert THANKS_TEXT in " ".join(response.content.decode().split())
    assert not ResourceSuggestion.objects.exists()


@pytest.mark.django_db
def test_sixth_submission_in_an_hour_is_refused_with_429(client):
    for n in range(5):
        assert client.post(SUGGEST_URL, valid_data(title=f"Guide {n}")).status_code == 302
    response = client.post(SUGGEST_URL, valid_data(title="Guide 6"))
    assert response.status_code == 429
    assert "Too many suggestions" in response.content.decode()
    assert ResourceSuggestion.objects.count() == 5
    assert not ResourceSuggestion.objects.filter(title="Guide 6").exists()


@pytest.mark.django_db
def test_rate_limit_is_per_client_address(client):
    for n in range(5):
        client.post(SUGGEST_URL, valid_data(title=f"Guide {n}"), REMOTE_ADDR="10.0.0.1")
    other = client.post(SUGGEST_URL, valid_data(title="From elsewhere"), REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302
    # A forged X-Forwarded-For does not buy a fresh allowance when no proxy is trusted.
    forged = client.post(
        SUGGEST_URL, valid_data(title="Forged"), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert forged.status_code == 429


def test_client_address_trusts_forwarded_for_only_as_configured(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_address(request) == "10.0.0.1"
    with override_settings(HUB_TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "198.51.100.7"
    with override_settings(HUB_TRUSTED_PROXY_COUNT=3):
        # Fewer hops than proxies configured: the header cannot be the proxies' own, so it is ignored.
        assert client_address(request) == "10.0.0.1"


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SUGGEST_URL, valid_data())
    assert response.status_code == 403
    assert not ResourceSuggestion.objects.exists()


# --- Curators' side ---------------------------------------------------------------------------


@pytest.fixture
def suggestion(level):
    return ResourceSuggestion.objects.create(
        title="Running a photo contest",
        url="https://commons.wikimedia.org/wiki/Photo_contests",
        description="How to plan, run and judge a local photo contest.",
        language="fr",
        level=level,
        submitted_in="fr",
    )


def draft_url(suggestion):
    return reverse("resource_suggestions:make_draft", args=[suggestion.pk])


@pytest.mark.django_db
def test_admin_menu_and_listing_show_suggestions(admin_client, suggestion):
    assert "Suggestions" in admin_client.get("/admin/").content.decode()
    response = admin_client.get(reverse("resource_suggestions:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Running a photo contest" in html
    assert draft_url(suggestion) in html


@pytest.mark.django_db
def test_admin_listing_filters_by_status(admin_client, suggestion):
    url = reverse("resource_suggestions:index")
    assert "Running a photo contest" not in admin_client.get(url, {"status": "declined"}).content.decode()
    assert "Running a photo contest" in admin_client.get(url, {"status": "new"}).content.decode()


@pytest.mark.django_db
def test_make_draft_creates_unpublished_resource_page(admin_client, admin_user, suggestion, home_page):
    response = admin_client.post(draft_url(suggestion))
    page = ResourcePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.title == "Running a photo contest"
    assert page.external_url == "https://commons.wikimedia.org/wiki/Photo_contests"
    assert page.summary == "How to plan, run and judge a local photo contest."
    assert page.resource_type == ResourceType.GUIDE
    assert list(page.levels.all()) == [suggestion.level]
    assert not page.live
    assert page.has_unpublished_changes
    assert page.latest_revision is not None
    assert isinstance(page.get_parent().specific, ResourceIndexPage)
    assert page.get_parent().get_parent().pk == home_page.pk

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.draft == page
    assert suggestion.handled_by == admin_user

    public = Client().get(f"/en/resources/{page.slug}/")
    assert public.status_code == 404
    assert admin_client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_admin_listing_names_the_language_rather_than_its_code(admin_client, suggestion):
    html = admin_client.get(reverse("resource_suggestions:index")).content.decode()
    cells = [cell.get_text(" ", strip=True) for cell in BeautifulSoup(html, "html.parser").select("tbody td")]
    assert "French" in cells
    assert "fr" not in cells


@pytest.mark.django_db
def test_draft_notes_name_the_language_and_keep_it_when_the_hub_lists_it(admin_client, suggestion, home_page):
    french = ResourceLanguage.objects.create(code="fr", name="Français")
    ResourceLanguage.objects.create(code="es", name="Español")
    admin_client.post(draft_url(suggestion))
    page = ResourcePage.objects.get()
    assert f"(#{suggestion.pk}) in French." in page.curator_notes
    assert list(page.languages.all()) == [french]


@pytest.mark.django_db
def test_draft_from_a_suggestion_in_another_language_has_no_language(admin_client, suggestion, home_page):
    ResourceLanguage.objects.create(code="fr", name="Français")
    suggestion.language = "other"
    suggestion.save()
    admin_client.post(draft_url(suggestion))
    page = ResourcePage.objects.get()
    assert "in another language." in page.curator_notes
    assert not page.languages.exists()


@pytest.mark.django_db
def test_make_draft_twice_keeps_one_draft(admin_client, suggestion, home_page):
    admin_client.post(draft_url(suggestion))
    admin_client.post(draft_url(suggestion))
    assert ResourcePage.objects.count() == 1


@pytest.mark.django_db
def test_make_draft_refuses_get(admin_client, suggestion):
    assert admin_client.get(draft_url(suggestion)).status_code == 405
    assert not ResourcePage.objects.exists()


@pytest.mark.django_db
def test_make_draft_refuses_users_without_permission(client, django_user_model, suggestion, home_page):
    anonymous = client.post(draft_url(suggestion))
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]

    editor = django_user_model.objects.create_user("editor", password="pw")  # noqa: S106
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
    refused = client.post(draft_url(suggestion))
    assert refused.status_code in (302, 403)
    if refused.status_code == 302:
        assert refused["Location"] == reverse("wagtailadmin_home")
    assert not ResourcePage.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NEW


@pytest.mark.django_db
def test_admin_cannot_add_suggestions(admin_client):
    assert admin_client.get(reverse("resource_suggestions:add")).status_code in (302, 403)


@pytest.mark.django_db
def test_curator_changes_status_but_not_the_visitors_text(admin_client, suggestion):
    url = reverse("resource_suggestions:edit", args=[suggestion.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "How to plan, run and judge a local photo contest." in page.content.decode()
    response = admin_client.post(url, {"status": "declined", "title": "Changed by a curator"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert suggestion.title == "Running a photo contest"
    assert admin_client.get(reverse("resource_suggestions:inspect", args=[suggestion.pk])).status_code == 200
