"""The resource listing at /<lang>/resources/: facets and their counts, sorting, search, pagination,
forgiving handling of bad parameters, translation honesty and a fixed query budget."""

import re

import pytest
from django.utils.html import escape

from resources.models import ResourcePage
from tests.queries import PAGE_BUDGET, cold_queries, same_count_at_two_sizes, writes
from tests.resources.listing_data import (
    URL,
    counts,
    make_index,
    make_many,
    make_resource,
    make_vocabulary,
    titles,
    warnings,
)

# --- Facets ----------------------------------------------------------------------------------------


def test_unfiltered_listing_shows_live_resources_with_counts(client, listing_resources):
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == [
        "Alpha guide",
        "Bravo guide",
        "Charlie course",
        "Delta course",
        "Echo toolkit",
        "Foxtrot video",
        "Golf guide",
    ]
    assert counts(response, "type") == {"guide": 3, "course": 2, "toolkit": 1, "video": 1}
    assert counts(response, "level") == {"fundamental": 2, "emerging": 4, "expanding": 2, "elevated": 1}
    assert counts(response, "skill") == {"communication": 3, "research": 3}
    assert counts(response, "tag") == {"events": 3, "newcomers": 3}
    assert counts(response, "lang") == {"en": 5, "es": 3}


def test_options_within_a_facet_are_ored(client, listing_resources):
    response = client.get(URL, {"type": ["guide", "course"]})
    assert titles(response) == ["Alpha guide", "Bravo guide", "Charlie course", "Delta course", "Golf guide"]


def test_facets_are_anded_and_counts_use_the_other_facets(client, listing_resources):
    response = client.get(URL, {"type": ["guide", "course"], "level": "emerging"})
    assert titles(response) == ["Bravo guide", "Charlie course", "Golf guide"]
    # Type counts ignore the type filter itself: resources at the emerging level, by type.
    assert counts(response, "type") == {"guide": 2, "course": 1, "toolkit": 1}
    # Level counts among guides and courses; elevated has none and is not offered.
    assert counts(response, "level") == {"fundamental": 2, "emerging": 3, "expanding": 2}
    # Other facets count within the full result set.
    assert counts(response, "tag") == {"newcomers": 1, "events": 3}
    assert counts(response, "lang") == {"en": 2, "es": 2}


def test_selected_option_with_no_results_is_still_listed(client, listing_resources):
    response = client.get(URL, {"type": "course", "level": "emerging", "tag": "newcomers"})
    assert titles(response) == []
    assert counts(response, "type") == {"guide": 1, "course": 0, "toolkit": 1}
    facet = next(facet for facet in response.context["facets"] if facet.param == "type")
    assert [option.value for option in facet.options if option.selected] == ["course"]
    assert "No resources match these filters." in response.content.decode()


def test_skill_and_language_filters(client, listing_resources):
    response = client.get(URL, {"skill": "research", "lang": "en"})
    assert titles(response) == ["Delta course", "Echo toolkit", "Golf guide"]
    response = client.get(URL, {"skill": ["research", "communication"], "lang": "es"})
    assert titles(response) == ["Charlie course"]


def test_draft_resources_are_never_listed_or_counted(client, listing_resources):
    response = client.get(URL, {"level": "fundamental"})
    assert titles(response) == ["Alpha guide", "Charlie course"]
    assert "Hotel draft" not in response.content.decode()


def test_active_filters_are_shown_with_links_that_remove_them(client, listing_resources):
    response = client.get(URL, {"type": ["guide", "course"], "level": "emerging"})
    active = {
        (item["facet"].param, item["option"].value): item["remove"] for item in response.context["active_filters"]
    }
    assert active == {
        ("type", "guide"): "?type=course&level=emerging",
        ("type", "course"): "?type=guide&level=emerging",
        ("level", "emerging"): "?type=guide&type=course",
    }
    html = response.content.decode()
    assert 'href="?type=course&amp;level=emerging"' in html
    assert "Clear filters" in html


