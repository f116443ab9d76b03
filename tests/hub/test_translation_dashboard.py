"""The translators' dashboard (issue #12, point 2, and its side of point 6): counts a user sees in the admin and in
the CSV against a known fixture, the drill-down's order and links, filters, bad parameters, the same number of
queries at two sizes of content, the outdated lifecycle, and the admin home's panel."""

import csv
import io
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.users.models import UserProfile

from core.models import TranslationRequest
from framework.factories import EngagementLevelFactory, SkillFactory
from framework.models import Skill
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.admin_forms import form_values

DASHBOARD = "/admin/translations/"
ITEMS = "/admin/translations/items/"


@pytest.fixture
def content(home_page):
    """Two skills and two guides whose translations are known field by field (see each test's arithmetic)."""
    level = EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    # Communication: both fields in every language; the Arabic description awaits review; then its English
    # description changes, which leaves the three translations of it outdated.
    communication = SkillFactory(
        slug="communication",
        name_en="Communication",
        name_es="Comunicación",
        name_fr="Communication",
        name_ar="التواصل",
        description_en="Explaining an idea.",
        description_es="Explicar una idea.",
        description_fr="Expliquer une idée.",
        description_ar="شرح فكرة.",
        translation_origin={"ar": {"description": {"origin": "community", "reviewed": False}}},
        levels=[level],
    )
    communication.description_en = "Explaining an idea so that others can act on it."
    communication.save()
    # Facilitation: the Arabic has its name only, the Spanish its description only.
    SkillFactory(
        slug="facilitation",
        name_en="Facilitation",
        name_es="",
        name_ar="التيسير",
        description_en="Running a meeting.",
        levels=[level],
    )
    ResourceIndexPageFactory()
    # Guides: title, summary, audience and time in English; Spanish title and summary (the factory's); no Arabic.
    first = ResourcePageFactory(slug="first-edit", title="Your first edit")
    second = ResourcePageFactory(slug="second-edit", title="Your second edit", title_ar="تعديلك الثاني")
    return {"communication": communication, "first": first, "second": second}


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def cells(soup, lang, kind):
    """``{count: text}`` of the table's row for ``kind`` in ``lang``, as shown."""
    row = soup.select_one(f'tr[data-language="{lang}"][data-kind="{kind}"]')
    return {cell["data-count"]: cell.get_text(" ", strip=True) for cell in row.select("td[data-count]")}


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_table_shows_complete_outdated_missing_and_unreviewed_fields(admin_client, content):
    soup = soup_of(admin_client.get(DASHBOARD))
    # Arabic skills: 4 fields with English; communication's name current and description outdated (and awaiting
    # review), facilitation's name current and description missing.
    assert cells(soup, "ar", "skills") == {
        "complete": "2/4 (62%)",
        "outdated": "1",
        "missing": "1",
        "unreviewed": "1",
    }
    # Spanish skills: communication's name current, description outdated; facilitation's description (the
    # factory's) current, its name missing.
    assert cells(soup, "es", "skills") == {"complete": "2/4 (62%)", "outdated": "1", "missing": "1", "unreviewed": "0"}
    # Guides: 4 fields each with English; Spanish has title and summary of both; Arabic only the second title.
    assert cells(soup, "es", "resources")["complete"] == "4/8 (50%)"
    arabic = {"complete": "1/8 (12%)", "outdated": "0", "missing": "7", "unreviewed": "0"}
    assert cells(soup, "ar", "resources") == arabic
    # Each cell leads to its drill-down.
    link = soup.select_one('tr[data-language="ar"][data-kind="skills"] td[data-count="missing"] a')["href"]
    assert link == f"{ITEMS}?lang=ar&kind=skills"
    # The PO file of the language is a click away.
    assert soup.find("a", href=f"{reverse('hub_po_export')}?language=ar") is not None


