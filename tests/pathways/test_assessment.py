"""The "Where do I start?" self-assessment: answers become a level and roles with the reasoning shown, the
data file is validated, and whatever the link carries the page answers 200 and stores nothing."""

import itertools
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.assessment import AssessmentForm
from pathways.assessment_file import ASSESSMENT, DATA_PATH, AssessmentDataError, load_assessment
from pathways.factories import RoleFactory
from tests.pathways.builders import ROLES, build_pathways, build_roles, make_levels
from tests.queries import same_count_at_two_sizes

URL = "/en/pathways/start/"


def answers(**overrides):
    """A full answer set: someone who has never edited and would like to write, unless overridden."""
    base = {"edited": "never", "helped": "no", "organised": "no", "taught": "no", "affiliate": "no", "next": "write"}
    return {**base, **overrides}


def get(client, params, lang="en"):
    response = client.get(f"/{lang}/pathways/start/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def suggested_slugs(soup):
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select(".hub-start__role-name a")]


def result_text(soup):
    return soup.select_one("#result").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("given", "level", "roles", "reason"),
    [
        (
            answers(),
            "fundamental",
            ["content-editor", "patroller-administrator", "technical-contributor"],
            "You are at the start of your journey, so the Fundamental level",
        ),
        (
            answers(edited="few", organised="helped", next="organise"),
            "expanding",
            ["event-organizer", "partnerships-coordinator", "mentor"],
            "You have organised or co-organised an event, so the Expanding level",
        ),
        (
            answers(edited="regularly", helped="often", organised="led", taught="regularly", next="teach"),
            "elevated",
            ["trainer", "mentor"],
            "You train others regularly and have led the organising of events, so the Elevated level",
        ),
        (
            answers(edited="regularly", next="tools"),
            "emerging",
            ["technical-contributor", "patroller-administrator", "content-editor"],
            "You edit regularly, so the Emerging level",
        ),
        (
            answers(edited="few", affiliate="leader", next="lead"),
            "elevated",
            ["affiliate-board-member", "committee-member", "partnerships-coordinator"],
            "You have served on an affiliate's board or led a committee, so the Elevated level",
        ),
    ],
)
@pytest.mark.django_db
def test_answers_suggest_a_level_and_roles_with_the_reasoning(client, given, level, roles, reason):
    build_roles()
    soup = get(client, given)
    assert soup.select_one(".hub-start__level a")["href"] == f"/en/framework/{level}/"
    assert suggested_slugs(soup) == roles
    assert reason in result_text(soup)
    # Every suggestion links to its pathway and says why it is there.
    for link in soup.select(".hub-start__role-name a"):
        assert link["href"].startswith("/en/pathways/")
    assert len(soup.select(".hub-start__role .hub-start__reason")) == len(roles)


@pytest.mark.django_db
def test_a_role_to_grow_into_is_labelled_and_explained(client):
    build_roles()
    soup = get(client, answers())  # Fundamental: the patroller pathway starts at Emerging
    text = result_text(soup)
    assert "Content editor starts at the Fundamental level and leads to Emerging." in text
    assert "Patroller / administrator starts at the Emerging level, above Fundamental." in text
    assert "You would like to write and improve content." in text
    assert "First the roles that fit the Fundamental level, then roles to grow into." in text


@pytest.mark.django_db
def test_the_same_answers_always_give_the_same_result(client):
    build_roles()
    given = answers(edited="few", helped="often", next="welcome")
    first, second = get(client, given), get(client, given)
    assert result_text(first) == result_text(second)
    assert suggested_slugs(first) == ["mentor", "content-editor", "trainer"]


@pytest.mark.django_db
def test_a_role_missing_from_the_database_is_simply_not_suggested(client):
    build_roles(only={"content-editor", "technical-contributor"})
    soup = get(client, answers())
    assert suggested_slugs(soup) == ["content-editor", "technical-contributor"]


@pytest.mark.django_db
def test_answers_are_kept_in_the_form_below_the_result(client):
    build_roles()
    soup = get(client, answers(edited="few", next="organise"))
    assert soup.select_one("input[name=edited][checked]")["value"] == "few"
    assert soup.select_one("input[name=next][checked]")["value"] == "organise"
    assert soup.select_one("#result").find_next("form") is not None


@pytest.mark.django_db
def test_a_bare_visit_shows_the_questions_without_errors(client):
    soup = get(client, {})
    assert len(soup.select("form[method=get] fieldset legend")) == len(ASSESSMENT.questions) == 6
    assert soup.select(".cdx-message--error") == []
    assert soup.select_one("#result") is None


