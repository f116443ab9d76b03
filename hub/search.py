"""Search helpers shared by the apps: per-language index fields and the cleaning of what readers type."""

import re

from django.conf import settings
from wagtail.search import index
from wagtail.search.backends import get_search_backend

# What a reader may type is cut to this many characters before it reaches the search backend.
MAX_QUERY_LENGTH = 100

# Anything that is neither a letter, a digit nor a space: FTS5 and tsquery give some of these
# characters a meaning ("…", *, -, NEAR), and a stray quote is a syntax error in FTS5.
_NOT_WORD = re.compile(r"[^\w\s]+|_")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _NonEmptyValue:
    """Index nothing for an empty translation column instead of the word "None"."""

    def get_value(self, obj):
        """The column's value, or an empty string when the translation is missing."""
        value = super().get_value(obj)
        return "" if value is None else value


class TranslatedSearchField(_NonEmptyValue, index.SearchField):
    """A search field for one language column of a translated field."""


class TranslatedAutocompleteField(_NonEmptyValue, index.AutocompleteField):
    """An autocomplete field for one language column of a translated field."""


def translated_search_fields(field, **kwargs):
    """Search fields for every language column of a translated field (``description_en``…)."""
    return [TranslatedSearchField(f"{field}_{code}", **kwargs) for code in settings.MODELTRANSLATION_LANGUAGES]


def autocomplete_fields(field):
    """Autocomplete and search fields for every language column of a translated field:
    wagtail-modeltranslation does not clone these for snippets (STACK-NOTES), so a Spanish
    title would otherwise not be found in the admin."""
    fields = []
    for code in settings.MODELTRANSLATION_LANGUAGES:
        fields.append(TranslatedAutocompleteField(f"{field}_{code}"))
        fields.append(TranslatedSearchField(f"{field}_{code}"))
    return fields


def clean_text(value, max_length=MAX_QUERY_LENGTH):
    """``value`` without control characters (NUL included, which PostgreSQL refuses), spaces
    collapsed, cut to ``max_length`` characters."""
    return " ".join(_CONTROL.sub(" ", value or "").split())[:max_length]


def search_terms(query):
    """The words of a reader's query as the backend should see them: letters and digits only,
    so that no character is taken for search syntax. Empty when nothing searchable is left."""
    return " ".join(_NOT_WORD.sub(" ", clean_text(query)).split())


def search(query, queryset_or_model, *, limit=None):
    """Search ``queryset_or_model`` for every word of ``query``, best match first, without
    recording the query (Wagtail's query log writes to the database on every search)."""
    results = get_search_backend().search(search_terms(query), queryset_or_model, operator="and")
    return results if limit is None else results[:limit]


def none_safe(fields):
    """``fields`` (e.g. ``Page.search_fields``) with each plain search or autocomplete field made
    None-safe. wagtail-modeltranslation clones a page's SearchFields once per language; the clones
    keep their class, so cloning a None-safe field gives None-safe language columns."""
    safe = []
    for field in fields:
        if type(field) is index.SearchField:
            field = TranslatedSearchField(field.field_name, boost=field.boost, **field.kwargs)
        elif type(field) is index.AutocompleteField:
            field = TranslatedAutocompleteField(field.field_name, **field.kwargs)
        safe.append(field)
    return safe
