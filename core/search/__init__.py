"""Search for every app: per-language index fields (``fields``), the cleaning of what readers type, and the search
itself, with one module per backend (``sqlite``, ``postgres``) behind the functions below."""

import re

from wagtail.search.backends import get_search_backend

from core.i18n import current_language
from core.request import clean_text

from . import postgres, sqlite
from .fields import (
    TranslatedAutocompleteField,
    TranslatedSearchField,
    autocomplete_fields,
    none_safe,
    translated_search_fields,
)
from .highlight import highlight
from .text import query_terms

__all__ = [
    "RankedResults",
    "TranslatedAutocompleteField",
    "TranslatedSearchField",
    "autocomplete_fields",
    "highlight",
    "matching_pks",
    "none_safe",
    "ranked_pks",
    "ranking",
    "search",
    "search_terms",
    "terms",
    "translated_search_fields",
]

# Anything that is neither a letter, a digit nor a space: FTS5 and tsquery give some of these
# characters a meaning ("…", *, -, NEAR), and a stray quote is a syntax error in FTS5.
_NOT_WORD = re.compile(r"[^\w\s]+|_")


def search_terms(query):
    """The words of a reader's query as the backend should see them: letters and digits only,
    so that no character is taken for search syntax. Empty when nothing searchable is left."""
    return " ".join(_NOT_WORD.sub(" ", clean_text(query)).split())


def terms(query):
    """The terms of a reader's query in the active language (``core.search.text.query_terms``): each must match."""
    # From the cleaned text, not search_terms(): that splits words at Arabic diacritics, which normalising drops.
    return query_terms(clean_text(query), current_language())


def _backend():
    backend = get_search_backend()
    return backend, (sqlite if sqlite.is_backend(backend) else postgres)


def search(query, queryset_or_model, *, order_by_relevance=True):
    """Wagtail search for every word of ``query`` (the backend's own ordering), without recording the
    query: Wagtail's query log writes to the database on every search."""
    return get_search_backend().search(
        search_terms(query), queryset_or_model, operator="and", order_by_relevance=order_by_relevance
    )


def matching_pks(query, model):
    """A subquery of the primary keys of ``model``'s objects matching ``query`` (unordered), to filter on."""
    found = terms(query)
    if not found:
        # Nothing searchable (the caller says the text was ignored): every object, as without a query.
        return model._default_manager.values("pk")
    backend, module = _backend()
    return module.matching_pks(backend, found, model)


def ranking(query, model):
    """On SQLite, every index entry matching ``query`` (any model), best first, as a list of
    ``(content type id, object id)``: one query, which a page searching several models can share
    (pass it to :func:`ranked_pks`). None on other backends, which rank per model in the database."""
    backend, module = _backend()
    found = terms(query)
    if module is not sqlite or not found:
        return None
    return sqlite.ranking(backend, found, model)


def ranked_pks(query, queryset, shared_ranking=None):
    """The primary keys of ``queryset``'s objects matching ``query``, best first: a list on SQLite, a lazy
    query elsewhere (see each backend's module)."""
    found = terms(query)
    if not found:
        return queryset.values_list("pk", flat=True)
    backend, module = _backend()
    return module.ranked_pks(backend, found, queryset, shared_ranking)


class RankedResults:
    """``queryset``'s objects matching ``query``, best first, as a sequence Django's Paginator can slice
    and count; a slice of objects costs one query (plus the queryset's prefetches)."""

    def __init__(self, query, queryset, shared_ranking=None):
        self.queryset = queryset
        self.pks = ranked_pks(query, queryset, shared_ranking)

    def count(self):
        """How many objects match."""
        return len(self.pks) if isinstance(self.pks, list) else self.pks.order_by().count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        pks = list(self.pks[key])
        found = self.queryset.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]
