"""Pathway endpoints of the JSON API (roles and their ordered steps), read-only.

Built on the API's conventions (:mod:`core.api`: the ``?lang=`` check, links, page-number pagination, error
shapes), with the framework's items given by the framework's own schemas. Each endpoint runs the same number of
SQL queries however many roles and steps there are (everything the schemas read is prefetched by
:mod:`pathways.queries`).
"""

from ninja import Field, Query, Router, Schema

from core.api.errors import DETAIL_ERRORS, LIST_ERRORS, known_or_400, listed_at, one_or_404
from core.api.languages import Language, lang_param, response_language, use_language
from core.api.links import register_detail
from core.api.pagination import PAGINATION_NOTE, paginated
from core.api.params import slug_param
from core.api.schemas import TranslatedOut, fallback_fields_field, link_field, text
from framework.api import ItemOut, LevelSlug, LinkOut
from framework.models import EngagementLevel

from . import queries
from .choices import RoleIcon
from .models import Role

router = Router(tags=["pathways"])

register_detail(Role, "api-v1:pathways-role")


# --- Schemas ----------------------------------------------------------------------------------------


class GuideOut(TranslatedOut):
    """A guide on the Hub (a resource page) that helps with a step."""

    title: str = Field(description="Title in the response language (English when not translated).")
    url: str = link_field("Absolute URL of the guide's page on the Hub in the response language.")
    api_url: str = link_field("Absolute URL of the guide's detail in this API (`/api/v1/resources/{slug}/`).")

    @staticmethod
    def resolve_title(obj, context):
        """The title in the response language, falling back to English."""
        return text(obj, "title", context)


class ExternalLinkOut(Schema):
    """A guide that lives elsewhere (a course, a Meta-Wiki page)."""

    title: str = Field(description="Title of the guide as the step gives it.")
    url: str = Field(description="Address of the guide.", json_schema_extra={"format": "uri"})
    hreflang: str = Field(description="Language of the step text the link was chosen for (`en` for the English one).")


class StepOut(TranslatedOut):
    """One step of a pathway: what to do at a level, what it builds, what helps."""

    position: int = Field(description="Place of the step in the pathway, from 1.")
    title: str = Field(description="Title in the response language (English when not translated).")
    description: str = Field(description="What to do in this step and why (may be empty).")
    estimated_time: str = Field(description="About how long the step takes, as words (may be empty).")
    first_action: str = Field(description="One concrete thing to do first (may be empty).")
    done_sign: str = Field(
        description='The sign that a reader may already have done this step, completing "You may already have '
        'done this if …" (may be empty).'
    )
    level: LinkOut = Field(description="The engagement level the step belongs to.")
    activities: list[LinkOut] = Field(description="Activities to do in this step, in the framework's order.")
    skills: list[LinkOut] = Field(description="Skills the step builds, in the framework's order.")
    behaviors: list[LinkOut] = Field(description="Behaviors the step builds, in the framework's order.")
    resources: list[GuideOut] = Field(description="Published guides on the Hub that help, by title.")
    links: list[ExternalLinkOut] = Field(
        description="Guides elsewhere: the step's links in the response language, else the English step's."
    )
    fallback_fields: list[str] = fallback_fields_field()

    @staticmethod
    def resolve_position(obj, context):
        """1-based position (steps come in order)."""
        return obj._position

    @staticmethod
    def resolve_title(obj, context):
        """The title in the response language, falling back to English."""
        return text(obj, "title", context)

    @staticmethod
    def resolve_description(obj, context):
        """The description in the response language, falling back to English."""
        return text(obj, "description", context)

    @staticmethod
    def resolve_estimated_time(obj, context):
        """The estimated time in the response language, falling back to English."""
        return text(obj, "estimated_time", context)

    @staticmethod
    def resolve_first_action(obj, context):
        """The first action in the response language, falling back to English."""
        return text(obj, "first_action", context)

    @staticmethod
    def resolve_done_sign(obj, context):
        """The sign it is done in the response language, falling back to English."""
        return text(obj, "done_sign", context)

    @staticmethod
    def resolve_links(obj, context):
        """The links chosen for the response language, else the English ones."""
        return queries.step_links(obj, response_language(context))


class RoleOut(ItemOut):
    """A movement role a volunteer can grow into, from an entry level to a target level."""

    summary: str = Field(description="One line about the role (may be empty).")
    icon: RoleIcon = Field(description="Name of the Codex icon that stands for the role.")
    entry_level: LinkOut = Field(description="The level where the role starts.")
    target_level: LinkOut = Field(description="The level the role leads to.")

    @staticmethod
    def resolve_summary(obj, context):
        """The summary in the response language, falling back to English."""
        return text(obj, "summary", context)


class RoleDetailOut(RoleOut):
    """A role with its pathway: the ordered steps that lead into it."""

    steps: list[StepOut] = Field(description="The pathway's steps, in order.")

    @staticmethod
    def resolve_steps(obj, context):
        """Steps in their order, numbered from 1."""
        steps = list(obj.steps.all())
        for number, step in enumerate(steps, start=1):
            step._position = number
        return steps


# --- Endpoints ------------------------------------------------------------------------------------------


def _level_filter(queryset, level):
    """Roles whose span includes the level; an unknown level is the client's error (400), not an empty list."""
    if level is None:
        return queryset
    found = known_or_400(EngagementLevel.objects.all(), "level", level, listed_at("level", "api-v1:framework-levels"))
    return queries.roles_at(queryset, [found])


@router.get(
    "/roles/",
    response={200: list[RoleOut], **LIST_ERRORS},
    url_name="pathways-roles",
    operation_id="listRoles",
    summary="List roles",
    description="Movement roles by entry level, then position, optionally only those whose span (entry level to "
    "target level) includes one level." + PAGINATION_NOTE,
)
@paginated
def list_roles(
    request,
    lang: Language = lang_param(),
    level: LevelSlug = Query(
        None,
        description="Only roles whose span includes this level: its slug, as listed at /api/v1/levels/ (e.g. "
        "`emerging`).",
    ),
):
    """Roles by entry level, position and slug."""
    use_language(request, lang)
    return _level_filter(queries.with_sources(queries.roles()), level)


@router.get(
    "/roles/{slug}/",
    response={200: RoleDetailOut, **DETAIL_ERRORS},
    url_name="pathways-role",
    operation_id="getRole",
    summary="Get a role and its pathway",
    description="One role with its ordered steps: each step's level, activities, skills, behaviors, guides on the "
    "Hub and guides elsewhere.",
)
def get_role(request, slug: str = slug_param("role", "mentor"), lang: Language = lang_param()):
    """One role and its pathway."""
    use_language(request, lang)
    return one_or_404(queries.with_steps(queries.roles()), "role", slug)
