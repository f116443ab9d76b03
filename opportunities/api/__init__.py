"""Opportunity endpoints of the JSON API (learning opportunities and mentorship programmes), read-only.

The lists take the listing pages' filters and narrow the pages with the listing's own queries
(:mod:`opportunities.filters`, :mod:`opportunities.listing`), so that a link to a listing and a call to the API give
the same items in the same order: upcoming opportunities soonest first (``show=archive``: those that have ended,
most recent first), programmes open now or opening later by title (``show=archive``: closed ones). Unlike the
pages, which ignore what they do not understand and say so, the API is strict: a value that names nothing is a 400
naming it. As in the resources endpoint, the event's own language filter is ``?available_in=``, because ``?lang=``
is the language of the response.

Times are ISO 8601 in the organiser's time zone, with its offset, and the zone's IANA name beside them. Each list
runs the same number of SQL queries however many items there are.
"""

import datetime
from collections.abc import Sequence

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import override
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from core.api.errors import DETAIL_ERRORS, LIST_ERRORS, listed_at, one_of, one_or_404, unknown, unknown_among
from core.api.languages import Language, lang_param, use_language
from core.api.links import register_detail
from core.api.pagination import PAGINATION_NOTE, paginated
from core.api.params import ANY_VALUE, repeatable, slug_param
from core.pagecache import fresh_until, next_midnight
from core.request import MAX_VALUE_LENGTH, MAX_VALUES, clean_text

from ..choices import EventFormat, OpportunityKind, Region
from ..filters import Selection, mentorship_filters, opportunity_filters, parse_month
from ..listing import mentorship_queryset, opportunity_queryset, past, upcoming
from ..models import MentorshipPage, OpportunityPage
from .schemas import MORE_DATES, OpportunityDetailOut, OpportunityOut, ProgrammeDetailOut, ProgrammeOut

router = Router(tags=["opportunities"])

register_detail(OpportunityPage, "api-v1:opportunities-opportunity")
register_detail(MentorshipPage, "api-v1:opportunities-programme")

# The relations every item gives, prefetched once per page of items.
RELATIONS = ("languages", "levels", "skills", "roles")

# API parameter → the listing's filter. Only the event's language is renamed (see the module's docstring).
FILTER_PARAMS = {
    "format": "format",
    "kind": "kind",
    "available_in": "lang",
    "level": "level",
    "skill": "skill",
    "role": "role",
    "region": "region",
}
_ENUMS = {"format": EventFormat, "kind": OpportunityKind, "region": Region}
_LISTS = {"level": "api-v1:framework-levels", "skill": "api-v1:framework-skills", "role": "api-v1:pathways-roles"}
OPPORTUNITY_VIEWS = ("upcoming", "archive")
PROGRAMME_VIEWS = ("open", "archive")
# The months the listing knows (1901-01 to 2999-12), as a pattern of the schema.
MONTH_PATTERN = r"^(19[0-9][1-9]|19[1-9]0|2[0-9]{3})-(0[1-9]|1[0-2])$"


def _filter_hint(param):
    """How to fix an unknown value of filter ``param`` (made when needed: URLs cannot be reversed at import)."""
    if param in _ENUMS:
        return one_of(_ENUMS[param].values)
    if param in _LISTS:
        return listed_at(param, _LISTS[param])
    return "Use a language code given in the items' `available_in`."


# --- Reading the filters --------------------------------------------------------------------------------


def _lookup_key(param, value):
    """What a filter value is looked up as, or None when it can name nothing: an enum's value exactly as given,
    the others cleaned as the listing reads them. A value longer than the schema allows names nothing."""
    if len(value) > MAX_VALUE_LENGTH:
        return None
    return (value if param in _ENUMS else clean_text(value, MAX_VALUE_LENGTH)) or None


