"""The base of every schema that gives an item in the response language: its text with the English fallback, the
``language`` it is in, the ``fallback_fields`` shown in English, and its ``url`` and ``api_url``.

A schema declares the fields it gives with :func:`language_field`, :func:`fallback_fields_field` and
:func:`link_field`, where they belong in its answer (a base class's fields would come first, and change the order
clients see), and inherits their resolvers from :class:`TranslatedOut`. Which fields count as the item's text is
``translated_field_names(obj)`` (the model's ``translated_fields``); a schema that gives other fields overrides
the two resolvers with :func:`item_language` and :func:`fallback_fields` and its own list.
"""

from ninja import Field, Schema

from core.i18n import default_language, field_text, translated_field_names

from .languages import response_language
from .links import api_url, public_url


def text(obj, field, context):
    """The value of ``field`` in the response language, falling back to English."""
    return field_text(obj, field, response_language(context)).value


def item_language(obj, context, fields=None):
    """The response language if any of ``fields`` (default: the item's translated fields) is written in it,
    otherwise English."""
    lang = response_language(context)
    names = translated_field_names(obj) if fields is None else fields
    return lang if any(field_text(obj, field, lang).lang == lang for field in names) else default_language()


def fallback_fields(obj, context, fields=None):
    """The names of ``fields`` (default: the item's translated fields) given in English instead of the response
    language, in order."""
    lang = response_language(context)
    names = translated_field_names(obj) if fields is None else fields
    return [field for field in names if field_text(obj, field, lang).is_fallback]


def language_field():
    """The ``language`` field."""
    return Field(
        description="The language of the text: the one asked for, or `en` when none of the item's text is "
        "translated into it."
    )


def fallback_fields_field():
    """The ``fallback_fields`` field."""
    return Field(description="Fields given in English because they have no text in the language asked for.")


def link_field(description):
    """A ``url`` or ``api_url`` field: an absolute URL."""
    return Field(description=description, json_schema_extra={"format": "uri"})


class TranslatedOut(Schema):
    """Resolvers of what every item given in the response language has (declare the fields you give)."""

    @staticmethod
    def resolve_language(obj, context):
        """The asked language if any field is written in it, otherwise English."""
        return item_language(obj, context)

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """Names of the fields shown in English instead of the asked language."""
        return fallback_fields(obj, context)

    @staticmethod
    def resolve_url(obj, context):
        """The item's public page in the response language."""
        return public_url(obj, context)

    @staticmethod
    def resolve_api_url(obj, context):
        """The item's API detail in the response language."""
        return api_url(obj, context)