# --- The form works without JavaScript -------------------------------------------------------------


def test_filters_are_a_plain_get_form_with_the_parameter_names(client, listing_resources):
    html = client.get(URL, {"type": "guide"}).content.decode()
    form = re.search(r"<form class=\"hub-listing__filters\"[^>]*>(.*?)</form>", html, re.S)
    assert form is not None
    assert 'method="get"' in form.group(0)
    for name, value in [("type", "guide"), ("level", "emerging"), ("skill", "research"), ("tag", "events")]:
        assert f'type="checkbox" name="{name}" value="{value}"' in form.group(1)
    assert 'type="checkbox" name="type" value="guide" checked' in form.group(1)
    assert 'name="lang" value="es"' in form.group(1)
    assert 'name="q"' in form.group(1)
    assert 'name="sort"' in form.group(1)
    assert 'type="submit"' in form.group(1)
    # Scripts are files of their own (progressive enhancement, no inline code for the CSP to allow).
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/resources/js/listing.js" defer>']
    assert "resources/css/listing.css" in html


# --- A filter panel that fits a phone --------------------------------------------------------------


def _form(html):
    return re.search(r"<form class=\"hub-listing__filters\"[^>]*>(.*?)</form>", html, re.S).group(1)


def _checkboxes(html, name):
    """The values of the ``name`` checkboxes the filter form offers, and which of them are ticked."""
    found = re.findall(rf'type="checkbox" name="{name}" value="([^"]+)"( checked)?', _form(html))
    return {value: bool(checked) for value, checked in found}


def test_options_with_no_results_are_not_offered_but_selected_ones_stay(client, listing_resources):
    html = client.get(URL, {"type": ["guide", "course"]}).content.decode()
    # Nothing is a template or a report: those types are not offered at all.
    assert _checkboxes(html, "type") == {"guide": True, "toolkit": False, "course": True, "video": False}
    # Among guides and courses no resource is at the elevated level.
    assert "elevated" not in _checkboxes(html, "level")
    html = client.get(URL, {"type": "course", "level": "emerging", "tag": "newcomers"}).content.decode()
    assert _checkboxes(html, "type")["course"] is True
    course = re.search(r'value="course" checked>.*?hub-listing__count">\((\d+)', _form(html), re.S)
    assert course.group(1) == "0"


def test_panel_summary_counts_the_active_filters(client, listing_resources):
    toggle = re.compile(r'<summary class="hub-listing__toggle">(.*?)</summary>', re.S)
    assert toggle.search(client.get(URL).content.decode()).group(1) == "Filter"
    html = client.get(URL, {"type": ["guide", "course"], "level": "emerging", "q": "guide"}).content.decode()
    assert toggle.search(html).group(1) == "Filter (3 active)"
    # The panel is a disclosure, closed when the page loads, and holds the whole form.
    panel = html[
        html.index('<details class="hub-listing__panel">') : html.index('<section class="hub-listing__results"')
    ]
    assert "<form" in panel and "</form>" in panel
    es = client.get("/es/resources/", {"level": "emerging"}).content.decode()
    assert toggle.search(es).group(1) == "Filtrar (1 activo)"


def test_sort_and_apply_come_before_the_facets(client, listing_resources):
    form = _form(client.get(URL).content.decode())
    assert form.index('name="sort"') < form.index('type="submit"') < form.index("hub-listing__facet")


def test_result_count_and_removable_chips_come_before_the_results(client, listing_resources):
    html = client.get(URL, {"type": "guide", "tag": "events"}).content.decode()
    results = html[html.index('<section class="hub-listing__results"') :]
    assert results.index("2 resources") < results.index("hub-chips") < results.index("hub-listing__list")
    chips = re.findall(r'<a class="hub-chip" href="([^"]+)" aria-label="Remove filter: ([^"]+)"', results)
    assert chips == [("?tag=events", "Guide"), ("?type=guide", "events")]
    # Following a chip's link removes that filter only.
    assert titles(client.get(URL + chips[0][0])) == ["Bravo guide", "Charlie course", "Golf guide"]


