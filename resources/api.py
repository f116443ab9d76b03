"""Resource endpoints of the JSON API (the community guides), read-only.

The list takes the listing page's filters (type, level, skill, tag, language of the guide, search text, sort)
and narrows the resources with the listing's own conditions (:mod:`resources.listing`), so that a link to the
page and a call to the API give the same guides. Unlike the page, which ignores what it does not understand and
says so in a warning, the API is strict: an unknown value is a 400 naming it, so that a client's typo is not
mistaken for "no results".

Two names differ from the listing page's, because ``?lang=`` is already the language of the response in this API
(as in every other endpoint): the guide's own language filter is ``?available_in=``.

Built on the API's conventions (:mod:`core.api`: the ``?lang=`` check, links, page-number pagination, error
shapes), with the framework's items linked by the framework's own link schema; each endpoint runs the same number
of SQL queries however many resources there are.
"""

import datetime

from django.db.models import F
from django.utils.translation import override
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from core.api.errors import DETAIL_ERRORS, LIST_ERRORS, listed_at, one_of, one_or_404, unknown, unknown_among
from core.api.languages import Language, lang_param, response_language, use_language
from core.api.links import register_detail
from core.api.pagination import PAGINATION_NOTE, paginated
from core.api.params import ANY_VALUE, repeatable, slug_param
from core.api.schemas import (
    TranslatedOut,
    fallback_fields,
    fallback_fields_field,
    item_language,
    language_field,
    link_field,
    text,
)
from core.i18n import field_text
from core.request import MAX_QUERY_LENGTH, MAX_VALUE_LENGTH, MAX_VALUES, clean_text
from core.search import RankedResults, matching_pks, search_terms
from framework.api import LinkOut

from .choices import ResourceType
from .listing import FACETS, SORTS, known_values, title_order
from .models import ResourcePage
from .queries import LICENCE_URLS, external_link, sorted_tags

router = Router(tags=["resources"])

# The text fields the API gives, in the order `fallback_fields` lists them. The body (rich text and embeds) is
# for the page, not the API; the external link is a field whose translation can fall back too.
TEXT_FIELDS = ("title", "summary", "estimated_time", "audience", "external_url")

# API parameter → listing facet. Only the guide's language is renamed (see the module's docstring).
FILTER_PARAMS = {"type": "type", "level": "level", "skill": "skill", "tag": "tag", "available_in": "lang"}
_CONDITIONS = {param: condition for param, _label, condition in FACETS}
_FILTER_WORDS = {"type": "type", "level": "level", "skill": "skill", "tag": "tag", "available_in": "language"}


def _filter_hint(param):
    """How to fix an unknown value of filter ``param`` (made when needed: URLs cannot be reversed at import)."""
    if param == "type":
        return one_of(ResourceType.values)
    if param in ("level", "skill"):
        return listed_at(param, f"api-v1:framework-{param}s")
    if param == "tag":
        return "Use the slug of a tag given in the resources' `tags`."
    return "Use a language code given in the resources' `available_in`."


register_detail(ResourcePage, "api-v1:resources-resource")


# --- Schemas ----------------------------------------------------------------------------------------


class TagOut(Schema):
    """A tag curators give resources, named in the response language."""

    slug: str = Field(description="Stable identifier, the same in every language; the value of the `tag` filter.")
    name: str = Field(description="The tag in the response language (English when not translated).")
    language: str = Field(description="The language `name` is in: the response language, or `en` when it falls back.")

    @staticmethod
    def resolve_name(obj, context):
        """The label in the response language, falling back to English."""
        return text(obj, "label", context)

    @staticmethod
    def resolve_language(obj, context):
        """The response language when the label is written in it, otherwise English."""
        return field_text(obj, "label", response_language(context)).lang


class ResourceLanguageOut(Schema):
    """A language the guide itself is available in (any language, not only the Hub's own)."""

    code: str = Field(description="BCP 47 code, e.g. `es` or `pt-BR`; the value of the `available_in` filter.")
    name: str = Field(description="The language's name in that language.")


