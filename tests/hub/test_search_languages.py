"""Site search in every language, on whichever database the suite runs on (SQLite or PostgreSQL): stems, accents
and case, Arabic letter forms, the last word as a beginning, marked matches, and the ways on when nothing matches."""

import pytest
from bs4 import BeautifulSoup

from core.search.text import normalise, query_terms
from framework.models import EngagementLevel
from resources.models import ResourcePage
from tests.queries import PAGE_BUDGET, cold_queries, same_count_at_two_sizes, writes
from tests.resources.listing_data import make_index, make_many, make_resource, make_vocabulary


@pytest.fixture
def guides(home_page):
    """Guides whose words come in different forms in each language."""
    index = make_index()
    made = {
        "grants": make_resource(index, "Applying for grants", summary_en="Where the money comes from."),
        "grant": make_resource(index, "Writing a grant report", summary_en="Tell the funder what happened."),
        "tagged": make_resource(index, "Budget basics", summary_en="Plan the costs.", tags=["grants"]),
        "other": make_resource(index, "Photo walks", summary_en="Take pictures for Commons."),
        "wikipedia": make_resource(index, "Editing Wikipedia", summary_en="Your first article."),
        "wikipedia_library": make_resource(index, "The Wikipedia Library", summary_en="Free access to sources."),
        "spanish": make_resource(
            index, "Introduction to editing", title_es="Introducción a la edición", summary_es="Primeros pasos."
        ),
        "french": make_resource(
            index, "Welcoming a volunteer", title_fr="Accueillir un bénévole", summary_fr="Les premiers jours."
        ),
        "arabic": make_resource(
            index, "Managing the library", title_ar="إِدارةُ المكتبةِ", summary_ar="دليل قصير للمتطوعين."
        ),
        "arabic_wikipedia": make_resource(
            index, "Wikipedia for beginners", title_ar="ويكيبيديا للمبتدئين", summary_ar="أول مقالة لك."
        ),
    }
    return made


def found(client, lang, query):
    """The resources found for ``query`` on the ``lang`` search page."""
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    for group in response.context["groups"]:
        if group["key"] == "resources":
            return set(group["items"])
    return set()


def test_grants_and_grant_find_the_same_guides_in_english(client, guides):
    expected = {guides["grants"], guides["grant"], guides["tagged"]}
    assert found(client, "en", "grants") == expected
    assert found(client, "en", "grant") == expected


@pytest.mark.parametrize("query", ["introduccion", "INTRODUCCIÓN", "introducciones", "edicion introduccion"])
def test_spanish_query_without_accents_or_in_capitals_finds_accented_text(client, guides, query):
    assert found(client, "es", query) == {guides["spanish"]}


@pytest.mark.parametrize("query", ["bénévoles", "benevoles", "accueillir bénévoles"])
def test_french_plural_finds_the_singular(client, guides, query):
    assert found(client, "fr", query) == {guides["french"]}


@pytest.mark.parametrize(
    "query",
    [
        "ادارة المكتبة",  # no hamza on the alif
        "إدارة المكتبه",  # taa marbuta typed as haa
        "اِدارَةُ المَكتبة",  # other diacritics
        "إدارـــة",  # tatweel
    ],
)
def test_arabic_query_with_other_letter_forms_finds_the_arabic_title(client, guides, query):
    assert found(client, "ar", query) == {guides["arabic"]}


def test_arabic_last_word_is_matched_as_a_beginning(client, guides):
    assert found(client, "ar", "ويكي") == {guides["arabic_wikipedia"]}


def test_wiki_finds_the_wikipedia_guides(client, guides):
    assert found(client, "en", "wiki") == {guides["wikipedia"], guides["wikipedia_library"], guides["arabic_wikipedia"]}


def test_normalisation_unifies_arabic_letter_forms_and_strips_marks():
    assert normalise("إِدارةُ أُولى آخر ٱلكتاب") == normalise("ادارة اولى اخر الكتاب") == "اداره اولي اخر الكتاب"
    assert normalise("Édition ÇA") == "edition ca"
    assert [sorted(term.prefixes) for term in query_terms("grants", "en")] == [["grant", "grants"]]


# --- What the reader sees ---------------------------------------------------------------------------------


def test_matched_words_are_marked_and_the_text_is_escaped_exactly_once(client, home_page):
    index = make_index()
    make_resource(index, "Programs & Events: a funder's view", summary_en="Grants & events 'for' everyone.")
    html = client.get("/en/search/", {"q": "event"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    link = soup.select_one("#search-resources ~ ul a")
    summary = soup.select_one("#search-resources ~ ul .hub-item-list__description")
    assert link.get_text() == "Programs & Events: a funder's view"
    assert [mark.get_text() for mark in link.select("mark")] == ["Events"]
    assert summary.get_text() == "Grants & events 'for' everyone."
    assert [mark.get_text() for mark in summary.select("mark")] == ["events"]
    assert "Programs &amp; <mark>Events</mark>: a funder&#x27;s view" in html
    assert "&amp;amp;" not in html
    assert "&amp;#x27;" not in html


def test_no_results_offer_levels_popular_tags_and_the_suggestion_form(client, guides):
    EngagementLevel.objects.create(slug="emerging", order=2, name_en="Emerging", name_es="Emergente")
    response = client.get("/es/search/", {"q": "zzyzx"})
    soup = BeautifulSoup(response.content, "html.parser")
    block = soup.select_one("#search-try").parent
    chips = {a.get_text(strip=True): a["href"] for a in block.select("a.hub-chip")}
    assert chips["Emergente"] == "/es/framework/emerging/"
    assert chips["grants"] == "/es/resources/?tag=grants"
    assert soup.select_one('.hub-empty a[href="/es/resources/suggest/"]') is not None


def test_a_search_with_or_without_results_writes_nothing(client, guides):
    for query in ("wiki", "zzyzx", "ويكي"):
        _response, queries = cold_queries(client, "/ar/search/", {"q": query})
        assert writes(queries) == []


@pytest.mark.parametrize("query", ["resource", "zzyzx"])
def test_search_page_costs_the_same_queries_at_two_sizes(client, home_page, query):
    index = make_index()
    levels, _skills, _langs = make_vocabulary()
    make_many(index, 5, levels, prefix="Small")
    same_count_at_two_sizes(
        client,
        "/en/search/",
        lambda: make_many(index, 55, levels, prefix="Large"),
        budget=PAGE_BUDGET,
        params={"q": query},
    )


def test_a_tag_added_to_a_published_guide_is_found_at_once_and_a_removed_one_is_not(client, guides):
    """Tags are written after the page's own save (modelcluster), so the guide is indexed again for them."""
    guide = ResourcePage.objects.get(pk=guides["other"].pk)
    guide.tags.add("zanzibarology")
    guide.save()
    assert found(client, "en", "zanzibarology") == {guides["other"]}
    guide.tags.remove("zanzibarology")
    guide.save()
    assert found(client, "en", "zanzibarology") == set()
