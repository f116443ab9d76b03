"""Page-number pagination for every list of the API: ``?page=`` from 1 to :data:`core.request.MAX_PAGE` and
``?page_size=`` up to :data:`PAGE_SIZE` (larger sizes are capped), with ``count`` the length of the whole list.

ninja answers a page number that is not a whole number within these bounds with a 422 (``LIST_ERRORS``); the
bound keeps every offset within a 64-bit integer, whatever the database.
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination, paginate

from core.request import MAX_PAGE

PAGE_SIZE = 100

PAGINATION_NOTE = (
    f" Paginated by page number: `?page=` (from 1) and `?page_size=` (default and maximum {PAGE_SIZE}); "
    "`count` is the total number of items."
)


class PageQuery(Schema):
    """The page of a list asked for."""

    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Which page to return, from 1 to {MAX_PAGE:,}.")
    # The default is the size itself, not None: a nullable number would put `null` among the values the schema
    # allows, and a query string has no spelling for it.
    page_size: int = Field(
        PAGE_SIZE,
        ge=1,
        le=MAX_PAGE,
        description=f"Items per page (default {PAGE_SIZE}, larger values are capped at {PAGE_SIZE}).",
    )


class Page(Schema):
    """One page of a list."""

    items: list[Any] = Field(description="The items of this page, in the list's order.")
    count: int = Field(description="How many items the whole list has, over all pages.")


class PageNumbers(PageNumberPagination):
    """ninja's page-number pagination, with its parameters and totals described in the schema."""

    Input = PageQuery
    Output = Page


def paginated(view):
    """Paginate a list endpoint's queryset (or sequence) by page number, :data:`PAGE_SIZE` items at most."""
    return paginate(PageNumbers, page_size=PAGE_SIZE, max_page_size=PAGE_SIZE)(view)