class ResourceOut(TranslatedOut):
    """A community guide, course, toolkit or other learning resource, in the response language."""

    slug: str = Field(description="Stable identifier, the same in every language.")
    title: str = Field(description="Title in the response language (English when not translated).")
    summary: str = Field(description="Two or three sentences about the resource.")
    type: ResourceType = Field(description="What kind of resource it is; the value of the `type` filter.")
    url: str = link_field("Absolute URL of the resource's page on the Hub in the response language.")
    api_url: str = link_field("Absolute URL of the resource's detail in this API (with `?lang=` unless English).")
    external_url: str | None = Field(
        description="Where the guide itself lives, in the response language when it has a version in it, else "
        "the English link; null when the guide lives only on the Hub."
    )
    external_url_language: str | None = Field(
        description="Language of the page `external_url` leads to (null without an external link)."
    )
    available_in: list[ResourceLanguageOut] = Field(description="Languages the guide itself is available in.")
    levels: list[LinkOut] = Field(description="Engagement levels the resource helps at, in order.")
    skills: list[LinkOut] = Field(description="Skills the resource builds, in the framework's order.")
    tags: list[TagOut] = Field(description="Tags, sorted by their name in the response language.")
    last_reviewed: datetime.date = Field(description="When a curator last checked the resource.")
    needs_review: bool = Field(description="True when the resource is past its review-by date.")
    language: str = language_field()
    fallback_fields: list[str] = fallback_fields_field()

    @staticmethod
    def resolve_title(obj, context):
        """The title in the response language, falling back to English."""
        return text(obj, "title", context)

    @staticmethod
    def resolve_summary(obj, context):
        """The summary in the response language, falling back to English."""
        return text(obj, "summary", context)

    @staticmethod
    def resolve_type(obj):
        """The stored type."""
        return obj.resource_type

    @staticmethod
    def resolve_external_url(obj, context):
        """The link the page itself offers for the response language."""
        link = _external(obj, context)
        return link.url if link else None

    @staticmethod
    def resolve_external_url_language(obj, context):
        """The language of that link."""
        link = _external(obj, context)
        return link.hreflang if link else None

    @staticmethod
    def resolve_available_in(obj):
        """The guide's own languages (prefetched)."""
        return list(obj.languages.all())

    @staticmethod
    def resolve_levels(obj):
        """Levels in their order (prefetched; sorted here so that the prefetch needs no ordering of its own)."""
        return sorted(obj.levels.all(), key=lambda level: level.order)

    @staticmethod
    def resolve_skills(obj):
        """Skills in the framework's order."""
        return sorted(obj.skills.all(), key=lambda skill: (skill.position, skill.slug))

    @staticmethod
    def resolve_tags(obj, context):
        """Tags by their name in the response language."""
        return sorted_tags(obj.tags.all(), response_language(context))

    @staticmethod
    def resolve_needs_review(obj):
        """Past the review-by date."""
        return obj.needs_review

    @staticmethod
    def resolve_language(obj, context):
        """The asked language if any of the fields the API gives is written in it, otherwise English."""
        return item_language(obj, context, TEXT_FIELDS)

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """Names of the fields the API gives in English instead of the asked language."""
        return fallback_fields(obj, context, TEXT_FIELDS)


class ResourceDetailOut(ResourceOut):
    """A resource with everything the Hub knows about it, except its body (read it on the page)."""

    estimated_time: str = Field(description="How long the resource takes, as curators wrote it (may be empty).")
    audience: str = Field(description="Who the resource is for (may be empty).")
    maintainer: str = Field(description="Who keeps the resource up to date: a team, a community (may be empty).")
    licence: str = Field(description="The resource's licence, e.g. `CC BY-SA 4.0` (may be empty).")
    licence_url: str | None = Field(description="The licence's text, when it is a well-known licence.")
    review_due: datetime.date = Field(description="The date by which a curator should check the resource again.")

    @staticmethod
    def resolve_estimated_time(obj, context):
        """The time in the response language, falling back to English."""
        return text(obj, "estimated_time", context)

    @staticmethod
    def resolve_audience(obj, context):
        """The audience in the response language, falling back to English."""
        return text(obj, "audience", context)

    @staticmethod
    def resolve_licence_url(obj):
        """The licence's URL for the licences we know."""
        return LICENCE_URLS.get(obj.licence)

    @staticmethod
    def resolve_review_due(obj):
        """The review-by date, or 18 months after the last review."""
        return obj.review_due


def _external(page, context):
    """The page's external link for the response language (cached on the object: two fields read it)."""
    lang = response_language(context)
    cache = page.__dict__.setdefault("_api_external_links", {})
    if lang not in cache:
        with override(lang):
            cache[lang] = external_link(page, list(page.languages.all()))
    return cache[lang]


# --- Queries ------------------------------------------------------------------------------------------


def _resources():
    """Live, public resources with everything the schemas read prefetched."""
    return ResourcePage.objects.live().public().prefetch_related("levels", "skills", "tags", "languages")


def _lookup_key(param, value):
    """What a filter value is looked up as, or None when it can name nothing: ``type`` exactly as given (its values
    are an enum of the schema), the others without control characters and extra spaces, as the listing reads them.
    A value longer than the schema allows names nothing."""
    if len(value) > MAX_VALUE_LENGTH:
        return None
    return (value if param == "type" else clean_text(value, MAX_VALUE_LENGTH)) or None


def _filtered(queryset, filters):
    """Narrow ``queryset`` by each filter (values OR'ed within a filter, filters AND'ed), as the listing does;
    too many values, or a value that names nothing (an empty one too), is the client's error (400). One query per
    database-backed filter given."""
    for param, given in filters.items():
        if not given:
            continue
        if len(given) > MAX_VALUES:
            raise HttpError(400, f"Too many values for '{param}': at most {MAX_VALUES}.")
        keys = {value: _lookup_key(param, value) for value in given}  # each value once, in the order given
        facet = FILTER_PARAMS[param]
        known = known_values(facet, [key for key in keys.values() if key])
        names_nothing = [value for value, key in keys.items() if key not in known]
        if names_nothing:
            raise unknown_among(_FILTER_WORDS[param], names_nothing, _filter_hint(param))
        queryset = queryset.filter(_CONDITIONS[facet](list(dict.fromkeys(keys.values()))))
    return queryset