def test_the_table_agrees_with_translation_status(admin_client, content):
    out = StringIO()
    call_command("translation_status", stdout=out)
    response = admin_client.get(DASHBOARD, {"format": "csv"})
    rows = {(row["content type"], row["language"]): row for row in csv_rows(response)}
    compared = set()
    for line in out.getvalue().splitlines():
        match = re.match(r"^(.+?)\s{2,}(\d+)((?:\s+\d+%\s+\d+/\d+\s+\d+o\s+\d+r){3})$", line)
        if not match:
            continue
        label = match.group(1).strip()
        slug = "all" if label == "all" else re.sub(r"[^a-z0-9]+", "-", label).strip("-")
        figures = re.findall(r"(\d+)%\s+(\d+)/(\d+)\s+(\d+)o\s+(\d+)r", match.group(3))
        for lang, (percent, done, wanted, outdated, unreviewed) in zip(("es", "fr", "ar"), figures, strict=True):
            row = rows[(slug, lang)]
            assert int(row["percent complete"]) == int(percent), (slug, lang)
            assert int(row["complete"]) + int(row["outdated"]) == int(done), (slug, lang)
            assert int(row["fields"]) == int(wanted), (slug, lang)
            assert (row["outdated"], row["unreviewed"]) == (outdated, unreviewed), (slug, lang)
            compared.add((slug, lang))
    # Every line of both, each kind of content and the totals, in every language.
    assert compared == set(rows) and len(compared) == 3 * 14


def test_the_table_as_csv(admin_client, content):
    response = admin_client.get(DASHBOARD, {"format": "csv", "lang": "ar", "kind": "skills"})
    assert 'filename="translations.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == {
        "content type": "skills",
        "language": "ar",
        "fields": "4",
        "complete": "2",
        "outdated": "1",
        "missing": "1",
        "unreviewed": "1",
        "percent complete": "62",
    }
    assert [row["content type"] for row in rows] == ["skills", "all"]


def test_the_filters_narrow_the_table(admin_client, content):
    soup = soup_of(admin_client.get(DASHBOARD, {"lang": "fr", "kind": "resources"}))
    assert {row["data-language"] for row in soup.select("tr[data-language]")} == {"fr"}
    assert {row["data-kind"] for row in soup.select("tr[data-kind]")} == {"resources", "all"}
    assert soup.select_one("#hub-filter-lang option[selected]")["value"] == "fr"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lang": "xx"}, "There is no language “xx” to translate into"),
        ({"lang": "en"}, "There is no language “en” to translate into"),
        ({"kind": "<script>"}, "There is no content type “<script>”"),
    ],
)
def test_a_bad_filter_is_said_not_a_500(admin_client, content, params, message):
    for url in (DASHBOARD, ITEMS):
        response = admin_client.get(url, params)
        assert response.status_code == 400
        soup = BeautifulSoup(response.content, "html.parser")
        assert message in soup.select_one('[role="alert"]').get_text()
        assert b"<script>" not in response.content.split(b"</header>")[-1]


def test_the_drill_down_puts_untranslated_and_most_requested_first(admin_client, content):
    # Readers asked for the second guide in Arabic more than for the first.
    TranslationRequest.objects.create(path="/resources/first-edit/", language="ar", count=2)
    TranslationRequest.objects.create(path="/resources/second-edit/", language="ar", count=5)
    TranslationRequest.objects.create(path="/resources/second-edit/", language="es", count=9)
    TranslationRequest.objects.create(path="/framework/skills/facilitation/", language="ar", count=3)
    # A third guide, untranslated too, asked for more often than the first.
    ResourcePageFactory(slug="third-edit", title="Your third edit")
    TranslationRequest.objects.create(path="/resources/third-edit/", language="ar", count=7)
    soup = soup_of(admin_client.get(ITEMS, {"lang": "ar"}))
    order = [row["data-identifier"] for row in soup.select("tr[data-identifier]")]
    # The first and third guides have nothing in Arabic: untranslated first, the most-requested of them first. Then
    # the partly translated, most-requested first.
    assert order.index("resources:third-edit") < order.index("resources:first-edit")
    assert order.index("resources:first-edit") < order.index("resources:second-edit")
    assert order.index("resources:second-edit") < order.index("skills:facilitation")
    assert order.index("skills:facilitation") < order.index("skills:communication")
    row = soup.select_one('tr[data-identifier="resources:second-edit"]')
    assert row.select_one('[data-count="requests"]').get_text(strip=True) == "5"
    assert "Missing: summary" in row.get_text(" ", strip=True)
    communication = soup.select_one('tr[data-identifier="skills:communication"]').get_text(" ", strip=True)
    assert "Outdated: description" in communication
    assert "Awaiting review: description" in communication


