"""Outdated translations (issue #12, point 1), through the real admin: an English change leaves the Spanish, French
and Arabic outdated on the public page and in ``translation_status``; a translator's save makes a language current
again; a minor change keeps them current. For a snippet (a skill) and a page (a guide)."""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from core.translations import field_state, mark_translated, source_fingerprint
from framework.factories import EngagementLevelFactory, SkillFactory
from framework.models import Skill
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from resources.models import ResourcePage
from tests.admin_forms import form_values

TEXTS = {
    "en": "Explaining an idea so that others can act on it.",
    "es": "Explicar una idea para que otras personas puedan actuar.",
    "fr": "Expliquer une idée pour que d'autres puissent agir.",
    "ar": "شرح فكرة بحيث يستطيع الآخرون العمل بها.",
}
OUTDATED_NOTICE = "may be out of date"


@pytest.fixture
def skill(db):
    level = EngagementLevelFactory(slug="fundamental", order=1, name_en="Fundamental")
    return SkillFactory(
        slug="communication",
        name_en="Communication",
        name_es="Comunicación",
        name_fr="Communication",
        name_ar="التواصل",
        levels=[level],
        **{f"description_{code}": text for code, text in TEXTS.items()},
    )


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def edit_skill(admin_client, skill, **changes):
    """Post the skill's admin edit form with ``changes`` (form field names → values)."""
    url = reverse("wagtailsnippets_framework_skill:edit", args=[skill.pk])
    values = form_values(admin_client.get(url).content)
    for name, value in changes.items():
        values[name] = value if isinstance(value, list) else [value]
    response = admin_client.post(url, values)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")


def outdated_on_skill_page(client, lang):
    """The texts the skill's page in ``lang`` marks as outdated, and its translation notice."""
    soup = soup_of(client.get(f"/{lang}/framework/skills/communication/"))
    marked = [element.get_text(" ", strip=True) for element in soup.select(".hub-outdated")]
    notice = soup.select_one(".hub-translation-status__outdated")
    return marked, notice


def status_cells(label):
    """``{lang: (percent, outdated)}`` from the ``translation_status`` line of ``label``."""
    out = StringIO()
    call_command("translation_status", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if line.startswith(label + "  "))
    cells = re.findall(r"(\d+)% +\d+/\d+ +(\d+)o", line)
    return dict(zip(("es", "fr", "ar"), [(int(pct), int(outdated)) for pct, outdated in cells], strict=True))


def test_a_fresh_translation_is_current_everywhere(client, skill):
    for lang in ("es", "fr", "ar"):
        marked, notice = outdated_on_skill_page(client, lang)
        assert marked == [] and notice is None
    assert status_cells("skills") == {"es": (100, 0), "fr": (100, 0), "ar": (100, 0)}


def test_english_change_in_the_admin_leaves_every_translation_outdated_until_a_translator_saves(
    admin_client, client, skill
):
    edit_skill(admin_client, skill, description_en="Explaining an idea clearly, in writing and aloud.")

    for lang in ("es", "fr", "ar"):
        marked, notice = outdated_on_skill_page(client, lang)
        assert marked == [TEXTS[lang]], lang
        assert OUTDATED_NOTICE in client.get(f"/{lang}/framework/skills/communication/").content.decode() or notice
        assert notice is not None and notice.select_one('a[hreflang="en"]')["href"] == (
            "/en/framework/skills/communication/"
        )
    # Two fields, one outdated: half of it counts, so 75%.
    assert status_cells("skills") == {"es": (75, 1), "fr": (75, 1), "ar": (75, 1)}

    # The Spanish translator rewrites the text: Spanish is current, the others still outdated.
    edit_skill(admin_client, skill, description_es="Explicar una idea con claridad, por escrito y en voz alta.")
    assert outdated_on_skill_page(client, "es") == ([], None)
    assert outdated_on_skill_page(client, "fr")[0] == [TEXTS["fr"]]
    # The French translator finds the French still right and says so, without changing it.
    edit_skill(admin_client, skill, translations_still_valid=["fr"])
    assert outdated_on_skill_page(client, "fr") == ([], None)
    assert outdated_on_skill_page(client, "ar")[0] == [TEXTS["ar"]]
    assert status_cells("skills") == {"es": (100, 0), "fr": (100, 0), "ar": (75, 1)}


