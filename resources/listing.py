"""The resource listing: facets, sorting, search and pagination from GET parameters.

Every filtered view is a plain link (``?type=guide&type=course&level=emerging&sort=newest``). Within a
facet the options are OR'ed, across facets AND'ed; each option's count is what the reader would get
by adding it to the *other* active facets. Unknown or malformed parameters are ignored and named in
a warning, never turned into an error page. The number of queries does not depend on how many
resources there are: one query for the selected values that exist and the content version together (the
version alone when nothing database-backed is selected; neither under a search), the facet counts (none when
they are cached for that version, never under a search; otherwise one statement for every facet), one query
per database-backed facet to name its options, one page and one for its cards' levels and tags. The number of
results is the sum of the type counts, not a query of its own.
"""

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from core.i18n import FieldText, Shown, current_language, default_language, field_text, sort_key, translation_status
from core.memo import memoised_for
from core.models import ContentVersion
from core.pagecache import LANGUAGE_TAG, PAGE_NUMBER, SLUG, fresh_until
from core.request import MAX_QUERY_LENGTH, MAX_VALUE_LENGTH, clean_text, page_number, read_values
from core.search import RankedResults, matching_pks, search_terms
from framework.models import EngagementLevel, Skill

from .choices import ResourceType
from .models import ResourceLanguage, ResourcePage, ResourcePageTag, ResourceTag
from .queries import language_name, sorted_languages, sorted_tags, with_card_links
from .signals import LISTING_CONTENT

PER_PAGE = 20
# A facet with more options than this shows its first few (the selected ones and the largest counts) and
# folds the rest under "Show all n".
TOP_OPTIONS = 8
# Facet counts are cached under the listing's content version, which every relevant write changes (see
# signals.py); the expiry only bounds how long a write that bypasses signals goes unseen.
COUNTS_CACHE_SECONDS = 15 * 60
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "reviewed": _("Recently reviewed"),
    "title": _("Title"),
}


@dataclass
class Facet:
    """One multi-select filter: its GET parameter, its label and how it narrows the resources."""

    param: str
    label: str
    # The filter for a set of (known) values, as a condition on ResourcePage.
    condition: callable
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)

    @property
    def top_options(self):
        """The options shown before "Show all n" (all of them for a short facet)."""
        return split_options(self.options)[0]

    @property
    def more_options(self):
        """The options folded under "Show all n" (none for a short facet)."""
        return split_options(self.options)[1]


@dataclass(frozen=True)
class Option:
    """A value a facet offers, with the number of results it would give."""

    value: str
    #: The option's name as the reader sees it (a ``core.i18n.FieldText``: its language says whether it falls back).
    label: object
    count: int
    selected: bool
    obj: object = None


def split_options(options, top=TOP_OPTIONS):
    """``options`` split into the ones shown first and the rest: a facet longer than ``top`` shows its
    selected options and then the largest counts, up to ``top`` (more when more are selected), in the facet's
    own order; the rest keep that order too."""
    if len(options) <= top:
        return list(options), []
    by_size = sorted(options, key=lambda option: (not option.selected, -option.count))
    first = {id(option) for option in by_size[: max(top, sum(option.selected for option in options))]}
    return [option for option in options if id(option) in first], [
        option for option in options if id(option) not in first
    ]


def _through_ids(relation, lookup, values):
    """Resource ids linked through the M2M table ``relation`` to an object matching ``lookup__in=values``."""
    through = relation.through
    return through.objects.filter(**{f"{lookup}__in": values}).values("resourcepage_id")


FACETS = (
    ("type", _("type"), lambda values: Q(resource_type__in=values)),
    ("level", _("level"), lambda values: Q(pk__in=_through_ids(ResourcePage.levels, "engagementlevel__slug", values))),
    ("skill", _("skill"), lambda values: Q(pk__in=_through_ids(ResourcePage.skills, "skill__slug", values))),
    (
        "tag",
        _("tag"),
        lambda values: Q(pk__in=ResourcePageTag.objects.filter(tag__slug__in=values).values("content_object_id")),
    ),
    (
        "lang",
        _("language"),
        lambda values: Q(pk__in=_through_ids(ResourcePage.languages, "resourcelanguage__code", values)),
    ),
)


