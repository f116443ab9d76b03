"""Matched words of a text wrapped in ``<mark>``, with the rest escaped exactly once."""

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
    html = []
    for index, piece in enumerate(_PIECES.split(text or "")):
        normalised = words(piece)
        if index % 2 and normalised and any(term.matches(normalised[0], langs) for term in terms):
            html.append(f"<mark>{escape(piece)}</mark>")
        else:
            html.append(escape(piece))
    return mark_safe("".join(html))  # noqa: S308 - every piece of the text went through escape() above
