"""Search highlighting (core/search/highlight.py): the matching words marked, everything else escaped once, the
text otherwise as written."""

from core.search.highlight import highlight
from core.search.text import query_terms


def test_matching_words_are_marked_and_the_rest_escaped_once():
    terms = query_terms("wiki", "en")
    text = 'Tom & Jerry\'s <b>Wiki</b> tips: "wikis", WIKI_2 and Wikipedia; not kiwi.'
    assert str(highlight(text, terms, "en")) == (
        "Tom &amp; Jerry&#x27;s &lt;b&gt;<mark>Wiki</mark>&lt;/b&gt; tips: &quot;<mark>wikis</mark>&quot;, "
        "<mark>WIKI</mark>_2 and <mark>Wikipedia</mark>; not kiwi."
    )


def test_accents_and_arabic_forms_match_as_the_search_does_and_no_match_leaves_the_text_as_escaped():
    assert str(highlight("Éditer, éditathon", query_terms("editathon", "fr"), "fr")) == "Éditer, <mark>éditathon</mark>"
    assert str(highlight("دليل المحررين", query_terms("المحررين", "ar"), "ar")) == "دليل <mark>المحررين</mark>"
    assert str(highlight("a < b & c", query_terms("wiki", "en"), "en")) == "a &lt; b &amp; c"
    assert str(highlight("", query_terms("wiki", "en"), "en")) == ""