def _selection(filters, listing_filters, *, archive):
    """The listing's :class:`Selection` for the API's ``filters``; too many values, or one that names nothing (an
    empty one too), is the client's error (400). One query per database-backed filter given."""
    by_param = {item.param: item for item in listing_filters}
    for param, listing_param in FILTER_PARAMS.items():
        given = getattr(filters, param, None)
        if not given or listing_param not in by_param:
            continue
        if len(given) > MAX_VALUES:
            raise HttpError(400, f"Too many values for '{param}': at most {MAX_VALUES}.")
        item = by_param[listing_param]
        keys = {value: _lookup_key(param, value) for value in given}  # each value once, in the order given
        known = item.known([key for key in keys.values() if key])
        names_nothing = [value for value, key in keys.items() if key not in known]
        if names_nothing:
            with override("en"):
                word = str(item.label)
            raise unknown_among(word, names_nothing, _filter_hint(param))
        item.selected = list(dict.fromkeys(keys.values()))
    return Selection(listing_filters, archive=archive)


def _view(show, views):
    """True for the archive; an unknown view is the client's error."""
    if show is not None and show not in views:
        raise unknown("view", show, one_of(views))
    return show == "archive"


def _month(month):
    """The month asked for, or None; one the listing does not know is the client's error."""
    if month is None:
        return None
    found = parse_month(month) if len(month) <= MAX_VALUE_LENGTH else None
    if found is None:
        raise HttpError(400, f"Unknown month '{month}'. Write a month as YYYY-MM, from 1901-01 to 2999-12.")
    return found


class _PagesWithDates(Sequence):
    """Upcoming ``(page, occurrence)`` pairs as a sequence of pages to paginate: a slice gets its pages' relations
    prefetched (one query each, whatever the page's length) and each page the occurrence it is listed for."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, index):
        pairs = self.pairs[index] if isinstance(index, slice) else [self.pairs[index]]
        pages = []
        for page, occurrence in pairs:
            page._api_occurrence = occurrence
            pages.append(page)
        prefetch_related_objects(pages, *RELATIONS)
        return pages if isinstance(index, slice) else pages[0]


class ProgrammeFilters(Schema):
    """The mentorship listing's filters; a value that breaks a rule stated here, or names nothing, is a 400."""

    format: list[str] = repeatable(
        f"Only items in this format: one of {', '.join(EventFormat.values)}.",
        {"type": "string", "enum": list(EventFormat.values)},
    )
    available_in: list[str] = repeatable(
        "Only items people take part in in this language: a code such as `es`, as given in the items' "
        "`available_in`. Named `available_in`, not `lang` as on the listing page, because `lang` chooses the "
        "language of the response.",
        ANY_VALUE,
    )
    level: list[str] = repeatable(
        "Only items for this engagement level: its slug, as listed at /api/v1/levels/ (e.g. `fundamental`).",
        ANY_VALUE,
    )
    skill: list[str] = repeatable(
        "Only items that build this skill: its slug, as listed at /api/v1/skills/.", ANY_VALUE
    )
    role: list[str] = repeatable("Only items for this role: its slug, as listed at /api/v1/roles/.", ANY_VALUE)
    region: list[str] = repeatable(
        f"Only items for this region: one of {', '.join(Region.values)}.",
        {"type": "string", "enum": list(Region.values)},
    )
    show: str = Field(
        None,
        description="`open` (default): programmes open now or opening later; `archive`: closed programmes.",
        json_schema_extra={"enum": list(PROGRAMME_VIEWS)},
    )


class OpportunityFilters(ProgrammeFilters):
    """The opportunities listing's filters; a value that breaks a rule stated here, or names nothing, is a 400."""

    kind: list[str] = repeatable(
        f"Only opportunities of this kind: one of {', '.join(OpportunityKind.values)}.",
        {"type": "string", "enum": list(OpportunityKind.values)},
    )
    month: str = Field(
        None,
        description="Only opportunities with an occurrence in this month (in the archive: whose series spans it), "
        "as `YYYY-MM`, e.g. `2027-03`.",
        json_schema_extra={"pattern": MONTH_PATTERN},
    )
    show: str = Field(
        None,
        description="`upcoming` (default): occurrences still to end, soonest first; `archive`: opportunities whose "
        "last occurrence has ended, most recently ended first.",
        json_schema_extra={"enum": list(OPPORTUNITY_VIEWS)},
    )


# --- Endpoints ------------------------------------------------------------------------------------------

