"""The words search compares, the same at index and at query time on every database: case and accents folded,
Arabic letter forms unified, and each word's Snowball stem in its language (``snowballstemmer``, the algorithms
PostgreSQL's ``english``/``spanish``/``french``/``arabic`` configurations use)."""

import functools
import re
import threading
import unicodedata
from typing import NamedTuple

import snowballstemmer
from django.conf import settings

# Snowball algorithm per language code of the site.
STEMMERS = {"en": "english", "es": "spanish", "fr": "french", "ar": "arabic"}
# The last word typed also matches the words it begins, from this many letters on ("wiki" finds "Wikipedia").
PREFIX_MIN_LENGTH = 3

# Tashkeel (harakat, shadda, sukun, Quranic marks), the superscript alif, and the tatweel stretching a word.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
# Alif with hamza above or below, with madda, and alif wasla are written as a bare alif; taa marbuta as haa and
# alif maqsura as yaa, as readers often type them.
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_WORD = re.compile(r"[^\W_]+")
_stemmers = threading.local()


def normalise(text):
    """``text`` case-folded, without accents or other combining marks, with Arabic letter forms unified."""
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The normalised words of ``text``, in order."""
    return _WORD.findall(normalise(text))


@functools.lru_cache(maxsize=65536)
def stem(word, lang):
    """The Snowball stem of a normalised ``word`` in language ``lang`` (the word itself for other languages)."""
    algorithm = STEMMERS.get(lang)
    if algorithm is None:
        return word
    # A stemmer object keeps state while it works: one per thread.
    cache = _stemmers.__dict__
    if algorithm not in cache:
        cache[algorithm] = snowballstemmer.stemmer(algorithm)
    return cache[algorithm].stemWord(word)


def field_language(field_name):
    """The language of an index field from its column suffix (``summary_fr``), else the default language."""
    _base, _sep, suffix = field_name.rpartition("_")
    return suffix if suffix in STEMMERS else settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def index_text(value, lang):
    """What to index for ``value`` written in ``lang``: the text as written (for the backend's own search, such as
    the admin's), followed by each word's normalised form and stem where they differ from what was written."""
    if not value:
        return value
    written = {word.casefold() for word in _WORD.findall(value)}
    extra = []
    for word in words(value):
        for form in (word, stem(word, lang)):
            if form not in written:
                written.add(form)
                extra.append(form)
    return f"{value}\n{' '.join(extra)}" if extra else value


class Term(NamedTuple):
    """One word of a query: the index words that match it exactly, and the beginnings that match it (last word)."""

    exact: frozenset
    prefixes: frozenset

    def matches(self, word, langs):
        """True when a normalised ``word`` of a text in one of ``langs`` would match this term."""
        forms = {word, *(stem(word, lang) for lang in langs)}
        return bool(forms & self.exact) or any(form.startswith(tuple(self.prefixes)) for form in forms if self.prefixes)


def query_languages(lang):
    """The languages whose stems a query typed in ``lang`` is compared with: its own and the default language
    (untranslated content falls back to it)."""
    return tuple(dict.fromkeys((lang, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)))


def query_terms(text, lang):
    """The terms of a reader's ``text`` typed in language ``lang``: every term must match. The last word is
    matched as a beginning too, and so is each of its stems that begins it ("grants" → grant…)."""
    typed = words(text)
    langs = query_languages(lang)
    terms = []
    for position, word in enumerate(typed):
        exact = frozenset({word, *(stem(word, code) for code in langs)})
        prefixes = frozenset()
        if position == len(typed) - 1:
            prefixes = frozenset(form for form in exact if len(form) >= PREFIX_MIN_LENGTH and word.startswith(form))
        terms.append(Term(exact, prefixes))
    return terms
