"""Framework endpoints of the JSON API (levels, skills, behaviors, activities), read-only.

Every answer is in the language asked for with ``?lang=`` (English when a field has no translation, and the
item says which fields fell back). Lists are paginated by page number (``?page=`` and ``?page_size=``, ninja's
``PageNumberPagination``) and each endpoint runs the same number of SQL queries however many items there are:
the querysets below prefetch everything the schemas read.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from core.i18n import default_language, field_text, translated_field_names
from core.request import MAX_PAGE

from .choices import Provenance, SkillCategory
from .models import Activity, Behavior, EngagementLevel, Skill

router = Router(tags=["framework"])

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
PAGE_SIZE = 100

# --- Language -------------------------------------------------------------------------------------
# The language is checked once by the view and kept on the request, because the schemas' resolvers (which
# turn model objects into JSON after the view has returned) only see the request.


def lang_param():
    """The ``?lang=`` query parameter (a plain string: an unknown code gets our 400, not a validation error)."""
    return Query(
        default_language(),
        description=f"Language of the text: one of {', '.join(LANGUAGES)}. Fields without a translation are given "
        "in English and listed in each item's `fallback_fields`.",
        example="es",
    )


def use_language(request, lang):
    """Check ``lang`` and remember it for the resolvers; an unknown code is the client's error (400)."""
    if lang not in LANGUAGES:
        raise HttpError(400, f"Unknown language '{lang}'. Use one of: {', '.join(LANGUAGES)}.")
    request.api_language = lang


def response_language(context):
    """The language the view chose for this response."""
    return getattr(context["request"], "api_language", default_language())


def public_url(obj, context):
    """Absolute URL of the item's HTML page, under the response language's prefix."""
    with override(response_language(context)):
        path = obj.get_absolute_url()
    return context["request"].build_absolute_uri(path)


# Detail operations' URL names, per model: links point at the API detail of whatever they link to.
_DETAIL_URL_NAMES = {
    EngagementLevel: "api-v1:framework-level",
    Skill: "api-v1:framework-skill",
    Behavior: "api-v1:framework-behavior",
    Activity: "api-v1:framework-activity",
}


def _api_url(obj, context):
    """Absolute URL of the item's API detail, keeping the language so a client can follow links."""
    lang = response_language(context)
    path = reverse(_DETAIL_URL_NAMES[type(obj)], kwargs={"slug": obj.slug})
    if lang != default_language():
        path = f"{path}?lang={lang}"
    return context["request"].build_absolute_uri(path)


# --- Schemas ----------------------------------------------------------------------------------------


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


class SourceOut(Schema):
    """A public page or repository the item rests on."""

    key: str = Field(description="Stable identifier of the source in the framework's data file.")
    title: str = Field(description="The source's title in the response language, or a name made from its URL.")
    url: str = Field(description="Address of the source.", json_schema_extra={"format": "uri"})

    @staticmethod
    def resolve_title(obj, context):
        """The translated title (English when missing), or a readable name made from the URL."""
        with override(response_language(context)):
            return obj.display_title


class LinkOut(Schema):
    """A short reference to another item of the framework."""

    slug: str = Field(description="Stable identifier, the same in every language.")
    name: str = Field(description="Name in the response language (English when not translated).")
    url: str = Field(
        description="Absolute URL of the item's public page in the response language.",
        json_schema_extra={"format": "uri"},
    )
    api_url: str = Field(
        description="Absolute URL of the item's detail in this API (with `?lang=` unless English).",
        json_schema_extra={"format": "uri"},
    )

    @staticmethod
    def resolve_name(obj, context):
        """The name in the response language, falling back to English."""
        return field_text(obj, "name", response_language(context)).value

    @staticmethod
    def resolve_url(obj, context):
        """The public HTML page."""
        return public_url(obj, context)

    @staticmethod
    def resolve_api_url(obj, context):
        """The API detail."""
        return _api_url(obj, context)


