"""The language of an API answer: the ``?lang=`` parameter, its check, and where the schemas find it.

The view checks the language once and keeps it on the request, because the schemas' resolvers (which turn model
objects into JSON after the view has returned) only see the request.
"""

from django.conf import settings
from ninja import Query

from core.i18n import default_language

from .errors import one_of, unknown
from .params import checked_by_the_view

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)

# The type of every ``lang`` parameter: the site's languages, an enum of the schema that use_language checks.
Language = checked_by_the_view(str, enum=list(LANGUAGES))


def lang_param():
    """The ``?lang=`` query parameter, English by default (annotate it with :data:`Language`)."""
    return Query(
        default_language(),
        description=f"Language of the text: one of {', '.join(LANGUAGES)}. Fields without a translation are given "
        "in English and listed in each item's `fallback_fields`.",
        example="es",
    )


def use_language(request, lang):
    """Check ``lang`` and remember it for the resolvers; an unknown code is the client's error (400)."""
    if lang not in LANGUAGES:
        raise unknown("language", lang, one_of(LANGUAGES))
    request.api_language = lang


def response_language(context):
    """The language the view chose for this response (from a resolver's ``context``)."""
    return getattr(context["request"], "api_language", default_language())