@pytest.fixture
def many_tags(listing_resources):
    """Twelve tags in all: nine rare ones on resources of their own, and "popular" on three of those."""
    index = listing_resources["index"]
    for n in range(9):
        tags = [f"rare{n}", "popular"] if n < 3 else [f"rare{n}"]
        make_resource(index, f"Tagged {n}", tags=tags)
    return listing_resources


def test_long_facet_shows_its_top_options_and_folds_the_rest(client, many_tags):
    html = client.get(URL, {"tag": "rare8"}).content.decode()
    form = _form(html)
    tag_facet = next(part for part in form.split("</fieldset>") if 'name="tag"' in part)
    shown, folded = tag_facet.split('<details class="hub-listing__more">')
    assert "<summary>Show all 12</summary>" in folded
    shown_values = re.findall(r'name="tag" value="([^"]+)"', shown)
    # The selected tag first of all, then the largest counts (events, newcomers, popular), in name order.
    assert len(shown_values) == 8
    assert {"rare8", "events", "newcomers", "popular"} <= set(shown_values)
    assert len(re.findall(r'name="tag" value="', folded)) == 4
    assert 'data-facet-filter="Find in “Tag”"' in tag_facet
    # Short facets (the types, levels, skills and languages here) have no "Show all" and no search box.
    assert html.count("Show all") == 1
    assert html.count("data-facet-filter=") == 1


# --- Sorting and search ----------------------------------------------------------------------------


def test_sort_by_newest_and_by_review_date(client, listing_resources):
    newest = titles(client.get(URL, {"sort": "newest"}))
    assert newest[0] == "Golf guide"
    assert newest[-1] == "Alpha guide"
    reviewed = titles(client.get(URL, {"sort": "reviewed"}))
    assert reviewed == [
        "Foxtrot video",
        "Delta course",
        "Alpha guide",
        "Golf guide",
        "Charlie course",
        "Echo toolkit",
        "Bravo guide",
    ]


def test_title_sort_uses_the_readers_language_with_english_fallback(client, listing_resources):
    pages = listing_resources["pages"]
    pages["Golf guide"].title_es = "Abeja guía"
    pages["Golf guide"].save()
    response = client.get("/es/resources/")
    assert titles(response)[0] == "Golf guide"
    assert titles(response)[1] == "Alpha guide"


def test_search_within_the_listing_combines_with_facets(client, listing_resources):
    response = client.get(URL, {"q": "guide"})
    assert sorted(titles(response)) == ["Alpha guide", "Bravo guide", "Golf guide"]
    assert response.context["sort"] == "relevance"
    assert counts(response, "type") == {"guide": 3}
    response = client.get(URL, {"q": "guide", "level": "emerging"})
    assert sorted(titles(response)) == ["Bravo guide", "Golf guide"]
    response = client.get(URL, {"q": "guide", "sort": "title"})
    assert titles(response) == ["Alpha guide", "Bravo guide", "Golf guide"]


def test_results_show_type_levels_review_date_and_needs_review_flag(client, listing_resources):
    html = client.get(URL, {"tag": "newcomers"}).content.decode()
    bravo = html[html.index("Bravo guide") :]
    bravo = bravo[: bravo.index("</li>\n")] if "</li>\n" in bravo else bravo
    assert "Guide" in bravo
    assert "Emerging" in bravo
    assert "Last reviewed:" in bravo
    assert "Needs review" in bravo
    alpha = html[html.index("Alpha guide") : html.index("Bravo guide")]
    assert "Needs review" not in alpha


