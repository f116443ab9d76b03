"""Index fields for translated columns: one per language, and never the word "None" for a missing translation.
Each indexes its text with the normalised words and stems of its language (``core.search.text.index_text``)."""

from django.conf import settings
from wagtail.search import index

from .text import field_language, index_text


class _NonEmptyValue:
    """Index nothing for an empty translation column instead of the word "None", and the column's words in the
    forms the site's search compares (folded, stemmed in the column's language)."""

    def get_value(self, obj):
        """The column's value with its search forms, or an empty string when the translation is missing."""
        value = super().get_value(obj)
        if value is None:
            return ""
        return index_text(value, field_language(self.field_name)) if isinstance(value, str) else value

    def __eq__(self, other):
        """Equal to the plain field it stands for: Wagtail's check that a page model keeps
        ``Page.search_fields`` (wagtailsearch.W001) looks for those very fields in the list."""
        if isinstance(other, _NonEmptyValue) or not isinstance(self, type(other)):
            return self is other
        return (self.field_name, getattr(self, "boost", None), self.kwargs) == (
            other.field_name,
            getattr(other, "boost", None),
            other.kwargs,
        )

    __hash__ = object.__hash__


class TranslatedSearchField(_NonEmptyValue, index.SearchField):
    """A search field for one language column of a translated field."""


class TranslatedAutocompleteField(_NonEmptyValue, index.AutocompleteField):
    """An autocomplete field for one language column of a translated field."""


def translated_search_fields(field, **kwargs):
    """Search fields for every language column of a translated field (``description_en``…)."""
    return [TranslatedSearchField(f"{field}_{code}", **kwargs) for code in settings.MODELTRANSLATION_LANGUAGES]


def autocomplete_fields(field):
    """Autocomplete and search fields for every language column of a translated field:
    wagtail-modeltranslation does not clone these for snippets (it does for pages only), so a Spanish
    title would otherwise not be found in the admin."""
    fields = []
    for code in settings.MODELTRANSLATION_LANGUAGES:
        fields.append(TranslatedAutocompleteField(f"{field}_{code}"))
        fields.append(TranslatedSearchField(f"{field}_{code}"))
    return fields


def none_safe(fields):
    """Make the plain search and autocomplete fields of ``fields`` (e.g. ``Page.search_fields``) None-safe,
    in place, and return the list. In place, because Wagtail's check W001 looks for Page's own field objects
    in a page type's ``search_fields``; it also covers every page type at once. wagtail-modeltranslation
    clones a page's fields per language keeping their class, so the language columns are None-safe too."""
    for field in fields:
        if type(field) is index.SearchField:
            field.__class__ = TranslatedSearchField
        elif type(field) is index.AutocompleteField:
            field.__class__ = TranslatedAutocompleteField
    return fields