def _search_text(q):
    """The cleaned search text; text too long or without letters or digits is the client's error."""
    if q is None:
        return ""
    if len(q) > MAX_QUERY_LENGTH:
        raise HttpError(400, f"The search text 'q' is longer than {MAX_QUERY_LENGTH} characters.")
    query = clean_text(q)
    if query and not search_terms(query):
        raise HttpError(400, f"The search text '{query}' has no letters or digits.")
    return query


def _ordered(queryset, sort, query, lang):
    """The resources in the listing's orders, each ending on the primary key so pages never overlap."""
    if sort == "relevance":
        return RankedResults(query, queryset)
    if sort == "newest":
        return queryset.order_by(F("first_published_at").desc(nulls_last=True), "pk")
    if sort == "reviewed":
        return queryset.order_by("-last_reviewed", title_order(lang), "pk")
    return queryset.order_by(title_order(lang), "pk")


# --- Endpoints ------------------------------------------------------------------------------------------


# ninja checks none of these values (its 422 would not say which value names nothing): the schema states each
# rule, and the view answers a value that breaks one with a 400 naming it.
class ResourceFilters(Schema):
    """The list's filters, search text and order; a value that breaks a rule stated here, or names nothing, is
    answered with a 400 naming it."""

    type: list[str] = repeatable(
        f"Only resources of this type: one of {', '.join(ResourceType.values)}.",
        {"type": "string", "enum": list(ResourceType.values)},
    )
    level: list[str] = repeatable(
        "Only resources for this engagement level: its slug, as listed at /api/v1/levels/ (e.g. `fundamental`).",
        ANY_VALUE,
    )
    skill: list[str] = repeatable(
        "Only resources that build this skill: its slug, as listed at /api/v1/skills/.", ANY_VALUE
    )
    tag: list[str] = repeatable("Only resources with this tag: its slug, as given in the resources' `tags`.", ANY_VALUE)
    available_in: list[str] = repeatable(
        "Only resources available in this language: a code such as `es` or `pt-BR`, as given in the resources' "
        "`available_in`. Named `available_in`, not `lang` as on the listing page, because `lang` chooses the "
        "language of the response.",
        ANY_VALUE,
    )
    q: str = Field(
        None,
        description=f"Search text (at most {MAX_QUERY_LENGTH} characters, with at least one letter or digit), "
        "matched like the Hub's search.",
        json_schema_extra={"maxLength": MAX_QUERY_LENGTH},
    )
    sort: str = Field(
        None,
        description=f"Order of the list: one of {', '.join(SORTS)}. Default: `relevance` with `q`, else `title`; "
        "`relevance` needs `q`.",
        json_schema_extra={"enum": list(SORTS)},
    )


@router.get(
    "/resources/",
    response={200: list[ResourceOut], **LIST_ERRORS},
    url_name="resources-resources",
    operation_id="listResources",
    summary="List resources",
    description="Published community guides, filtered like the Hub's resource listing: values of one filter are "
    "alternatives (any of them), different filters all apply. Each filter value must name something that exists "
    "(else 400). The guide's own language is `available_in`, because `lang` is the language of the response. "
    "Ordered by title in the response language unless `sort` says otherwise; `relevance` (the default with `q`) "
    "needs `q`." + PAGINATION_NOTE,
)
@paginated
def list_resources(request, filters: Query[ResourceFilters], lang: Language = lang_param()):
    """Live resources, filtered, searched and sorted like the listing page."""
    use_language(request, lang)
    query = _search_text(filters.q)
    sort = filters.sort
    if sort is not None and sort not in SORTS:
        raise unknown("sort", sort, one_of(SORTS))
    if sort == "relevance" and not query:
        raise HttpError(400, "Sorting by relevance needs search text in 'q'.")
    sort = sort or ("relevance" if query else "title")
    resources = _filtered(_resources(), {param: getattr(filters, param) for param in FILTER_PARAMS})
    if query:
        resources = resources.filter(pk__in=matching_pks(query, ResourcePage))
    return _ordered(resources, sort, query, lang)


@router.get(
    "/resources/{slug}/",
    response={200: ResourceDetailOut, **DETAIL_ERRORS},
    url_name="resources-resource",
    operation_id="getResource",
    summary="Get a resource",
    description="One published resource with its framework links, languages, licence and review dates.",
)
def get_resource(request, slug: str = slug_param("resource", "help-introduction"), lang: Language = lang_param()):
    """One live resource."""
    use_language(request, lang)
    return one_or_404(_resources().order_by("path"), "resource", slug)
