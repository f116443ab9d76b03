"""Matched words of a text wrapped in ``<mark>``, with the rest escaped exactly once."""

import functools
import re
from html import escape

from django.utils.safestring import mark_safe

from .text import query_languages, words

# The words of the text as written (what lies between them is kept, so that the text reads as written).
_WORDS = re.compile(r"[^\W_]+")


def highlight(text, terms, lang):
    """``text`` as HTML, each word matching one of ``terms`` (``core.search.text.query_terms``) in a ``<mark>``;
    ``lang`` is the language the text is written in, whose stems count as well as the query's."""
    langs = tuple(dict.fromkeys((lang, *query_languages(lang))))
    text = text or ""
    # A results page highlights some 70 titles and summaries, about 2,000 words in all, most of them repeated
    # and few of them matches: each word is normalised once per process and matched once per call, and the text
    # between two matches is escaped in one piece (a word holds no character that escaping changes).
    matched = {}
    html = []
    start = 0
    for found in _WORDS.finditer(text):
        word = _normalised(found.group())
        if word not in matched:
            matched[word] = bool(word) and any(term.matches(word, langs) for term in terms)
        if matched[word]:
            html.append(escape(text[start : found.start()]))
            html.append(f"<mark>{escape(found.group())}</mark>")
            start = found.end()
    html.append(escape(text[start:]))
    return mark_safe("".join(html))  # noqa: S308 - every piece of the text went through escape() above


@functools.lru_cache(maxsize=65536)
def _normalised(piece):
    """The first normalised word of a word as written ("" when normalising leaves none)."""
    found = words(piece)
    return found[0] if found else ""