_FILTERS_NOTE = (
    " Filtered like the Hub's listing: values of one filter are alternatives (any of them), different filters all "
    "apply, and each value must name something that exists (else 400). The event's own language is "
    "`available_in`, because `lang` is the language of the response."
)


@router.get(
    "/opportunities/",
    response={200: list[OpportunityOut], **LIST_ERRORS},
    url_name="opportunities-opportunities",
    operation_id="listOpportunities",
    summary="List learning opportunities",
    description="Published learning opportunities, upcoming ones by their next occurrence, soonest first "
    "(`show=archive`: those that have ended)." + _FILTERS_NOTE + PAGINATION_NOTE,
)
@paginated
def list_opportunities(request, filters: Query[OpportunityFilters], lang: Language = lang_param()):
    """Live opportunities, filtered and ordered like the listing page."""
    use_language(request, lang)
    archive = _view(filters.show, OPPORTUNITY_VIEWS)
    month = _month(filters.month)
    selection = _selection(filters, opportunity_filters(), archive=archive)
    queryset = opportunity_queryset(None, selection)
    now = timezone.now()
    if archive:
        # As on the listing page: a series joins the archive when it ends, which no write announces.
        fresh_until(now + datetime.timedelta(hours=1))
        return past(queryset, now, month).prefetch_related(*RELATIONS)
    return _PagesWithDates(upcoming(queryset, now, month))


@router.get(
    "/opportunities/{slug}/",
    response={200: OpportunityDetailOut, **DETAIL_ERRORS},
    url_name="opportunities-opportunity",
    operation_id="getOpportunity",
    summary="Get a learning opportunity",
    description="One published learning opportunity (upcoming or past) with its next dates, place, registration "
    "and framework links.",
)
def get_opportunity(request, slug: str = slug_param("opportunity", "1lib1ref-january"), lang: Language = lang_param()):
    """One live opportunity and its next dates."""
    use_language(request, lang)
    queryset = OpportunityPage.objects.live().public().order_by("path").prefetch_related(*RELATIONS)
    page = one_or_404(queryset, "opportunity", slug)
    dates = page.occurrences(after=timezone.now(), limit=MORE_DATES + 1)
    page._api_occurrence = dates[0] if dates else None
    page._api_more_dates = dates[1:]
    page._api_is_past = not dates
    # The next dates change when the first of them ends (the page cache keeps the answer until then).
    fresh_until(dates[0][1] if dates else None)
    return page


@router.get(
    "/mentorship/",
    response={200: list[ProgrammeOut], **LIST_ERRORS},
    url_name="opportunities-programmes",
    operation_id="listMentorshipProgrammes",
    summary="List mentorship programmes",
    description="Published mentorship programmes open now or opening later, by title (`show=archive`: closed "
    "ones)." + _FILTERS_NOTE + PAGINATION_NOTE,
)
@paginated
def list_programmes(request, filters: Query[ProgrammeFilters], lang: Language = lang_param()):
    """Live programmes, filtered like the listing page."""
    use_language(request, lang)
    selection = _selection(filters, mentorship_filters(), archive=_view(filters.show, PROGRAMME_VIEWS))
    today = timezone.localdate()
    # Open, opening later and closed are decided by the date.
    fresh_until(next_midnight(today))
    return mentorship_queryset(None, selection, today).prefetch_related(*RELATIONS)


@router.get(
    "/mentorship/{slug}/",
    response={200: ProgrammeDetailOut, **DETAIL_ERRORS},
    url_name="opportunities-programme",
    operation_id="getMentorshipProgramme",
    summary="Get a mentorship programme",
    description="One published mentorship programme (open or closed) with what mentors do and how to join.",
)
def get_programme(request, slug: str = slug_param("programme", "growth-mentorship"), lang: Language = lang_param()):
    """One live programme."""
    use_language(request, lang)
    queryset = MentorshipPage.objects.live().public().order_by("path").prefetch_related(*RELATIONS)
    # Its status (open, opening later, closed) is decided by the date.
    fresh_until(next_midnight(timezone.localdate()))
    return one_or_404(queryset, "programme", slug)
