"""What the API answers when it cannot serve a request: the bodies of its errors, the error responses each kind of
operation documents, and the sentences that say what was wrong and how to fix it.

Every error is JSON with a ``detail``: a sentence in English for our own checks (400, 404), ninja's list of
malformed parameters for a value of the wrong type or out of range (422).
"""

import re
from typing import Any

from django.urls import reverse
from ninja import Field, Schema
from ninja.errors import HttpError


class Error(Schema):
    """What went wrong with a request (unknown language, level or slug)."""

    detail: str = Field(description="A sentence in English saying what was wrong and how to fix it.")


class ValidationIssue(Schema):
    """One malformed query parameter, as django-ninja reports it."""

    type: str = Field(description="Kind of problem, e.g. `greater_than_equal`.")
    loc: list[str | int] = Field(description='Where the bad value was, e.g. `["query", "page"]`.')
    msg: str = Field(description="What was wrong, in English.")
    ctx: dict[str, Any] | None = Field(None, description='Details of the rule that failed, e.g. `{"ge": 1}`.')


class ValidationErrorOut(Schema):
    """A query parameter of the wrong type or out of range (e.g. `page=0`)."""

    detail: list[ValidationIssue] = Field(description="One entry per malformed parameter.")


# A list can be asked for an unknown language or filter value (400) or a malformed page (422); a detail, for an
# unknown language (400) or an unknown slug (404).
LIST_ERRORS = {400: Error, 422: ValidationErrorOut}
DETAIL_ERRORS = {400: Error, 404: Error}

# What a slug can be made of (Django's and Wagtail's slugs, Unicode letters included). Text that is not one names
# nothing and is not sent to the database: PostgreSQL answers a NUL character in a query with an error.
_SLUG = re.compile(r"[-\w]+")


def one_of(values):
    """The hint for a parameter with a fixed set of values: ``Use one of: a, b.``"""
    return f"Use one of: {', '.join(values)}."


def listed_at(kind, url_name):
    """The hint for a slug of something the API lists: ``Use the slug of a level listed at /api/v1/levels/.``"""
    return f"Use the slug of a {kind} listed at {reverse(url_name)}."


def unknown(thing, value, hint):
    """The 400 for a single value that names nothing: ``Unknown level 'x'. <hint>``"""
    return HttpError(400, f"Unknown {thing} '{value}'. {hint}")


def unknown_among(thing, values, hint):
    """The 400 for values of a repeatable parameter that name nothing: ``Unknown type: 'x', 'y'. <hint>``"""
    names = ", ".join(f"'{value}'" for value in values)
    return HttpError(400, f"Unknown {thing}: {names}. {hint}")


def could_be_slug(value):
    """True when ``value`` is made like a slug (letters, digits, hyphens, underscores)."""
    return bool(_SLUG.fullmatch(value))


def one_or_404(queryset, kind, slug):
    """The item of ``queryset`` with ``slug`` (the first in the queryset's order), or a 404 naming the kind."""
    item = queryset.filter(slug=slug).first() if could_be_slug(slug) else None
    if item is None:
        raise HttpError(404, f"No {kind} with slug '{slug}'.")
    return item


def known_or_400(queryset, kind, slug, hint):
    """The item of ``queryset`` a filter names by ``slug``; one that names nothing is the client's error (400), not
    an empty list."""
    item = queryset.filter(slug=slug).first() if could_be_slug(slug) else None
    if item is None:
        raise unknown(kind, slug, hint)
    return item
