"""The shipped content in French and Arabic: every kind of page shows its own language, with no English fallback,
no completeness line (everything is translated) and exactly one line saying the translations await review."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command

from framework.models import Activity, Behavior, EngagementLevel, Skill, Source
from pathways.models import PathwayStep, Role
from resources.models import ResourcePage

# Every test here runs on the shipped content, loaded once for the module (tests/conftest.py): whatever
# order the tests run in, they all find the same database.
pytestmark = pytest.mark.usefixtures("shipped_site")

FRAMEWORK_FILE = Path(settings.BASE_DIR) / "framework" / "data" / "framework.yaml"
RESOURCES_FILE = Path(settings.BASE_DIR) / "resources" / "data" / "resources.yaml"

# One page of each type, and what its main heading says in each language (from the shipped data files and the
# set-up command).
PAGES = {
    "home": ("/{lang}/", {"fr": "Centre d'apprentissage du mouvement", "ar": "مركز التعلّم في الحركة"}),
    "framework": ("/{lang}/framework/", None),
    "level": ("/{lang}/framework/emerging/", {"fr": "Émergent", "ar": "ناشئ"}),
    "skill": ("/{lang}/framework/skills/communication/", {"fr": "Communication", "ar": "التواصل"}),
    "behavior": ("/{lang}/framework/behaviors/asks-for-help/", {"fr": "Demande de l'aide", "ar": "يطلب المساعدة"}),
    "activity": (
        "/{lang}/framework/activities/join-local-community/",
        {
            "fr": "Trouver et rejoindre une communauté locale ou thématique",
            "ar": "العثور على مجتمع محلي أو موضوعي والانضمام إليه",
        },
    ),
    "about": ("/{lang}/framework/about/", None),
    "roles": ("/{lang}/pathways/", None),
    "role": ("/{lang}/pathways/mentor/", {"fr": "Mentor", "ar": "مرشد"}),
    "resources": ("/{lang}/resources/", {"fr": "Ressources", "ar": "الموارد"}),
    "resource": (
        "/{lang}/resources/help-introduction/",
        {"fr": "Aide:Introduction à Wikipédia", "ar": "مساعدة: مقدمة إلى ويكيبيديا"},
    ),
}
REVIEW_LINE = {
    "fr": "Traduit par l'équipe du Centre ; en attente de relecture par la communauté.",
    "ar": "ترجمها فريق المركز، بانتظار مراجعة المجتمع.",
}


@pytest.fixture
def shipped_content(shipped_site, db):
    """The site as `make content` builds it (loaded once for the module, tests/conftest.py)."""


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_page_type_shows_the_shipped_content_in_its_language_with_no_fallback(client, shipped_content, lang):
    for name, (path, headings) in PAGES.items():
        soup = soup_of(client.get(path.format(lang=lang)))
        where = f"{name} page in {lang}"
        assert soup.html["lang"] == lang, where
        assert soup.select(".hub-fallback") == [], where
        # English inside a heading or a lead would be a fallback (language names in a list are marked in their own
        # language, rightly).
        assert soup.select('main :is(h1, h2, h3, .hub-lead) [lang="en"]') == [], where
        assert soup.select(".hub-translation-status__percent") == [], where
        if headings:
            assert soup.h1.get_text(" ", strip=True) == headings[lang], where
        review = soup.select(".hub-translation-status__review")
        assert len(review) == 1, where
        assert review[0].get_text(" ", strip=True).startswith(REVIEW_LINE[lang]), where
        assert review[0].a["href"] == f"/{lang}/framework/about/#help-translate", where
        assert "(not yet translated)" not in soup.get_text(), where
    # The guide's estimated time and audience too, not only its title and summary.
    guide = ResourcePage.objects.get(slug="help-introduction")
    text = soup_of(client.get(f"/{lang}/resources/help-introduction/")).get_text(" ", strip=True)
    assert getattr(guide, f"audience_{lang}") in text
    assert {"fr": "1 à 2 h", "ar": "ساعة إلى ساعتين"}[lang] in text


def test_reviewed_translations_take_the_review_line_away_in_their_language_only(client, shipped_content):
    # Every French translation reviewed by the community (the skill page also lists guides); the Arabic ones wait.
    for model in (EngagementLevel, Skill, Behavior, Activity, Source, Role, PathwayStep, ResourcePage):
        for obj in model.objects.all():
            fields = obj.translation_origin.get("fr", {})
            obj.translation_origin["fr"] = {field: {"origin": "community", "reviewed": True} for field in fields}
            obj.save(update_fields=["translation_origin"])
    french = soup_of(client.get("/fr/framework/skills/communication/"))
    assert french.select(".hub-translation-status") == []
    arabic = soup_of(client.get("/ar/framework/skills/communication/"))
    assert len(arabic.select(".hub-translation-status__review")) == 1


def test_the_resources_file_round_trips_its_four_languages_and_the_status_command_counts_them(shipped_content):
    document = yaml.safe_load(RESOURCES_FILE.read_text(encoding="utf-8"))
    pages = {page.slug: page for page in ResourcePage.objects.all()}
    assert len(pages) == len(document["resources"]) == 50
    for item in document["resources"]:
        page = pages[item["slug"]]
        for field in ("title", "summary", "estimated_time", "audience"):
            assert {code: getattr(page, f"{field}_{code}") for code in ("en", "es", "fr", "ar")} == item[field]
        assert page.translation_origin["ar"]["audience"] == {"origin": "team", "reviewed": False}
    out = StringIO()
    call_command("load_demo_resources", stdout=out)
    assert "resources: 0 created, 0 updated, 50 unchanged" in out.getvalue()

    out = StringIO()
    call_command("translation_status", stdout=out)
    lines = {line.split("  ")[0]: line for line in out.getvalue().splitlines()}
    for content_type in ("levels", "skills", "behaviors", "activities", "roles", "pathway steps", "resources", "all"):
        cells = lines[content_type].split("%")
        # The es, fr and ar columns, in that order: each 100%.
        assert [cell.split()[-1] for cell in cells[:3]] == ["100", "100", "100"], lines[content_type]