def test_drill_down_rows_open_the_edit_form_on_their_language(admin_client, content):
    soup = soup_of(admin_client.get(ITEMS, {"lang": "fr", "kind": "skills"}))
    link = soup.select_one('tr[data-identifier="skills:communication"] a')
    skill = content["communication"]
    assert link["href"] == reverse("wagtailsnippets_framework_skill:edit", args=[skill.pk]) + "?lang=fr"
    assert link.get_text(strip=True) == "Communication"
    page_link = soup_of(admin_client.get(ITEMS, {"lang": "ar", "kind": "resources"})).select_one(
        'tr[data-identifier="resources:first-edit"] a'
    )
    assert page_link["href"] == reverse("wagtailadmin_pages:edit", args=[content["first"].pk]) + "?lang=ar"
    # The edit form opens: its script sets the language toggles from the address.
    form = admin_client.get(page_link["href"])
    assert form.status_code == 200
    assert b"core/js/admin_language.js" in form.content


def test_the_drill_down_as_csv(admin_client, content):
    TranslationRequest.objects.create(path="/resources/second-edit/", language="ar", count=5)
    response = admin_client.get(ITEMS, {"lang": "ar", "kind": "resources", "format": "csv"})
    assert 'filename="translations-ar-resources.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [row["identifier"] for row in rows] == ["first-edit", "second-edit"]
    assert rows[1]["requests"] == "5"
    assert rows[1]["missing fields"] == "summary audience estimated_time"
    assert rows[0]["edit form"].endswith("?lang=ar")


def _dashboard_queries(admin_client, django_assert_num_queries, expected):
    for url, params in ((DASHBOARD, {}), (ITEMS, {"lang": "ar"}), (ITEMS, {"lang": "ar", "kind": "resources"})):
        with django_assert_num_queries(expected[url, tuple(params)]):
            assert admin_client.get(url, params).status_code == 200


def _count_queries(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url, params in ((DASHBOARD, {}), (ITEMS, {"lang": "ar"}), (ITEMS, {"lang": "ar", "kind": "resources"})):
        admin_client.get(url, params)  # warm the session and the admin's own caches
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url, params).status_code == 200
        counts[url, tuple(params)] = len(queries)
    return counts


def test_the_same_number_of_queries_whatever_the_amount_of_content(admin_client, content, django_assert_num_queries):
    small = _count_queries(admin_client)
    level = Skill.objects.get(slug="communication").levels.first()
    for number in range(30):
        SkillFactory(slug=f"extra-skill-{number}", description_en="More.", name_ar="مهارة", levels=[level])
        ResourcePageFactory(slug=f"extra-guide-{number}", title=f"Extra guide {number}")
    for number in range(10):
        TranslationRequest.objects.create(path=f"/resources/extra-guide-{number}/", language="ar", count=number + 1)
    _dashboard_queries(admin_client, django_assert_num_queries, small)
    # And few: one query per kind of content, whatever its size.
    assert small[DASHBOARD, ()] <= 25, small


