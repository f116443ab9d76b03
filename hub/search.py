"""Search helpers shared by the apps."""

from django.conf import settings
from wagtail.search import index


def autocomplete_fields(field):
    """Autocomplete and search fields for every language column of a translated field:
    wagtail-modeltranslation does not clone these for snippets (STACK-NOTES), so a Spanish
    title would otherwise not be found in the admin."""
    fields = []
    for code in settings.MODELTRANSLATION_LANGUAGES:
        fields.append(index.AutocompleteField(f"{field}_{code}"))
        fields.append(index.SearchField(f"{field}_{code}"))
    return fields
