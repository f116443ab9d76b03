"""Parameters whose schema promises more than ninja checks.

ninja answers a value its type refuses with a 422 and a pydantic message. For a value that is well formed but
names nothing (an unknown language, level or sort), the API answers a 400 with a sentence naming the value and
the way to fix it: the schema still states the rule (an enum, a length), and the view checks it itself.
"""

from typing import Annotated

from ninja import Path
from pydantic import Field

from core.request import MAX_VALUE_LENGTH, MAX_VALUES

# What a slug, a tag or a language code given to a filter can be: data, not an enum.
ANY_VALUE = {"type": "string", "minLength": 1, "maxLength": MAX_VALUE_LENGTH}


def checked_by_the_view(type_, **json_schema):
    """``type_`` with ``json_schema`` (e.g. ``enum=[...]``, ``minLength=1``) added to its schema, not checked by
    ninja: the view refuses what the schema excludes, with a 400."""
    return Annotated[type_, Field(json_schema_extra=json_schema)]


def slug_param(kind, example):
    """The ``{slug}`` of a detail path: data, not an enum (any text; one that names nothing is a 404)."""
    return Path(
        description=f"Stable identifier of the {kind}, the same in every language, as its list gives it in `slug`.",
        example=example,
    )


def repeatable(description, items):
    """A repeatable filter (``?type=guide&type=course``, annotated ``list[str]``) whose values the view checks: at
    most MAX_VALUES of them, each as ``items`` (a JSON schema) describes."""
    return Field(
        None,
        description=description + " Repeat the parameter for several values (any of them).",
        json_schema_extra={"items": items, "maxItems": MAX_VALUES},
    )