@pytest.mark.django_db
def test_an_incomplete_form_shows_errors_next_to_the_questions_and_a_summary(client):
    soup = get(client, {"edited": "few", "next": "write"})
    assert soup.select_one("#result") is None
    summary = soup.select_one("#form-errors")
    assert summary["role"] == "alert"
    assert {a["href"] for a in summary.select("a")} == {
        "#q-helped-0",
        "#q-organised-0",
        "#q-taught-0",
        "#q-affiliate-0",
    }
    helped = soup.select_one("fieldset#q-helped")
    assert "cdx-field--status-error" in helped["class"]
    assert helped["aria-describedby"] == "q-helped-error"
    assert "Please choose an answer." in helped.get_text()
    assert "cdx-field--status-error" not in soup.select_one("fieldset#q-edited")["class"]


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("edited", "banana"),
        ("edited", "x" * 10_000),
        ("edited", "few\x00"),
        ("next", "write\x00<script>"),
    ],
)
@pytest.mark.django_db
def test_tampered_values_are_field_errors_not_crashes(client, param, value):
    build_roles()
    soup = get(client, answers(**{param: value}))
    assert soup.select_one("#result") is None
    field = soup.select_one(f"fieldset#q-{param}")
    assert "Please choose one of the answers listed." in field.get_text()
    # The value sent is not echoed into the page's content, nor shown as chosen.
    assert field.select("input[checked]") == []
    main = str(soup.main)
    assert "x" * 100 not in main
    assert "<script>" not in main
    assert "\x00" not in main


@pytest.mark.django_db
def test_a_repeated_answer_is_an_error(client):
    build_roles()
    response = client.get(f"{URL}?edited=few&edited=never&helped=no&organised=no&taught=no&affiliate=no&next=write")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#result") is None
    assert "Please choose only one answer." in soup.select_one("fieldset#q-edited").get_text()


def test_the_form_rejects_unknown_and_repeated_values_without_a_database():
    from django.http import QueryDict

    form = AssessmentForm(QueryDict("edited=few&edited=few&helped=no&organised=no&taught=no&affiliate=no&next=x"))
    assert not form.is_valid()
    assert set(form.errors) == {"edited", "next"}


@pytest.mark.django_db
def test_spanish_page_shows_the_spanish_labels_from_the_data_file(client):
    build_roles()
    soup = get(client, answers(organised="helped", next="organise"), lang="es")
    text = soup.get_text(" ", strip=True)
    assert "¿Has editado algún proyecto Wikimedia, como Wikipedia, Wikidata o Commons?" in text
    assert "Ayudé a organizar uno" in text
    assert "Has organizado o ayudado a organizar un evento, así que el nivel En expansión" in result_text(soup)
    assert soup.select_one(".hub-start__role-name a")["href"] == "/es/pathways/event-organizer/"
    assert soup.select_one(".hub-start__role-name a").get_text(strip=True) == "Event organizer (es)"
    assert soup.select(".hub-fallback") == []


@pytest.mark.django_db
def test_arabic_page_reads_in_arabic_and_marks_an_english_role_name(client):
    build_roles()
    response = client.get("/ar/pathways/start/", answers())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["dir"] == "rtl"
    # The questions and the reasoning are in the shipped data in Arabic; no question falls back.
    assert soup.select("legend .hub-fallback") == []
    assert "هل سبق أن حرّرت في أحد مشاريع ويكيميديا" in soup.select_one("legend").get_text()
    assert soup.select(".hub-start__reason .hub-fallback") == []
    # The builders' roles have no Arabic name: the English one is marked, left to right, with no hint beside it.
    fallback = soup.select_one(".hub-start__role-name .hub-fallback")
    assert (fallback["lang"], fallback["dir"]) == ("en", "ltr")
    assert soup.select_one(".hub-start__role-name").get_text(strip=True) == fallback.get_text(strip=True)


@pytest.mark.django_db
def test_a_submission_writes_nothing(client):
    build_roles()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, answers(organised="led", next="organise"))
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert "Set-Cookie" not in response.headers


# The levels, the roles of the suggested level with their levels, the site; measured cold (tests/queries.py).
ASSESSMENT_BUDGET = 8


@pytest.mark.django_db
def test_the_result_costs_the_same_queries_whatever_the_number_of_roles(client):
    # Roles the "lead" answer suggests: one of them at the small size, all of them (three shown) at the large one,
    # so a query per suggested role would show; thirty more roles it never suggests as well.
    params = answers(next="lead")
    build_roles(only={"event-organizer"})

    def grow():
        roles = build_roles()
        RoleFactory.create_batch(30, entry_level=roles["mentor"].entry_level, target_level=roles["mentor"].target_level)

    assert len(suggested_slugs(get(client, params))) == 1
    same_count_at_two_sizes(client, URL, grow, budget=ASSESSMENT_BUDGET, params=params)
    assert len(suggested_slugs(get(client, params))) == 3


