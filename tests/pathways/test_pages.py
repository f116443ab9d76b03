"""The roles page with its role map and level filter, a role's pathway page as a checklist, its print
stylesheet and its offline file: content, translation honesty and query budgets."""

import datetime
import re
from urllib.parse import urlparse

import pytest
import time_machine
from bs4 import BeautifulSoup

from framework.choices import Provenance
from pathways.factories import RoleFactory
from pathways.models import PathwayStep, Role
from tests.pathways.builders import build_pathways, make_levels
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes


@pytest.fixture
def levels(db):
    return make_levels()


@pytest.fixture
def mentor(levels):
    """A role from Emerging (level 2) to Elevated (level 4) with three steps, plus a Fundamental one."""
    mentor = build_pathways(levels, 1, 3)[0]
    RoleFactory(slug="editor", name_en="Editor", entry_level=levels[0], target_level=levels[1], position=5)
    return mentor


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# --- Roles page -------------------------------------------------------------------------------------


def test_roles_page_groups_roles_by_entry_level(client, mentor):
    page = soup(client.get("/en/pathways/"))
    groups = page.select("section.pathways-group")
    assert [group.h2.get_text(strip=True) for group in groups] == ["Starting at Fundamental", "Starting at Emerging"]
    assert [card.select_one(".cdx-card__text__title").get_text() for card in groups[1].select(".cdx-card")] == [
        "Mentor"
    ]
    card = groups[1].select_one(".cdx-card")
    assert card["href"] == "/en/pathways/mentor/"
    assert "from Emerging to Elevated" in card.get_text()
    icon = card.select_one("img")
    assert icon["alt"] == ""
    assert icon["src"].endswith("vendor/codex-icons/userGroup.svg")


def test_role_map_draws_a_role_from_its_entry_to_its_target_level(client, mentor):
    page = soup(client.get("/en/pathways/"))
    rows = page.select(".pathways-map__roles > li")
    mentor_row = next(row for row in rows if row.a.get_text() == "Mentor")
    bar = mentor_row.select_one(".pathways-map__bar")
    assert {"hub-span-start-2", "hub-span-end-4"} <= set(bar["class"])
    assert bar["aria-hidden"] == "true"
    # A screen reader hears the span as a sentence.
    assert mentor_row.get_text(" ", strip=True) == "Mentor : from Emerging to Elevated"
    headers = [cell.get_text() for cell in page.select(".pathways-map__head .pathways-map__level")]
    assert headers == ["Fundamental", "Emerging", "Expanding", "Elevated"]
    assert not page.select("[style]")
    css = b"".join(client.get("/static/pathways/css/pathways.css").streaming_content).decode()
    # Level n sits in grid column n + 1, after the column of role names.
    assert ".hub-span-start-2 { grid-column-start: 3; }" in css
    assert ".hub-span-end-4 { grid-column-end: 6; }" in css


def test_level_filter_keeps_the_roles_whose_span_includes_the_level(client, mentor):
    page = soup(client.get("/en/pathways/?level=expanding"))
    assert [row.a.get_text() for row in page.select(".pathways-map__roles > li")] == ["Mentor"]
    assert page.select_one("#roles-level option[selected]")["value"] == "expanding"
    assert page.select_one('a[href="/en/resources/?level=expanding"]')
    both = soup(client.get("/en/pathways/?level=emerging"))
    assert [row.a.get_text() for row in both.select(".pathways-map__roles > li")] == ["Editor", "Mentor"]


def test_unknown_level_is_named_and_ignored(client, mentor):
    page = soup(client.get("/es/pathways/?level=nowhere"))
    warning = page.select_one(".pathways-warning")
    assert "'nowhere'" in warning.get_text()
    assert len(page.select(".pathways-map__roles > li")) == 2
    assert not page.select("#roles-level option[selected]")


# --- Pathway page -----------------------------------------------------------------------------------


def test_pathway_lists_its_steps_in_order_with_their_links(client, mentor):
    page = soup(client.get("/en/pathways/mentor/"))
    assert page.h1.get_text(strip=True) == "Mentor"
    steps = page.select("ol.pathways-steps > li")
    assert [step.h3.get_text() for step in steps] == [f"Step {n} of mentor" for n in (1, 2, 3)]
    first = steps[0]
    hrefs = [link["href"] for link in first.select("a")]
    assert "/en/framework/emerging/" in hrefs
    assert "/en/framework/skills/communication/" in hrefs
    assert "/en/framework/behaviors/patience/" in hrefs
    assert "/en/framework/activities/welcome/" in hrefs
    assert any(re.fullmatch(r"/en/resources/guide-\d+/", href) for href in hrefs), hrefs
    external = first.select_one('a[href="https://learn.wiki/course/mentor"]')
    assert external["rel"] == ["noopener"]
    assert external["hreflang"] == "en"
    assert "Mentorship on Meta-Wiki" in page.select_one(".hub-provenance").get_text()


