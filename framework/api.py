"""Framework endpoints of the JSON API (levels, skills, behaviors, activities), read-only.

Every answer is in the language asked for with ``?lang=`` (English when a field has no translation, and the
item says which fields fell back). Lists are paginated by page number (``?page=`` and ``?page_size=``) and each
endpoint runs the same number of SQL queries however many items there are: the querysets below prefetch
everything the schemas read. The conventions shared by every app's endpoints (language, errors, pagination,
links) are in :mod:`core.api`.
"""

from django.utils.translation import override
from ninja import Field, Query, Router, Schema

from core.api.errors import DETAIL_ERRORS, LIST_ERRORS, known_or_400, listed_at, one_or_404
from core.api.languages import Language, lang_param, response_language, use_language
from core.api.links import register_detail
from core.api.pagination import PAGINATION_NOTE, paginated
from core.api.params import checked_by_the_view, slug_param
from core.api.schemas import TranslatedOut, fallback_fields_field, language_field, link_field, text

from .choices import Provenance, SkillCategory
from .models import Activity, Behavior, EngagementLevel, Skill

router = Router(tags=["framework"])

# Links point at the API detail of whatever they link to (the operations below carry these names).
register_detail(EngagementLevel, "api-v1:framework-level")
register_detail(Skill, "api-v1:framework-skill")
register_detail(Behavior, "api-v1:framework-behavior")
register_detail(Activity, "api-v1:framework-activity")

# --- Schemas ----------------------------------------------------------------------------------------


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


class LinkOut(TranslatedOut):
    """A short reference to another item of the framework."""

    slug: str = Field(description="Stable identifier, the same in every language.")
    name: str = Field(description="Name in the response language (English when not translated).")
    url: str = link_field("Absolute URL of the item's public page in the response language.")
    api_url: str = link_field("Absolute URL of the item's detail in this API (with `?lang=` unless English).")

    @staticmethod
    def resolve_name(obj, context):
        """The name in the response language, falling back to English."""
        return text(obj, "name", context)


class ItemOut(LinkOut):
    """What every item of the framework has, in the response language."""

    description: str = Field(description="What the item means in practice (may be empty).")
    provenance: Provenance = Field(
        description="Where the item comes from: quoted from a cited source, paraphrased from one, "
        "or a reconstruction awaiting community review."
    )
    awaiting_review: bool = Field(description="True for a reconstruction the community has not confirmed yet.")
    sources: list[SourceOut] = Field(description="The pages the item rests on, in the data file's order.")
    language: str = language_field()
    fallback_fields: list[str] = fallback_fields_field()

    @staticmethod
    def resolve_description(obj, context):
        """The description in the response language, falling back to English."""
        return text(obj, "description", context)


class LevelOut(ItemOut):
    """An engagement level: an ordered stage of a volunteer's journey."""

    order: int = Field(description="Position in the sequence of levels, lowest first.")
    short_description: str = Field(description="One or two sentences summing the level up (may be empty).")

    @staticmethod
    def resolve_short_description(obj, context):
        """The summary in the response language, falling back to English."""
        return text(obj, "short_description", context)


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


def _at_level(queryset, level):
    """Narrow ``queryset`` to one level's items; an unknown level is the client's error (400), not an empty list."""
    if level is None:
        return queryset
    found = known_or_400(EngagementLevel.objects.all(), "level", level, listed_at("level", "api-v1:framework-levels"))
    return queryset.filter(levels=found)


# --- Endpoints ------------------------------------------------------------------------------------------


# A level's slug: data, not an enum (an unknown one is a 400 naming it); never empty.
LevelSlug = checked_by_the_view(str, minLength=1)
_LEVEL_FILTER = "Only items suggested at this level: its slug, as listed at /api/v1/levels/ (e.g. `fundamental`)."


@router.get(
    "/levels/",
    response={200: list[LevelOut], **LIST_ERRORS},
    url_name="framework-levels",
    operation_id="listLevels",
    summary="List engagement levels",
    description="The engagement levels in order, from the first stage of a volunteer's journey to the last."
    + PAGINATION_NOTE,
)
@paginated
def list_levels(request, lang: Language = lang_param()):
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
def get_level(request, slug: str = slug_param("level", "fundamental"), lang: Language = lang_param()):
    """One level and what it suggests."""
    use_language(request, lang)
    return one_or_404(_level_details(), "level", slug)


@router.get(
    "/skills/",
    response={200: list[SkillOut], **LIST_ERRORS},
    url_name="framework-skills",
    operation_id="listSkills",
    summary="List skills",
    description="Skills in the framework's order, optionally only those of one level." + PAGINATION_NOTE,
)
@paginated
def list_skills(request, lang: Language = lang_param(), level: LevelSlug = Query(None, description=_LEVEL_FILTER)):
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
def get_skill(request, slug: str = slug_param("skill", "communication"), lang: Language = lang_param()):
    """One skill and the activities that build it."""
    use_language(request, lang)
    return one_or_404(_skills().prefetch_related("activities"), "skill", slug)


@router.get(
    "/behaviors/",
    response={200: list[BehaviorOut], **LIST_ERRORS},
    url_name="framework-behaviors",
    operation_id="listBehaviors",
    summary="List behaviors",
    description="Behaviors in the framework's order, optionally only those of one level." + PAGINATION_NOTE,
)
@paginated
def list_behaviors(request, lang: Language = lang_param(), level: LevelSlug = Query(None, description=_LEVEL_FILTER)):
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
def get_behavior(request, slug: str = slug_param("behavior", "welcomes-newcomers"), lang: Language = lang_param()):
    """One behavior."""
    use_language(request, lang)
    return one_or_404(_behaviors(), "behavior", slug)


@router.get(
    "/activities/",
    response={200: list[ActivityOut], **LIST_ERRORS},
    url_name="framework-activities",
    operation_id="listActivities",
    summary="List activities",
    description="Activities in the framework's order, optionally only those of one level." + PAGINATION_NOTE,
)
@paginated
def list_activities(request, lang: Language = lang_param(), level: LevelSlug = Query(None, description=_LEVEL_FILTER)):
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
def get_activity(request, slug: str = slug_param("activity", "attend-editathon"), lang: Language = lang_param()):
    """One activity."""
    use_language(request, lang)
    return one_or_404(_activities(), "activity", slug)