def test_a_minor_change_keeps_current_translations_current_and_outdated_ones_outdated(admin_client, client, skill):
    edit_skill(admin_client, skill, name_en="Communication skills")
    edit_skill(admin_client, skill, name_es="Habilidades de comunicación")
    # A typo fixed in the English, ticked as minor: Spanish stays current, French and Arabic stay outdated.
    edit_skill(admin_client, skill, name_en="Communication Skills", translations_minor_change="on")
    saved = Skill.objects.get(pk=skill.pk)
    assert field_state(saved, "name", "es") == "complete"
    assert field_state(saved, "name", "fr") == "outdated"
    assert field_state(saved, "description", "ar") == "complete"
    assert outdated_on_skill_page(client, "es") == ([], None)
    assert outdated_on_skill_page(client, "ar")[0] == ["التواصل"]


def test_the_edit_form_shows_each_translations_state(admin_client, skill):
    edit_skill(admin_client, skill, description_en="Explaining an idea clearly.", description_fr="")
    url = reverse("wagtailsnippets_framework_skill:edit", args=[skill.pk])
    soup = soup_of(admin_client.get(url))
    states = {
        name: soup.select_one(f"[name={name}]").get("data-translation-state")
        for name in ("name_es", "description_es", "description_fr", "description_ar")
    }
    assert states == {
        "name_es": "complete",
        "description_es": "outdated",
        "description_fr": "missing",
        "description_ar": "outdated",
    }
    text = soup.get_text(" ", strip=True)
    assert "Translation outdated: the English has changed since it was translated." in text
    assert "Not translated yet: readers see the English." in text
    assert soup.select_one("[name=name_en]").get("data-translation-state") is None


@pytest.fixture
def guide(home_page):
    ResourceIndexPageFactory()
    return ResourcePageFactory(
        slug="first-edit",
        title="Your first edit",
        summary="Make a small change to an article and save it.",
        summary_es="Haz un pequeño cambio en un artículo y guárdalo.",
        summary_fr="Faites une petite modification dans un article et enregistrez-la.",
        summary_ar="أجرِ تعديلًا صغيرًا على مقالة واحفظه.",
    )


def guide_form(admin_client, page):
    """The guide's edit form as a browser would post it (its empty bodies say they have no blocks, as the
    editor's script does)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    values = form_values(admin_client.get(url).content.decode(), field="title_en")
    for code in ("en", "es", "fr", "ar"):
        values.setdefault(f"body_{code}-count", ["0"])
    return url, values


def publish_guide(admin_client, page, **changes):
    url, values = guide_form(admin_client, page)
    for name, value in changes.items():
        values[name] = value if isinstance(value, list) else [value]
    values["action-publish"] = ["action-publish"]
    response = admin_client.post(url, values)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")


def guide_marks(client, lang):
    soup = soup_of(client.get(f"/{lang}/resources/first-edit/"))
    return [element.get_text(" ", strip=True) for element in soup.select(".hub-lead .hub-outdated")]


def test_a_guides_translations_go_outdated_when_its_english_is_published_changed(admin_client, client, guide):
    assert guide_marks(client, "es") == []
    publish_guide(admin_client, guide, summary_en="Make one small change to an article, preview it and save it.")
    assert guide_marks(client, "es") == ["Haz un pequeño cambio en un artículo y guárdalo."]
    assert guide_marks(client, "ar") == ["أجرِ تعديلًا صغيرًا على مقالة واحفظه."]
    assert status_cells("resources")["es"][1] == 1

    publish_guide(admin_client, guide, summary_es="Haz un cambio pequeño en un artículo, revísalo y guárdalo.")
    assert guide_marks(client, "es") == []
    assert guide_marks(client, "fr") != []
    publish_guide(
        admin_client,
        guide,
        summary_en="Make one small change to an article, preview it, and save it.",
        translations_minor_change="on",
    )
    assert guide_marks(client, "es") == []
    page = ResourcePage.objects.get(pk=guide.pk)
    assert field_state(page, "summary", "es") == "complete"
    assert field_state(page, "summary", "fr") == "outdated"


def test_a_draft_leaves_the_published_translations_as_they_are(admin_client, client, guide):
    url, values = guide_form(admin_client, guide)
    values["summary_en"] = ["A draft nobody reads yet."]
    assert admin_client.post(url, values).status_code == 302
    assert guide_marks(client, "es") == []
    # The draft, opened again, says the Spanish is outdated against the English it holds.
    soup = soup_of(admin_client.get(url))
    assert soup.select_one("[name=summary_es]")["data-translation-state"] == "outdated"


def test_mark_translated_records_the_current_english_and_who_translated(skill):
    skill.description_en = "Something else."
    skill.save()
    assert field_state(skill, "description", "es") == "outdated"
    mark_translated(skill, "description", "es", origin="community")
    skill.save()
    saved = Skill.objects.get(pk=skill.pk)
    assert saved.translation_sources["es"]["description"] == source_fingerprint(saved, "description")
    assert saved.translation_origin["es"]["description"] == {"origin": "community", "reviewed": False}
    assert field_state(saved, "description", "es") == "complete"