def test_pathway_in_spanish(client, mentor):
    page = soup(client.get("/es/pathways/mentor/"))
    assert page.h1.get_text(strip=True) == "Mentor/a"
    assert [step.h3.get_text() for step in page.select(".pathways-step")][0] == "Paso 1 de mentor"
    assert "Guía de mentoría" in page.select_one(".pathways-step").get_text()
    # Complete, and without provenance records (the builders write none): no status line at all.
    assert page.select_one(".hub-translation-status") is None


def test_arabic_pathway_marks_english_fallbacks_and_its_completeness(client, mentor):
    page = soup(client.get("/ar/pathways/mentor/"))
    assert page.html["dir"] == "rtl"
    fallback = page.h1.select_one(".hub-fallback")
    assert fallback.get_text() == "Mentor"
    assert fallback["lang"] == "en"
    assert fallback["dir"] == "ltr"
    assert page.select_one(".pathways-step h3 .hub-fallback")["lang"] == "en"
    assert "0%" in page.select_one(".hub-translation-status").get_text()


def test_checklist_controls_are_hidden_until_the_script_reveals_them(client, mentor):
    page = soup(client.get("/en/pathways/mentor/"))
    boxes = page.select('.pathways-step input[type="checkbox"]')
    assert len(boxes) == 3
    for box in boxes:
        label = page.select_one(f'label[for="{box["id"]}"]')
        assert label.get_text(strip=True).startswith("Done")
        assert box.find_parent(class_="pathways-step__done").has_attr("hidden")
    assert page.select_one(".pathways-controls").has_attr("hidden")
    assert page.select_one(".pathways-progress")["role"] == "status"
    scripts = page.select("script")
    assert "/static/pathways/js/checklist.js" in [script.get("src") for script in scripts]
    # Only deferred files from our origin: no inline script, nothing that blocks reading the page.
    assert all(script.get("src") and script.has_attr("defer") for script in scripts)
    assert page.select_one("section[data-pathway-checklist]")["data-role"] == "mentor"


def test_checklist_script_keeps_ticks_in_local_storage_only(client):
    script = b"".join(client.get("/static/pathways/js/checklist.js").streaming_content).decode()
    assert "localStorage" in script
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "document.cookie" not in script


def test_print_stylesheet_hides_the_header_and_draws_a_box_per_step(client, mentor):
    page = soup(client.get("/en/pathways/mentor/"))
    assert page.select_one('link[rel="stylesheet"][href="/static/pathways/css/pathways.css"]')
    css = b"".join(client.get("/static/pathways/css/pathways.css").streaming_content).decode()
    print_rules = css[css.index("@media print") :]
    hidden = print_rules[: print_rules.index("display: none")]
    for selector in (".hub-header", ".hub-footer", ".hub-languages", ".pathways-controls", ".pathways-step__done"):
        assert selector in hidden
    assert 'a[href^="http"]::after { content: " (" attr(href) ")"' in print_rules
    assert ".pathways-step__title::before" in print_rules


def test_unknown_role_is_not_found(client, levels):
    assert client.get("/en/pathways/nobody/").status_code == 404
    assert client.get("/en/pathways/nobody/offline/").status_code == 404


# --- Offline file -----------------------------------------------------------------------------------


def test_offline_file_is_one_self_contained_attachment(client, mentor):
    response = client.get("/es/pathways/mentor/offline/")
    assert response["Content-Disposition"] == 'attachment; filename="pathway-mentor-es.html"'
    page = soup(response)
    assert page.html["lang"] == "es"
    assert [step.h3.get_text() for step in page.select("ol.steps > li")] == [f"Paso {n} de mentor" for n in (1, 2, 3)]
    assert page.find("style") and "body" in page.find("style").get_text()
    assert page.find("script") is None
    assert page.find("link") is None
    for element in page.find_all(src=True) + page.find_all(href=True):
        url = element.get("src") or element.get("href")
        parsed = urlparse(url)
        # Absolute addresses only, the Hub's or a guide's own: a saved file has no site to be relative to.
        assert parsed.scheme in ("http", "https") and parsed.netloc, url
        assert not parsed.path.startswith("/static/"), url
    assert page.find("a", href="http://testserver/es/framework/skills/communication/")
    # The inline style carries the request's nonce, so the page's own CSP lets it apply.
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert page.find("style")["nonce"] == nonce