class ItemOut(LinkOut):
    """What every item of the framework has, in the response language."""

    description: str = Field(description="What the item means in practice (may be empty).")
    provenance: Provenance = Field(
        description="Where the item comes from: quoted from a cited source, paraphrased from one, "
        "or a reconstruction awaiting community review."
    )
    awaiting_review: bool = Field(description="True for a reconstruction the community has not confirmed yet.")
    sources: list[SourceOut] = Field(description="The pages the item rests on, in the data file's order.")
    language: str = Field(
        description="The language of the text: the one asked for, or `en` when none of the item's text is "
        "translated into it."
    )
    fallback_fields: list[str] = Field(
        description="Fields given in English because they have no text in the language asked for."
    )

    @staticmethod
    def resolve_description(obj, context):
        """The description in the response language, falling back to English."""
        return field_text(obj, "description", response_language(context)).value

    @staticmethod
    def resolve_language(obj, context):
        """The asked language if any field is written in it, otherwise English."""
        lang = response_language(context)
        texts = [field_text(obj, field, lang) for field in translated_field_names(obj)]
        return lang if any(text.lang == lang for text in texts) else default_language()

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """Names of the fields shown in English instead of the asked language."""
        lang = response_language(context)
        return [field for field in translated_field_names(obj) if field_text(obj, field, lang).is_fallback]


class LevelOut(ItemOut):
    """An engagement level: an ordered stage of a volunteer's journey."""

    order: int = Field(description="Position in the sequence of levels, lowest first.")
    short_description: str = Field(description="One or two sentences summing the level up (may be empty).")

    @staticmethod
    def resolve_short_description(obj, context):
        """The summary in the response language, falling back to English."""
        return field_text(obj, "short_description", response_language(context)).value


class LevelDetailOut(LevelOut):
    """An engagement level with what it suggests: its skills, behaviors and activities."""

    skills: list[LinkOut] = Field(description="Skills suggested at this level, in the framework's order.")
    behaviors: list[LinkOut] = Field(description="Behaviors hoped for at this level, in the framework's order.")
    activities: list[LinkOut] = Field(description="Activities suggested at this level, in the framework's order.")


class SkillOut(ItemOut):
    """Something a volunteer can learn to do."""

    category: SkillCategory = Field(description="The family of skills it belongs to.")
    levels: list[LinkOut] = Field(description="Levels at which the skill is suggested, in order.")


class SkillDetailOut(SkillOut):
    """A skill with the activities that build it."""

    activities: list[LinkOut] = Field(description="Activities that build this skill, in the framework's order.")


class BehaviorOut(ItemOut):
    """A way of acting the framework hopes to see."""

    levels: list[LinkOut] = Field(description="Levels at which the behavior is hoped for, in order.")


class ActivityOut(ItemOut):
    """Something to do that builds skills."""

    levels: list[LinkOut] = Field(description="Levels at which the activity is suggested, in order.")
    skills: list[LinkOut] = Field(description="Skills the activity builds, in the framework's order.")


# --- Queries ------------------------------------------------------------------------------------------
# One queryset per response shape, each prefetching every relation its schema reads, so that a page of
# items costs the same handful of queries whatever its length. Kept private here: framework/queries.py
# serves the HTML pages, whose needs differ.


def _levels():
    return EngagementLevel.objects.order_by("order").prefetch_related("sources")


def _level_details():
    return _levels().prefetch_related("skills", "behaviors", "activities")


def _skills():
    return Skill.objects.order_by("position", "slug").prefetch_related("levels", "sources")


def _behaviors():
    return Behavior.objects.order_by("position", "slug").prefetch_related("levels", "sources")


def _activities():
    return Activity.objects.order_by("position", "slug").prefetch_related("levels", "skills", "sources")


def _one(queryset, slug, kind):
    """The item with ``slug``, or a 404 naming the kind."""
    item = queryset.filter(slug=slug).first()
    if item is None:
        raise HttpError(404, f"No {kind} with slug '{slug}'.")
    return item


def _at_level(queryset, level):
    """Narrow ``queryset`` to one level's items; an unknown level is the client's error (400), not an empty list."""
    if level is None:
        return queryset
    found = EngagementLevel.objects.filter(slug=level).first()
    if found is None:
        raise HttpError(400, f"Unknown level '{level}'. Use the slug of a level listed at /api/v1/levels/.")
    return queryset.filter(levels=found)


