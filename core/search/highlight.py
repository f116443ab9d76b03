"""Matched words of a text wrapped in ``<mark>``, with the rest escaped exactly once."""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import query_languages, words

# The text split into words and what lies between them (kept, so that the text reads as written).
_PIECES = re.compile(r"([^\W_]+)")


def highlight(text, terms, lang):
    """``text`` as HTML, each word matching one of ``terms`` (``core.search.text.query_terms``) in a ``<mark>``;
    ``lang`` is the language the text is written in, whose stems count as well as the query's."""
    langs = tuple(dict.fromkeys((lang, *query_languages(lang))))
    # A results page highlights some 70 titles and summaries, about 2,000 words in all, most of them repeated:
    # each word is normalised once per process and matched once per call.
    matched = {}
    html = []
    for index, piece in enumerate(_PIECES.split(text or "")):
        # The odd pieces are the words; the even ones what lies between them.
        if index % 2:
            word = _normalised(piece)
            if word not in matched:
                matched[word] = bool(word) and any(term.matches(word, langs) for term in terms)
            if matched[word]:
                html.append(f"<mark>{escape(piece)}</mark>")
                continue
        html.append(escape(piece))
    return mark_safe("".join(html))  # noqa: S308 - every piece of the text went through escape() above


@functools.lru_cache(maxsize=65536)
def _normalised(piece):
    """The first normalised word of a word as written ("" when normalising leaves none)."""
    found = words(piece)
    return found[0] if found else ""