def test_offline_file_links_the_guides_themselves_and_writes_their_addresses(client, mentor):
    guide = mentor.steps.first().resources.get()
    page = soup(client.get("/es/pathways/mentor/offline/"))
    step = page.select_one("ol.steps > li")
    # The guide elsewhere that a step names, linked and written out for paper.
    course = step.find("a", href="https://learn.wiki/course/mentor")
    assert course.get_text() == "WikiLearn course"
    assert "https://learn.wiki/course/mentor" in course.parent.select_one(".url").get_text()
    # A guide of the Hub that lives elsewhere: linked where it lives, with the Hub's page beside it.
    assert guide.external_url_en.startswith("https://meta.wikimedia.org/")
    link = step.find("a", href=guide.external_url_en)
    assert link.get_text() == "Guía de mentoría"
    assert link.parent.find("a", href=f"http://testserver/es/resources/{guide.slug}/")


def test_offline_file_keeps_every_step_description(client, mentor):
    page = soup(client.get("/es/pathways/mentor/offline/"))
    steps = page.select("ol.steps > li")
    assert len(steps) == 3
    assert all("Haz la cosa." in step.get_text() for step in steps)


@time_machine.travel(datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_offline_file_says_when_it_was_made_and_under_which_licence(client, mentor):
    response = client.get("/fr/pathways/mentor/offline/")
    page = soup(response)
    made = page.find("time")
    assert made["datetime"] == "2027-03-01"
    assert "Enregistré le" in made.parent.get_text()
    assert "2027" in made.get_text()
    licence = page.find("a", rel="license")
    assert licence["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert "Creative Commons" in licence.get_text()
    # Nothing to fetch once saved: no stylesheet or script file, the styles are inline.
    assert not page.select('link[rel="stylesheet"], script[src]')
    assert "font-family" in page.find("style").get_text()


def test_offline_file_in_arabic_marks_fallbacks(client, mentor):
    page = soup(client.get("/ar/pathways/mentor/offline/"))
    assert page.html["dir"] == "rtl"
    assert page.h1.select_one('.hub-fallback[lang="en"][dir="ltr"]')


def test_print_button_waits_for_its_script(client, mentor):
    page = soup(client.get("/es/pathways/mentor/"))
    button = page.select_one(".pathways-actions button[data-print]")
    assert button.get_text(strip=True) == "Imprimir este itinerario"
    assert button.has_attr("hidden") and button["type"] == "button"
    assert "/static/hub/js/print.js" in [script.get("src") for script in page.select("script")]
    script = b"".join(client.get("/static/hub/js/print.js").streaming_content).decode()
    assert "window.print()" in script


def test_print_stylesheets_hide_the_share_panel_and_tick_done_steps(client, mentor):
    hub = b"".join(client.get("/static/hub/css/hub.css").streaming_content).decode()
    print_rules = hub[hub.index("@media print") :]
    hidden = print_rules[: print_rules.index("display: none")]
    for selector in (".hub-share", "button", ".cdx-button", ".hub-header", ".hub-footer"):
        assert selector in hidden
    css = b"".join(client.get("/static/pathways/css/pathways.css").streaming_content).decode()
    assert ".pathways-step--done .pathways-step__title::before" in css[css.index("@media print") :]


def test_pathway_page_links_to_its_offline_file(client, mentor):
    page = soup(client.get("/es/pathways/mentor/"))
    assert page.select_one('a[href="/es/pathways/mentor/offline/"]')


# --- Query budgets ----------------------------------------------------------------------------------

PAGES = ["/es/pathways/", "/es/pathways/?level=expanding", "/es/pathways/mentor/", "/ar/pathways/mentor/offline/"]
BUDGET = PAGE_BUDGET


def clear_pathways():
    PathwayStep.objects.all().delete()
    Role.objects.all().delete()


@pytest.mark.parametrize("url", PAGES)
def test_page_query_count_does_not_grow_with_roles_and_steps(client, levels, url):
    build_pathways(levels, 2, 3)

    def grow():
        clear_pathways()
        build_pathways(levels, 20, 6)

    same_count_at_two_sizes(client, url, grow, budget=BUDGET)


def test_reconstruction_role_is_labelled_awaiting_review(client, levels):
    role = RoleFactory(slug="organiser", entry_level=levels[0], provenance=Provenance.RECONSTRUCTION)
    page = soup(client.get(f"/en/pathways/{role.slug}/"))
    assert "Awaiting community review." in page.select_one(".hub-provenance").get_text()