# Every query parameter the listing reads (the facets, the search text, the order, the page) with the values the
# page cache keeps for anonymous visitors (core/pagecache/keys.py; None: any). Other values are dropped before the
# listing reads them, so junk (``?sort=aaaa1``) shares the plain listing's cache entry.
LISTING_PARAM_VALUES = {
    "type": ResourceType,
    "level": SLUG,
    "skill": SLUG,
    "tag": SLUG,
    "lang": LANGUAGE_TAG,
    "q": None,
    "sort": SORTS,
    "page": PAGE_NUMBER,
}
# Every parameter the listing reads; nothing else changes what it shows.
LISTING_PARAMS = tuple(LISTING_PARAM_VALUES)


_KNOWN_SOURCES = {
    "level": (EngagementLevel, "slug"),
    "skill": (Skill, "slug"),
    "tag": (ResourceTag, "slug"),
    "lang": (ResourceLanguage, "code"),
}


def known_values(param, values):
    """The values among ``values`` that name something that exists (one query for a database-backed facet)."""
    return known_values_of({param: values})[param]


# What ``known_values_of`` gives as the content version when it ran no statement to read it in.
NOT_READ = object()


def known_values_of(requested, version_key=None):
    """For each facet in ``requested`` (``{param: values}``), the values that name something that exists: one
    query for all the database-backed facets together (a union of one select per facet).

    With ``version_key``, the same statement also reads that content version (``ContentVersion.current``), which a
    filtered listing needs next: returns ``(known, version)``, ``version`` being ``NOT_READ`` when no database-backed
    facet was asked for and so no statement ran."""
    known = {
        param: set(values) & set(ResourceType.values) if param == "type" else set()
        for param, values in requested.items()
    }
    asked = [param for param, values in requested.items() if param != "type" and values]
    version = NOT_READ
    if asked:
        querysets = []
        for param in asked:
            model, key = _KNOWN_SOURCES[param]
            querysets.append(model.objects.filter(**{f"{key}__in": requested[param]}).values_list(key, flat=True))
        if version_key is not None:
            # A UUID as text (PostgreSQL's hyphenated form, SQLite's bare hex) reads back as the same token.
            token = Cast("token", output_field=TextField())
            querysets.append(ContentVersion.objects.filter(key=version_key).values_list(token, flat=True))
        rows = _numbered_union(querysets)
        for number, value in rows:
            if number < len(asked):
                known[asked[number]].add(value)
        if version_key is not None:
            tokens = [value for number, value in rows if number == len(asked)]
            version = uuid.UUID(tokens[0]).hex if tokens else None
    return known if version_key is None else (known, version)