def test_untranslated_titles_fall_back_honestly_with_a_status_line(client, listing_resources):
    pages = listing_resources["pages"]
    pages["Alpha guide"].title_es = "Guía alfa"
    pages["Alpha guide"].summary_es = "De qué trata la guía alfa."
    pages["Alpha guide"].save()
    response = client.get("/es/resources/", {"type": "guide"})
    html = response.content.decode()
    assert "Guía alfa" in html
    assert '<span lang="en" class="hub-fallback">Bravo guide</span>' in html
    status = response.context["translation"]
    # Index page (title translated) and three guides (title and summary each): 1 + 2 of 7 fields.
    assert status.percent == round(100 * 3 / 7)
    assert "hub-translation-status" in html


# --- Pagination ------------------------------------------------------------------------------------


@pytest.fixture
def many_resources(home_page):
    """Forty-five resources: three pages of twenty."""
    index = make_index()
    levels, _skills, _langs = make_vocabulary()
    make_many(index, 45, levels)
    return index


def test_pagination_twenty_per_page_keeps_the_filters(client, many_resources):
    first = client.get(URL)
    assert len(first.context["results"]) == 20
    assert first.context["paginator"].num_pages == 3
    assert first.context["next_link"] == "?page=2"
    filtered = client.get(URL, {"type": "guide", "page": "1"})
    assert filtered.context["paginator"].count == 15
    assert filtered.context["next_link"] is None
    second = client.get(URL, {"tag": "shared", "page": "2"})
    assert second.context["page_obj"].number == 2
    assert second.context["previous_link"] == "?tag=shared&page=1"
    assert second.context["next_link"] == "?tag=shared&page=3"
    assert titles(second)[0] == "Bulk resource 020"
    last = client.get(URL, {"page": "3"})
    assert len(last.context["results"]) == 5


# --- Bad parameters never give an error page -------------------------------------------------------


def test_unknown_level_is_ignored_with_a_warning(client, listing_resources):
    response = client.get(URL, {"level": ["expert", "emerging"]})
    assert response.status_code == 200
    assert warnings(response) == ["Ignored unknown level: 'expert'"]
    assert titles(response) == ["Bravo guide", "Charlie course", "Echo toolkit", "Golf guide"]
    html = response.content.decode()
    assert "cdx-message--warning" in html
    assert escape("Ignored unknown level: 'expert'") in html


def test_facet_of_only_unknown_values_is_no_filter(client, listing_resources):
    response = client.get(URL, {"type": "podcast", "skill": "juggling", "tag": "nope", "lang": "xx"})
    assert response.status_code == 200
    assert len(titles(response)) == 7
    assert warnings(response) == [
        "Ignored unknown type: 'podcast'",
        "Ignored unknown skill: 'juggling'",
        "Ignored unknown tag: 'nope'",
        "Ignored unknown language: 'xx'",
    ]


@pytest.mark.parametrize(
    ("page", "expected_page", "message"),
    [
        ("abc", 1, "Ignored page number 'abc': showing the first page."),
        ("0", 1, "Ignored page number '0': showing the first page."),
        ("-3", 1, "Ignored page number '-3': showing the first page."),
        ("99999", 3, "There is no page 99999: showing the last page, 3."),
        ("1" * 400, 3, "There is no page"),
    ],
)
def test_bad_page_numbers_fall_back_with_a_message(client, many_resources, page, expected_page, message):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page
    assert warnings(response)[0].startswith(message)