# --- The reasoning agrees with the result, for every rule ------------------------------------------------------


def answers_for_each_level_rule():
    """For each level rule, in order, the first answer set (of every combination) that the rule decides."""
    found = {}
    for values in itertools.product(*(question.values for question in ASSESSMENT.questions)):
        given = dict(zip((question.key for question in ASSESSMENT.questions), values, strict=True))
        found.setdefault(ASSESSMENT.level_rules.index(ASSESSMENT.level_rule(given)), given)
    return [found[index] for index in sorted(found)]


def check_consistent(soup, level):
    """The level named in the reason is the level shown; each card's label matches its role's span; the order
    sentence matches the labels in the order shown; the roles said to be left out are not shown; no sentence is
    repeated within a card."""
    spans = {slug: (entry, target) for slug, _name, entry, target in ROLES}
    ranks = ASSESSMENT.levels
    shown = soup.select_one(".hub-start__level a").get_text(strip=True)
    assert shown in soup.select_one(".hub-start__level + .hub-start__reason").get_text()
    labels = []
    for card in soup.select(".hub-start__role"):
        slug = card.select_one(".hub-start__role-name a")["href"].rstrip("/").rsplit("/", 1)[-1]
        entry, target = (ranks.index(name) for name in spans[slug])
        fits = entry <= ranks.index(level) <= target
        label = card.select_one(".hub-start__fit").get_text(strip=True)
        assert label == ("Fits where you are now" if fits else "A role to grow into"), slug
        assert label.lower() not in card.select_one(".hub-start__reason").get_text().lower()
        labels.append(fits)
    assert labels == sorted(labels, reverse=True), "roles that fit come before roles to grow into"
    order = soup.select_one(".hub-start__order").get_text(" ", strip=True)
    if all(labels):
        assert "fit the" in order and "grow" not in order
    elif not any(labels):
        assert "No role for this interest fits" in order
    else:
        assert "First the roles that fit" in order
    names = [card.get_text(strip=True) for card in soup.select(".hub-start__role-name a")]
    if "are not suggested" in order or "is not suggested" in order:
        left_out = order.split(" not suggested")[0]
        for name in names:
            assert name not in left_out


@pytest.mark.parametrize("rule_index", range(len(ASSESSMENT.level_rules)))
@pytest.mark.django_db
def test_each_level_rule_gives_reasoning_that_agrees_with_the_result(client, rule_index):
    build_roles()
    given = answers_for_each_level_rule()[rule_index]
    rule = ASSESSMENT.level_rules[rule_index]
    soup = get(client, given)
    assert soup.select_one(".hub-start__level a")["href"] == f"/en/framework/{rule.level}/"
    check_consistent(soup, rule.level)


@pytest.mark.parametrize("interest", sorted(ASSESSMENT.interests))
@pytest.mark.parametrize("rule_index", [0, len(ASSESSMENT.level_rules) - 1])
@pytest.mark.django_db
def test_each_interest_gives_an_order_sentence_that_agrees_with_the_order_shown(client, interest, rule_index):
    build_roles()
    given = {**answers_for_each_level_rule()[rule_index], ASSESSMENT.interest_question: interest}
    check_consistent(get(client, given), ASSESSMENT.level_rules[rule_index].level)


@pytest.mark.django_db
def test_writing_at_the_elevated_level_says_why_the_writing_roles_are_left_out(client):
    build_roles()
    soup = get(client, answers(affiliate="leader", next="write"))
    order = soup.select_one(".hub-start__order").get_text(" ", strip=True)
    assert suggested_slugs(soup)[:2] == ["mentor", "committee-member"]
    assert "come first" not in result_text(soup)
    assert (
        "Content editor, Patroller / administrator and Technical contributor are not suggested: "
        "their pathways end below the Elevated level."
    ) in order


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.django_db
def test_the_result_proposes_the_first_step_of_the_top_pathway_and_one_guide(client, lang):
    levels = make_levels()
    build_pathways(levels, roles=1, steps=3)
    soup = get(client, answers(helped="often", next="welcome"), lang=lang)  # Emerging; the mentor pathway
    step = soup.select_one(".hub-start__first-step a")
    assert step.get_text(strip=True) == ("Step 1 of mentor" if lang == "en" else "Paso 1 de mentor")
    assert step["href"].startswith(f"/{lang}/pathways/mentor/#step-")
    guides = soup.select(".hub-start__first-guide a")
    assert [guide.get_text(strip=True) for guide in guides] == [
        "Mentoring guide" if lang == "en" else "Guía de mentoría"
    ]