def _numbered_union(querysets):
    """The rows ``(n, value)`` of one statement: each of ``querysets`` (one column each) numbered by its place."""
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, part_params = queryset.order_by().query.sql_with_params()
        # Only an integer and the ORM's own SQL: nothing a reader sends is in the text.
        parts.append(f"SELECT {number:d}, known{number:d}.* FROM ({sql}) known{number:d}")  # noqa: S608
        params.extend(part_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def title_order(lang=None):
    """Sort key for titles in the reader's language, falling back to English like the page does."""
    lang = lang or current_language()
    base = default_language()
    return Lower(Coalesce(NullIf(F(f"title_{lang}"), Value("")), NullIf(F(f"title_{base}"), Value("")), F("title")))


# For each database-backed facet: the model, its key field, and the link table with its columns for the
# resource and the option.
_OPTION_SOURCES = {
    "level": (EngagementLevel, "slug", ResourcePage.levels.through, "resourcepage_id", "engagementlevel_id"),
    "skill": (Skill, "slug", ResourcePage.skills.through, "resourcepage_id", "skill_id"),
    "tag": (ResourceTag, "slug", ResourcePageTag, "content_object_id", "tag_id"),
    "lang": (ResourceLanguage, "code", ResourcePage.languages.through, "resourcepage_id", "resourcelanguage_id"),
}


def _count_branch(number, facet, qn, scope):
    """One branch of the counting statement: (facet number, value as text, count) for each of the facet's
    values among the resources in the common table ``scope``. Database-backed facets count on their link table: joining
    each option to every resource and grouping on the option's own columns is several times slower on
    SQLite. Values are text so that every branch has the same column types (PostgreSQL insists). ``qn``
    quotes a name for the database the statement runs on."""
    if facet.param == "type":
        meta = ResourcePage._meta
        table, resource, value = meta.db_table, meta.pk.column, meta.get_field("resource_type").column
    else:
        _model, _key, link, resource_field, option_field = _OPTION_SOURCES[facet.param]
        meta = link._meta
        table = meta.db_table
        resource = meta.get_field(resource_field.removesuffix("_id")).column
        value = meta.get_field(option_field.removesuffix("_id")).column
    # Only quoted names from the models' metadata and an integer: nothing a reader sends.
    return (
        f"SELECT {number:d}, CAST({qn(value)} AS TEXT), COUNT(DISTINCT {qn(resource)}) FROM {qn(table)}"  # noqa: S608
        f" WHERE {qn(resource)} IN (SELECT resource FROM {scope}) GROUP BY {qn(value)}"
    )


def _count(groups):
    """How many resources each value of each facet gives, in one statement for every group: ``groups`` is a list
    of ``(facets, queryset)``, the facets of a group being counted among the resources of its queryset. Each
    group's resources are selected once (a common table expression of its own), then counted per facet. Returns
    ``{param: {value: count}}``, values being the type's for the type facet and option pks for the others."""
    if not groups:
        return {}
    database = connections[groups[0][1].db]
    qn = database.ops.quote_name
    tables, branches, params, numbered = [], [], [], []
    for number, (facets, queryset) in enumerate(groups):
        scope_sql, scope_params = queryset.order_by().values("pk").query.sql_with_params()
        scope = f"scope{number:d}"
        tables.append(f"{scope} (resource) AS MATERIALIZED ({scope_sql})")
        params.extend(scope_params)
        for facet in facets:
            branches.append(_count_branch(len(numbered), facet, qn, scope))
            numbered.append(facet)
    counts = {facet.param: {} for facet in numbered}
    with database.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(tables)} {' UNION ALL '.join(branches)}", params)
        for number, value, count in cursor.fetchall():
            facet = numbered[number]
            counts[facet.param][value if facet.param == "type" else int(value)] = count
    return counts


def _options(facet, counts):
    """A facet's options from its counts: every option with results, plus the selected ones even at zero
    (one query for a database-backed facet, to name them)."""
    if facet.param == "type":
        return [
            Option(
                value, FieldText(str(label), current_language(), False), counts.get(value, 0), value in facet.selected
            )
            for value, label in ResourceType.choices
            if counts.get(value) or value in facet.selected
        ]
    model, key, *_link = _OPTION_SOURCES[facet.param]
    objects = list(model.objects.filter(Q(pk__in=list(counts)) | Q(**{f"{key}__in": facet.selected})).order_by())
    if facet.param == "level":
        objects.sort(key=lambda obj: obj.order)
        names = {obj.pk: field_text(obj, "name") for obj in objects}
    elif facet.param == "tag":
        objects = sorted_tags(objects)
        names = {obj.pk: field_text(obj, "label") for obj in objects}
    elif facet.param == "lang":
        # Languages named in the reader's language ("الإسبانية" on /ar/), in that language's alphabetical order.
        objects = sorted_languages(objects)
        names = {obj.pk: language_name(obj) for obj in objects}
    else:
        # The key breaks ties between equal names, so the order never depends on the order rows come back in.
        objects.sort(key=lambda obj: (sort_key(field_text(obj, "name").value), getattr(obj, key)))
        names = {obj.pk: field_text(obj, "name") for obj in objects}
    return [
        Option(getattr(obj, key), names[obj.pk], counts.get(obj.pk, 0), getattr(obj, key) in facet.selected, obj)
        for obj in objects
    ]