class PageQuery(Schema):
    """The page of a list asked for."""

    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Which page to return, from 1 to {MAX_PAGE:,}.")
    page_size: int | None = Field(
        None,
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


# --- Endpoints ------------------------------------------------------------------------------------------


def _level_param():
    """The ``?level=`` filter of the item lists."""
    return Query(None, description="Only items suggested at this level (its slug, e.g. `fundamental`).")


LIST_ERRORS = {400: Error, 422: ValidationErrorOut}
DETAIL_ERRORS = {400: Error, 404: Error}
PAGINATION_NOTE = (
    f" Paginated by page number: `?page=` (from 1) and `?page_size=` (default and maximum {PAGE_SIZE}); "
    "`count` is the total number of items."
)


@router.get(
    "/levels/",
    response={200: list[LevelOut], **LIST_ERRORS},
    url_name="framework-levels",
    operation_id="listLevels",
    summary="List engagement levels",
    description="The engagement levels in order, from the first stage of a volunteer's journey to the last."
    + PAGINATION_NOTE,
)
@paginate(PageNumbers, page_size=PAGE_SIZE, max_page_size=PAGE_SIZE)
def list_levels(request, lang: str = lang_param()):
    """Engagement levels by order."""
    use_language(request, lang)
    return _levels()


@router.get(
    "/levels/{slug}/",
    response={200: LevelDetailOut, **DETAIL_ERRORS},
    url_name="framework-level",
    operation_id="getLevel",
    summary="Get an engagement level",
    description="One engagement level with short links to the skills, behaviors and activities it suggests.",
)
def get_level(request, slug: str, lang: str = lang_param()):
    """One level and what it suggests."""
    use_language(request, lang)
    return _one(_level_details(), slug, "level")


@router.get(
    "/skills/",
    response={200: list[SkillOut], **LIST_ERRORS},
    url_name="framework-skills",
    operation_id="listSkills",
    summary="List skills",
    description="Skills in the framework's order, optionally only those of one level." + PAGINATION_NOTE,
)
@paginate(PageNumbers, page_size=PAGE_SIZE, max_page_size=PAGE_SIZE)
def list_skills(request, lang: str = lang_param(), level: str | None = _level_param()):
    """Skills by position, then slug."""
    use_language(request, lang)
    return _at_level(_skills(), level)


@router.get(
    "/skills/{slug}/",
    response={200: SkillDetailOut, **DETAIL_ERRORS},
    url_name="framework-skill",
    operation_id="getSkill",
    summary="Get a skill",
    description="One skill with its levels and the activities that build it.",
)
def get_skill(request, slug: str, lang: str = lang_param()):
    """One skill and the activities that build it."""
    use_language(request, lang)
    return _one(_skills().prefetch_related("activities"), slug, "skill")


@router.get(
    "/behaviors/",
    response={200: list[BehaviorOut], **LIST_ERRORS},
    url_name="framework-behaviors",
    operation_id="listBehaviors",
    summary="List behaviors",
    description="Behaviors in the framework's order, optionally only those of one level." + PAGINATION_NOTE,
)
@paginate(PageNumbers, page_size=PAGE_SIZE, max_page_size=PAGE_SIZE)
def list_behaviors(request, lang: str = lang_param(), level: str | None = _level_param()):
    """Behaviors by position, then slug."""
    use_language(request, lang)
    return _at_level(_behaviors(), level)


@router.get(
    "/behaviors/{slug}/",
    response={200: BehaviorOut, **DETAIL_ERRORS},
    url_name="framework-behavior",
    operation_id="getBehavior",
    summary="Get a behavior",
    description="One behavior with its levels.",
)
def get_behavior(request, slug: str, lang: str = lang_param()):
    """One behavior."""
    use_language(request, lang)
    return _one(_behaviors(), slug, "behavior")


@router.get(
    "/activities/",
    response={200: list[ActivityOut], **LIST_ERRORS},
    url_name="framework-activities",
    operation_id="listActivities",
    summary="List activities",
    description="Activities in the framework's order, optionally only those of one level." + PAGINATION_NOTE,
)
@paginate(PageNumbers, page_size=PAGE_SIZE, max_page_size=PAGE_SIZE)
def list_activities(request, lang: str = lang_param(), level: str | None = _level_param()):
    """Activities by position, then slug."""
    use_language(request, lang)
    return _at_level(_activities(), level)


@router.get(
    "/activities/{slug}/",
    response={200: ActivityOut, **DETAIL_ERRORS},
    url_name="framework-activity",
    operation_id="getActivity",
    summary="Get an activity",
    description="One activity with its levels and the skills it builds.",
)
def get_activity(request, slug: str, lang: str = lang_param()):
    """One activity."""
    use_language(request, lang)
    return _one(_activities(), slug, "activity")