# --- The data file ---------------------------------------------------------------------------------------------


def test_the_shipped_data_file_is_valid_and_asks_six_questions():
    assessment = load_assessment(DATA_PATH)
    assert [question.key for question in assessment.questions] == [
        "edited",
        "helped",
        "organised",
        "taught",
        "affiliate",
        "next",
    ]
    assert assessment.levels == ("fundamental", "emerging", "expanding", "elevated")
    assert {slug for interest in assessment.interests.values() for slug in interest.roles} == {
        slug for slug, *_rest in ROLES
    }


def write_broken_copy(tmp_path, change):
    data = yaml.safe_load(DATA_PATH.read_text(encoding="utf-8"))
    change(data)
    path = Path(tmp_path) / "assessment.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_broken_data_file_is_a_clear_error_listing_every_problem(tmp_path):
    def break_it(data):
        del data["questions"][0]["label"]["es"]
        data["questions"][1]["options"][1]["value"] = "no"  # used twice
        data["level_rules"][0]["level"] = "legendary"
        data["level_rules"][1]["when"] = {"organised": ["sometimes"]}
        data["level_rules"][2]["reason"]["en"] = "So the {level} level, says {nobody}."
        data["level_rules"].append({"level": "emerging", "when": {"edited": ["few"]}, "reason": {"en": "x", "es": "x"}})
        del data["interests"]["tools"]

    path = write_broken_copy(tmp_path, break_it)
    with pytest.raises(AssessmentDataError) as caught:
        load_assessment(path)
    message = str(caught.value)
    assert str(path) in message
    for expected in [
        "questions[0].label: the Spanish text ('es') is required",
        "questions[1].options[1].value: 'no' is already used by questions[1].options[0]",
        "level_rules[0].level: 'legendary' is not one of the levels",
        "level_rules[1].when.organised[0]: 'sometimes' is not an answer of that question",
        "level_rules[2].reason.en: unknown placeholder(s) ['nobody']",
        # The renamed answer is also missing where a rule refers to it.
        "level_rules[5].when.helped[0]: 'sometimes' is not an answer of that question",
        "level_rules: the last rule must have no conditions",
        "interests: the answer 'tools' of 'next' suggests no roles",
    ]:
        assert expected in message, message
    assert len(caught.value.problems) == 8


def test_an_unquoted_yes_no_answer_is_reported_not_misread(tmp_path):
    path = Path(tmp_path) / "assessment.yaml"
    path.write_text(DATA_PATH.read_text(encoding="utf-8").replace('value: "no"', "value: no", 1), encoding="utf-8")
    with pytest.raises(
        AssessmentDataError, match=r"questions\[1\]\.options\[0\]\.value: expected text, got true/false \(YAML reads"
    ):
        load_assessment(path)


def test_problems_are_located_in_the_data_file_engines_format(tmp_path):
    """The same ``path: message`` as every other data file, from the same Checker."""

    def break_it(data):
        data["questions"][2]["options"][0]["label"]["es"] = 3
        data["max_roles"] = 12
        data["colour"] = "blue"

    with pytest.raises(AssessmentDataError) as caught:
        load_assessment(write_broken_copy(tmp_path, break_it))
    assert [str(problem) for problem in caught.value.problems] == [
        "colour: unknown key",
        "questions[2].options[0].label.es: expected text, got a number (3)",
        "max_roles: must be 9 or less, got 12",
    ]


def test_a_repeated_key_is_reported_with_its_line(tmp_path):
    path = Path(tmp_path) / "assessment.yaml"
    path.write_text(DATA_PATH.read_text(encoding="utf-8").replace("version: 1\n", "version: 1\nversion: 1\n"))
    with pytest.raises(AssessmentDataError, match=r"cannot be read:\n  line \d+, column 1: key 'version' is repeated"):
        load_assessment(path)


def test_an_unreadable_data_file_is_a_clear_error(tmp_path):
    path = Path(tmp_path) / "assessment.yaml"
    path.write_text("questions: [unclosed", encoding="utf-8")
    with pytest.raises(AssessmentDataError, match="cannot be read"):
        load_assessment(path)
    with pytest.raises(AssessmentDataError, match="cannot be read"):
        load_assessment(Path(tmp_path) / "missing.yaml")