def _counts_key(version, index_page, facet, facets):
    """The cache key of a facet's counts: they depend on the content, the index and the values selected in
    the *other* facets."""
    others = {other.param: sorted(other.selected) for other in facets if other is not facet and other.selected}
    raw = json.dumps([version, index_page.pk, facet.param, others], sort_keys=True)
    return "resources:facet-counts:" + hashlib.sha256(raw.encode()).hexdigest()


def _facet_counts(facets, scope, conditions, index_page, searching, version=NOT_READ):
    """Every facet's counts, from the cache when the content has not changed since they were counted
    (one query for the content version, one cache read), otherwise one statement: the facets without a
    selection counted together, each facet with a selection under the other facets' filters.

    Counts under a search are not cached: search texts vary too much to be worth keeping, and with a
    background task backend the search index is updated after the write commits, so counts taken in
    between would be stored under the new version."""
    if searching:
        version = None
    elif version is NOT_READ:
        version = ContentVersion.current(LISTING_CONTENT)
    keys = {facet.param: _counts_key(version, index_page, facet, facets) for facet in facets}
    cached = cache.get_many(list(keys.values())) if version else {}
    counts = {facet.param: cached[keys[facet.param]] for facet in facets if keys[facet.param] in cached}
    # Facets to count, grouped by the filters they count under (every filter but their own): facets with no
    # selection share one statement, each facet with a selection has its own.
    groups = {}
    for facet in facets:
        if facet.param not in counts:
            others = tuple(param for param in conditions if param != facet.param)
            groups.setdefault(others, []).append(facet)
    to_count = []
    for others, group in groups.items():
        queryset = scope
        for param in others:
            queryset = queryset.filter(conditions[param])
        to_count.append((group, queryset))
    missing = {}
    for param, values in _count(to_count).items():
        counts[param] = missing[keys[param]] = values
    if version and missing:
        cache.set_many(missing, COUNTS_CACHE_SECONDS)
    return counts


def _page_number(request, paginator, warnings):
    """The requested page number, corrected (with a warning) when it is not a page that exists."""
    raw = clean_text(request.GET.get("page", ""), MAX_VALUE_LENGTH)
    if not raw:
        return 1
    number = page_number(raw)
    if number is None:
        warnings.append(_("Ignored page number '%(value)s': showing the first page.") % {"value": raw})
        return 1
    if number > paginator.num_pages:
        warnings.append(
            _("There is no page %(value)s: showing the last page, %(last)s.")
            % {"value": raw, "last": paginator.num_pages}
        )
        return paginator.num_pages
    return number


def _link(params, **changes):
    """A query string for the listing with ``params`` changed (a value of None removes the parameter)."""
    merged = {**params, **changes}
    pairs = []
    for key, value in merged.items():
        if value in (None, "", []):
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return "?" + urlencode(pairs) if pairs else "?"


_UNSHOWN_FIELDS = [
    "curator_notes",
    *(f"body_{code}" for code in settings.MODELTRANSLATION_LANGUAGES),
    "body",
]


def remembered_listing_context(request, index_page):
    """:func:`listing_context`, kept per process and content version for each combination of the parameters the
    listing reads, as written (core/memo.py): the same filters, search and page give the same listing."""
    key = (index_page.pk, tuple((name, tuple(request.GET.getlist(name))) for name in LISTING_PARAMS))
    return memoised_for(request, "resources:listing", key, lambda: listing_context(request, index_page))


