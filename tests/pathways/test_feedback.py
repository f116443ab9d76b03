"""Readers' feedback on guides and pathway steps (issue #13 point 6): the public form (valid, invalid, honeypot,
rate limit, origin check), what is stored, the curators' list and "Mark resolved" in the real admin, the
dashboard panel, the review report's flag, and resource pages still served from the page cache."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pathways.models import Feedback
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from resources.wagtail_hooks import resources_needing_review
from tests.pathways.builders import build_pathways, make_levels

URL = "/es/feedback/"
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def guide(home_page):
    index = ResourceIndexPageFactory(parent=home_page)
    return ResourcePageFactory(parent=index, slug="feedback-guide", title="Feedback guide", title_es="Guía comentada")


@pytest.fixture
def step(home_page):
    role = build_pathways(make_levels(), roles=1, steps=2, with_resources=False)[0]
    return role.steps.order_by("sort_order").first()


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def problem(guide, **overrides):
    return {"resource": guide.pk, "kind": "problem", "reason": "broken-link", "text": "", "website": "", **overrides}


@pytest.mark.django_db
def test_guide_page_shows_both_forms_posting_without_a_token(client, guide):
    page = BeautifulSoup(client.get("/es/resources/feedback-guide/").content, "html.parser")
    section = page.select_one(".hub-feedback")
    assert section.h2.get_text(strip=True) == "¿Te ha sido útil?"
    forms = section.select("form")
    assert [form["action"] for form in forms] == [URL, URL]
    assert [button["value"] for button in forms[0].select("button")] == ["helped", "not-helped"]
    assert section.select_one("details summary").get_text(strip=True) == "Informar de un problema"
    assert not page.select('input[name="csrfmiddlewaretoken"]')


@pytest.mark.django_db
def test_yes_is_stored_with_page_and_language_and_thanks_shown_after_redirect(client, guide):
    response = client.post(URL, {"resource": guide.pk, "kind": "helped", "website": ""}, **ORIGIN)
    assert response.status_code == 302
    assert response["Location"] == "/es/resources/feedback-guide/?feedback=sent#feedback"
    stored = Feedback.objects.get()
    assert (stored.resource_id, stored.step_id, stored.language, stored.kind) == (guide.pk, None, "es", "helped")
    thanks = client.get(response["Location"])
    assert "Gracias: tus comentarios llegan al equipo de curaduría del Centro." in text_of(thanks)
    assert "Gracias:" not in text_of(client.get("/es/resources/feedback-guide/"))


@pytest.mark.django_db
def test_problem_report_on_a_step_is_stored_with_reason_text_and_step(client, step):
    data = {"step": step.pk, "kind": "problem", "reason": "outdated", "text": "The course moved.", "website": ""}
    response = client.post("/fr/feedback/", data, **ORIGIN)
    assert response["Location"] == f"/fr/pathways/mentor/?feedback={step.pk}#step-{step.pk}"
    stored = Feedback.objects.get()
    assert (stored.step_id, stored.language, stored.reason, stored.text) == (
        step.pk,
        "fr",
        "outdated",
        "The course moved.",
    )
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    thanked = page.select(".hub-feedback__thanks")
    assert len(thanked) == 1
    assert thanked[0].find_parent("li")["id"] == f"step-{step.pk}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason": "spam"}, "Escoja una opción válida"),
        ({"reason": ""}, "Indica qué falla."),
        ({"text": "x" * 1001}, "1000"),
    ],
)
def test_invalid_report_is_refused_with_the_error_and_stores_nothing(client, guide, overrides, message):
    response = client.post(URL, problem(guide, **overrides), **ORIGIN)
    assert response.status_code == 400
    assert message in text_of(response)
    assert not Feedback.objects.exists()
    # What the reader typed comes back, to correct and send again, with a way back to the guide.
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('form[action="/es/feedback/"] textarea[name="text"]').get_text() == overrides.get("text", "")
    assert page.select_one('a[href="/es/resources/feedback-guide/"]')


@pytest.mark.django_db
def test_feedback_naming_no_page_is_refused(client):
    response = client.post(URL, {"resource": 999999, "kind": "helped"}, **ORIGIN)
    assert response.status_code == 400
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_filled_honeypot_looks_like_success_and_stores_nothing(client, guide):
    real = client.post(URL, {"resource": guide.pk, "kind": "helped", "website": ""}, **ORIGIN)
    Feedback.objects.all().delete()
    spam = client.post(URL, {"resource": guide.pk, "kind": "helped", "website": "http://spam.example"}, **ORIGIN)
    assert (spam.status_code, spam["Location"]) == (real.status_code, real["Location"])
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_post_over_the_hourly_limit_is_refused_with_a_clear_message(client, guide, settings):
    settings.FEEDBACK_PER_HOUR = 3
    for _ in range(3):
        assert client.post(URL, {"resource": guide.pk, "kind": "helped"}, **ORIGIN).status_code == 302
    response = client.post(URL, {"resource": guide.pk, "kind": "not-helped"}, **ORIGIN)
    assert response.status_code == 429
    assert "Demasiados comentarios desde tu conexión" in text_of(response)
    assert Feedback.objects.count() == 3
    assert not Feedback.objects.filter(kind="not-helped").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
    ],
)
def test_post_from_another_site_or_without_origin_is_refused(client, guide, headers):
    response = client.post(URL, {"resource": guide.pk, "kind": "helped"}, **headers)
    assert response.status_code == 403
    assert "no se ha guardado" in text_of(response)
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_same_site_referer_is_accepted_when_there_is_no_origin(client, guide):
    response = client.post(
        URL, {"resource": guide.pk, "kind": "helped"}, HTTP_REFERER="http://testserver/es/resources/feedback-guide/"
    )
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


@pytest.mark.django_db
def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


@pytest.mark.django_db
def test_resource_page_with_the_form_is_still_served_from_the_page_cache(client, guide):
    def visit():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/resources/feedback-guide/")
        return response, len(queries)

    first, _ = visit()
    assert first.status_code == 200 and "hub-feedback" in first.content.decode()
    assert not first.cookies
    second, queries = visit()
    assert (second["X-Page-Cache"], queries) == ("hit", 0)
    # A reader's post leaves the cache in place for everyone else.
    client.post("/en/feedback/", {"resource": guide.pk, "kind": "helped"}, **ORIGIN)
    third, queries = visit()
    assert (third["X-Page-Cache"], queries) == ("hit", 0)


# --- Curators' side ---------------------------------------------------------------------------


@pytest.fixture
def curator(db):
    user = User.objects.create_user("curator", "curator@example.org", "pw")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def reports(guide, step):
    return [
        Feedback.objects.create(resource=guide, language="es", kind="problem", reason="broken-link", text="404 now"),
        Feedback.objects.create(step=step, language="en", kind="problem", reason="outdated"),
        Feedback.objects.create(resource=guide, language="en", kind="helped"),
        Feedback.objects.create(resource=guide, language="ar", kind="helped"),
        Feedback.objects.create(step=step, language="fr", kind="not-helped"),
    ]


@pytest.mark.django_db
def test_curator_sees_reports_and_marks_one_resolved_in_the_admin(client, curator, reports):
    client.force_login(curator)
    listing = client.get(reverse("feedback:index"))
    assert listing.status_code == 200
    html = text_of(listing)
    assert "Feedback guide" in html and "404 now" in html and "Mentor – Step 1 of mentor" in html
    page = BeautifulSoup(listing.content, "html.parser")
    action = reverse("feedback:resolve", args=[reports[0].pk])
    form = page.select_one(f'form[action="{action}"]')
    token = form.select_one('input[name="csrfmiddlewaretoken"]')["value"]
    done = client.post(action, {"csrfmiddlewaretoken": token}, follow=True)
    assert done.status_code == 200
    assert "marked resolved" in text_of(done)
    reports[0].refresh_from_db()
    assert (reports[0].resolved, reports[0].resolved_by, reports[0].resolved_at is not None) == (True, curator, True)
    # The filter keeps the open ones.
    open_only = client.get(reverse("feedback:index"), {"resolved": "false"})
    assert "404 now" not in text_of(open_only) and "Step 1 of mentor" in text_of(open_only)


@pytest.mark.django_db
def test_resolve_refuses_get_and_users_without_permission(client, reports):
    action = reverse("feedback:resolve", args=[reports[0].pk])
    stranger = User.objects.create_user("stranger", "s@example.org", "pw")
    stranger.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(stranger)
    assert client.post(action).status_code in (302, 403)
    reports[0].refresh_from_db()
    assert not reports[0].resolved


@pytest.mark.django_db
def test_dashboard_panel_shows_open_reports_and_counts(client, curator, reports):
    client.force_login(curator)
    page = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = page.select_one('section[aria-labelledby="reader-feedback-title"]')
    counts = [item.get_text(" ", strip=True) for item in panel.select(".reader-feedback-counts li")]
    assert counts == ["2 open problem reports", "2 readers said it helped", "1 reader said it did not help"]
    assert "404 now" in panel.get_text()


@pytest.mark.django_db
def test_review_report_flags_a_guide_with_an_open_broken_link_report(client, curator, guide):
    assert guide not in resources_needing_review()
    report = Feedback.objects.create(resource=guide, language="en", kind="problem", reason="broken-link")
    Feedback.objects.create(resource=guide, language="en", kind="problem", reason="outdated")
    flagged = list(resources_needing_review())
    assert [page.pk for page in flagged] == [guide.pk]
    assert flagged[0].broken_link_reports == 1
    client.force_login(User.objects.create_superuser("admin2", "a@example.org", "pw"))
    report_page = client.get(reverse("resources_needs_review"))
    assert "Feedback guide" in text_of(report_page) and "Open broken-link reports" in text_of(report_page)
    report.resolved = True
    report.save()
    assert guide not in resources_needing_review()