def publish_guide(admin_client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    values = form_values(admin_client.get(url).content.decode(), field="title_en")
    for code in ("en", "es", "fr", "ar"):
        values.setdefault(f"body_{code}-count", ["0"])
    for name, value in changes.items():
        values[name] = [value]
    values["action-publish"] = ["action-publish"]
    response = admin_client.post(url, values)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")


def test_an_english_change_shows_as_outdated_on_the_dashboard_until_the_translator_saves(admin_client, content):
    guide = content["second"]
    assert cells(soup_of(admin_client.get(DASHBOARD, {"lang": "ar"})), "ar", "resources")["outdated"] == "0"
    publish_guide(admin_client, guide, title_en="Your second edit, step by step")
    soup = soup_of(admin_client.get(DASHBOARD, {"lang": "ar"}))
    assert cells(soup, "ar", "resources")["outdated"] == "1"
    row = soup_of(admin_client.get(ITEMS, {"lang": "ar", "kind": "resources"})).select_one(
        'tr[data-identifier="resources:second-edit"]'
    )
    assert "Outdated: title" in row.get_text(" ", strip=True)
    # The Arabic translator saves the new title: current again.
    publish_guide(admin_client, guide, title_ar="تعديلك الثاني خطوة بخطوة")
    assert cells(soup_of(admin_client.get(DASHBOARD, {"lang": "ar"})), "ar", "resources")["outdated"] == "0"


def _translator(language):
    """A user of the admin who is not staff: only the permission to use the admin (as the Translators group)."""
    user = get_user_model().objects.create_user("translator", "t@example.org", "a-long-password-1")
    group = Group.objects.create(name="Dashboard readers")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


PANEL_AR = "العربية: {percent}% مكتملة — الحقول القديمة: {outdated} · الحقول الناقصة: {missing}"


def test_the_admin_home_shows_an_arabic_translator_their_language(client, content):
    client.force_login(_translator("ar"))
    soup = soup_of(client.get("/admin/"))
    panel = soup.select_one("#translations-panel-title").find_parent("section")
    languages = [item["data-language"] for item in panel.select("li[data-language]")]
    assert languages == ["ar"]
    item = panel.select_one('li[data-language="ar"]')
    assert item.select_one("a")["href"] == f"{ITEMS}?lang=ar"
    # In the Arabic admin, with the figures of the dashboard's "All content" row.
    total = cells(soup_of(client.get(DASHBOARD, {"lang": "ar"})), "ar", "all")
    percent = re.search(r"\((\d+)%\)", total["complete"]).group(1)
    text = " ".join(item.get_text(" ", strip=True).split())
    assert text == PANEL_AR.format(percent=percent, outdated=total["outdated"], missing=total["missing"])


def test_an_english_admin_user_sees_every_language_on_the_home_panel(admin_client, content):
    soup = soup_of(admin_client.get("/admin/"))
    panel = soup.select_one("#translations-panel-title").find_parent("section")
    assert [item["data-language"] for item in panel.select("li[data-language]")] == ["es", "fr", "ar"]
    text = " ".join(panel.select_one('li[data-language="ar"]').get_text(" ", strip=True).split())
    assert re.search(r"Arabic: \d+% complete — \d+ fields? outdated · \d+ fields? missing", text), text


def test_someone_without_admin_access_cannot_read_the_dashboard(client, content):
    client.force_login(get_user_model().objects.create_user("reader", "r@example.org", "a-long-password-2"))
    assert client.get(DASHBOARD).status_code in (302, 403)
    assert client.get(ITEMS, {"format": "csv"}).status_code in (302, 403)


def test_a_guides_body_counts_the_same_from_its_columns_as_from_the_page(home_page):
    from core.translations.tally import object_state, read_rows
    from resources.models import ResourcePage

    ResourceIndexPageFactory()
    paragraph = [{"type": "paragraph", "value": "<p>Open the article and press Edit.</p>"}]
    guide = ResourcePageFactory(slug="with-body", body_en=paragraph, body_es=paragraph, body_ar=paragraph)
    guide.body_en = [{"type": "paragraph", "value": "<p>Open the article, then press Edit.</p>"}]
    guide.save()
    page = ResourcePage.objects.get(pk=guide.pk)
    (row,) = read_rows(ResourcePage.objects.filter(pk=guide.pk))
    for lang in ("es", "fr", "ar"):
        assert object_state(row, lang) == object_state(page, lang), lang
    assert "body" in object_state(row, "ar").outdated
    assert "body" in object_state(row, "fr").missing