def test_page_beyond_an_empty_result_set_is_the_only_page(client, listing_resources):
    response = client.get(URL, {"type": "template", "page": "5"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_unknown_sort_is_ignored(client, listing_resources):
    response = client.get(URL, {"sort": "price"})
    assert response.status_code == 200
    assert response.context["sort"] == "title"
    assert warnings(response) == ["Ignored unknown sort order: 'price'"]


def test_relevance_sort_without_a_query_is_the_default_order(client, listing_resources):
    response = client.get(URL, {"sort": "relevance"})
    assert response.status_code == 200
    assert titles(response)[0] == "Alpha guide"


def test_long_and_numerous_values_are_capped(client, listing_resources):
    response = client.get(URL, {"level": ["x" * 5000, *(f"v{n}" for n in range(500))], "q": "guide " * 200})
    assert response.status_code == 200
    level_warning = warnings(response)[0]
    assert "'" + "x" * 100 + "'" in level_warning
    assert "x" * 101 not in level_warning
    # 50 values kept per facet: the long one and v0…v48.
    assert "'v48'" in level_warning
    assert "'v49'" not in level_warning
    assert len(response.context["query"]) <= 100
    assert "The search text was cut to 100 characters." in warnings(response)


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "nul\x00byte", "ñandú 🦆 日本", "' OR 1=1 --", '"unbalanced', "%00", "\u202e"],
)
def test_odd_strings_are_handled_and_escaped(client, listing_resources, value):
    response = client.get(URL, {"level": value, "tag": value, "q": value, "sort": value, "page": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html


def test_query_of_punctuation_only_is_ignored_with_a_message(client, listing_resources):
    response = client.get(URL, {"q": "*** ??"})
    assert response.status_code == 200
    assert len(titles(response)) == 7
    assert warnings(response) == ["Ignored search text '*** ??': it has no letters or digits."]


# --- Query budget ----------------------------------------------------------------------------------


# Measured cold (every cache empty, tests/queries.py), so both sizes pay the same fills: Wagtail's site root
# paths, the facet counts under the current content version, content types.
LISTING_BUDGET = PAGE_BUDGET


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": ["guide", "course"], "level": "emerging", "tag": "shared"},
        {"q": "resource", "level": "fundamental", "sort": "relevance"},
        {"skill": "research", "lang": "en", "sort": "newest", "page": "2"},
    ],
)
def test_listing_runs_the_same_queries_at_two_sizes(client, home_page, params):
    index = make_index()
    levels, _skills, _langs = make_vocabulary()
    make_many(index, 5, levels, prefix="Small")

    def grow():
        make_many(index, 55, levels, prefix="Large")
        assert ResourcePage.objects.live().count() == 60

    same_count_at_two_sizes(client, URL, grow, budget=LISTING_BUDGET, params=params)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/en/resources/", {}),
        ("/es/resources/", {"type": "guide", "level": "emerging"}),
        ("/fr/resources/", {"skill": "research", "lang": "es", "tag": "shared", "sort": "newest", "page": "2"}),
        # A search ranked by relevance with a filter: on SQLite the ranking is restricted to the filtered
        # resources in its own statement (core/search/sqlite.py), not checked against them in a second one.
        ("/en/resources/", {"q": "resource", "level": "fundamental", "sort": "relevance"}),
    ],
)
def test_listing_of_resources_linked_to_every_facet_keeps_the_budget_at_two_sizes(client, home_page, url, params):
    # Issue #15 point 4: on the demo content (every facet with options to name) the listing cost 13 queries, and
    # 14 with a type and a level, while resources with levels and tags only stayed within the budget.
    index = make_index()
    levels, skills, languages = make_vocabulary()
    make_many(index, 6, levels, prefix="Small", skills=skills, languages=languages)

    def grow():
        make_many(index, 54, levels, prefix="Large", skills=skills, languages=languages)

    same_count_at_two_sizes(client, url, grow, budget=LISTING_BUDGET, params=params)
    if "q" not in params:
        # The number of results the page states is still the number of resources the filters select.
        html = client.get(url, params).content.decode()
        stated = re.search(r'id="results-heading"[^>]*>\s*(\d+)', html)
        assert int(stated.group(1)) == ResourcePage.objects.live().filter(**_demo_filter(params)).distinct().count()


def _demo_filter(params):
    """The ORM filter for the facets of ``params``."""
    lookups = {
        "type": "resource_type",
        "level": "levels__slug",
        "skill": "skills__slug",
        "lang": "languages__code",
    }
    return {lookups[param]: value for param, value in params.items() if param in lookups}


def test_a_listing_request_writes_nothing(client, listing_resources):
    _response, queries = cold_queries(client, URL, {"type": "guide", "q": "guide"})
    assert writes(queries) == []