def listing_context(request, index_page):
    """Template context for the listing page: facets with counts, active filters, warnings, results."""
    warnings = []
    facets = [Facet(param, label, condition) for param, label, condition in FACETS]
    requested = {facet.param: read_values(request, facet.param) for facet in facets}
    # The content version comes with the known values when they need a statement anyway (unused under a search).
    known_of, version = known_values_of(requested, version_key=LISTING_CONTENT)
    for facet in facets:
        values, known = requested[facet.param], known_of[facet.param]
        unknown = [value for value in values if value not in known]
        if unknown:
            warnings.append(
                _("Ignored unknown %(facet)s: %(values)s")
                % {"facet": facet.label, "values": ", ".join(f"'{value}'" for value in unknown)}
            )
        facet.selected = [value for value in values if value in known]

    raw_query = request.GET.get("q", "")
    query = clean_text(raw_query)
    if len(" ".join(raw_query.split())) > MAX_QUERY_LENGTH:
        warnings.append(_("The search text was cut to %(count)s characters.") % {"count": MAX_QUERY_LENGTH})
    if query and not search_terms(query):
        warnings.append(_("Ignored search text '%(value)s': it has no letters or digits.") % {"value": query})
        query = ""

    sort = clean_text(request.GET.get("sort", ""), MAX_VALUE_LENGTH)
    default_sort = "relevance" if query else "title"
    if sort and sort not in SORTS:
        warnings.append(_("Ignored unknown sort order: '%(value)s'") % {"value": sort})
        sort = ""
    if sort == "relevance" and not query:
        sort = ""
    sort = sort or default_sort

    scope = ResourcePage.objects.live().public().child_of(index_page)
    if query:
        # Filters go on our own queryset: the search backend only filters on indexed FilterFields.
        scope = scope.filter(pk__in=matching_pks(query, ResourcePage))

    conditions = {facet.param: facet.condition(facet.selected) for facet in facets if facet.selected}
    counts = _facet_counts(facets, scope, conditions, index_page, searching=bool(query), version=version)
    for facet in facets:
        facet.options = _options(facet, counts[facet.param])

    filtered = scope
    for condition in conditions.values():
        filtered = filtered.filter(condition)

    # The cards show neither the body nor the curators' notes: leave them (JSON and text per language) unread.
    shown_only = filtered.defer(*_UNSHOWN_FIELDS)
    if sort == "relevance":
        results = RankedResults(query, shown_only)
    elif sort == "newest":
        results = shown_only.order_by(F("first_published_at").desc(nulls_last=True), "pk")
    elif sort == "reviewed":
        results = shown_only.order_by("-last_reviewed", title_order(), "pk")
    else:
        results = shown_only.order_by(title_order(), "pk")

    paginator = Paginator(results, PER_PAGE)
    # Every resource has exactly one type, and the type counts are taken under every other filter: the selected
    # types' counts (all of them without a type filter) add up to the number of results, without a COUNT query.
    type_counts = counts["type"]
    type_facet = next(facet for facet in facets if facet.param == "type")
    paginator.count = sum(
        count for value, count in type_counts.items() if not type_facet.selected or value in type_facet.selected
    )
    page = paginator.page(_page_number(request, paginator, warnings))
    # The facet options already name every level and tag of the listed resources (each is counted among them).
    options = {
        facet.param: {option.obj.pk: option.obj for option in facet.options}
        for facet in facets
        if facet.param in ("level", "tag")
    }
    shown = with_card_links(list(page.object_list), levels=options["level"], tags=options["tag"])
    # A card says "Needs review" from the day after its review date: the listing holds until the first such day.
    for resource in shown:
        if not resource.needs_review:
            fresh_until(resource.review_due + datetime.timedelta(days=1))

    params = {facet.param: facet.selected for facet in facets}
    params.update(q=query, sort=sort if sort != default_sort else None)
    active = [
        {"facet": facet, "option": option, "remove": _link(params, **{facet.param: _without(facet.selected, option)})}
        for facet in facets
        for option in facet.options
        if option.selected
    ]
    return {
        "facets": facets,
        "active_filters": active,
        "query": query,
        "sort": sort,
        "sort_options": [(key, label) for key, label in SORTS.items() if key != "relevance" or query],
        "warnings": warnings,
        "results": shown,
        "page_obj": page,
        "paginator": paginator,
        "previous_link": _link(params, page=page.previous_page_number()) if page.has_previous() else None,
        "next_link": _link(params, page=page.next_page_number()) if page.has_next() else None,
        "is_filtered": bool(conditions or query),
        "translation": translation_status([index_page, *(Shown(resource, "title", "summary") for resource in shown)]),
    }


def _without(values, option):
    """``values`` without the option's value (for the "remove this filter" link)."""
    return [value for value in values if value != option.value]
