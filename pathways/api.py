"""Pathway endpoints of the JSON API (roles and their ordered steps), read-only.

Built on the framework API's conventions, imported rather than repeated: the ``?lang=`` check, the link schemas,
page-number pagination and error shapes. Each endpoint runs the same number of SQL queries however many roles and
steps there are (everything the schemas read is prefetched by :mod:`pathways.queries`).
"""

from django.urls import reverse
from django.utils.translation import override
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from core.i18n import default_language, field_text, translated_field_names
from framework.api import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    PAGE_SIZE,
    PAGINATION_NOTE,
    ItemOut,
    LinkOut,
    PageNumbers,
    lang_param,
    public_url,
    response_language,
    use_language,
)
from framework.models import EngagementLevel
from resources.api import resource_api_url

from . import queries
from .choices import RoleIcon

router = Router(tags=["pathways"])


def _role_api_url(role, context):
    """Absolute URL of the role's API detail, keeping the language so a client can follow links."""
    lang = response_language(context)
    path = reverse("api-v1:pathways-role", kwargs={"slug": role.slug})
    if lang != default_language():
        path = f"{path}?lang={lang}"
    return context["request"].build_absolute_uri(path)


# --- Schemas ----------------------------------------------------------------------------------------


class GuideOut(Schema):
    """A guide on the Hub (a resource page) that helps with a step."""

    title: str = Field(description="Title in the response language (English when not translated).")
    url: str = Field(
        description="Absolute URL of the guide's page on the Hub in the response language.",
        json_schema_extra={"format": "uri"},
    )
    api_url: str = Field(description="Absolute URL of the guide's detail in this API (`/api/v1/resources/{slug}/`).")

    @staticmethod
    def resolve_title(obj, context):
        """The title in the response language, falling back to English."""
        return field_text(obj, "title", response_language(context)).value

    @staticmethod
    def resolve_url(obj, context):
        """The guide's public page under the response language's prefix."""
        request = context["request"]
        with override(response_language(context)):
            return request.build_absolute_uri(obj.get_url(request))

    @staticmethod
    def resolve_api_url(obj, context):
        """The guide's detail in the resources API, in the response language."""
        return resource_api_url(obj, context)


class ExternalLinkOut(Schema):
    """A guide that lives elsewhere (a course, a Meta-Wiki page)."""

    title: str = Field(description="Title of the guide as the step gives it.")
    url: str = Field(description="Address of the guide.", json_schema_extra={"format": "uri"})
    hreflang: str = Field(description="Language of the step text the link was chosen for (`en` for the English one).")


class StepOut(Schema):
    """One step of a pathway: what to do at a level, what it builds, what helps."""

    position: int = Field(description="Place of the step in the pathway, from 1.")
    title: str = Field(description="Title in the response language (English when not translated).")
    description: str = Field(description="What to do in this step (may be empty).")
    level: LinkOut = Field(description="The engagement level the step belongs to.")
    activities: list[LinkOut] = Field(description="Activities to do in this step, in the framework's order.")
    skills: list[LinkOut] = Field(description="Skills the step builds, in the framework's order.")
    behaviors: list[LinkOut] = Field(description="Behaviors the step builds, in the framework's order.")
    resources: list[GuideOut] = Field(description="Published guides on the Hub that help, by title.")
    links: list[ExternalLinkOut] = Field(
        description="Guides elsewhere: the step's links in the response language, else the English step's."
    )
    fallback_fields: list[str] = Field(
        description="Fields given in English because they have no text in the language asked for."
    )

    @staticmethod
    def resolve_position(obj, context):
        """1-based position (steps come in order)."""
        return obj._position

    @staticmethod
    def resolve_title(obj, context):
        """The title in the response language, falling back to English."""
        return field_text(obj, "title", response_language(context)).value

    @staticmethod
    def resolve_description(obj, context):
        """The description in the response language, falling back to English."""
        return field_text(obj, "description", response_language(context)).value

    @staticmethod
    def resolve_links(obj, context):
        """The links chosen for the response language, else the English ones."""
        return queries.step_links(obj, response_language(context))

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """Names of the fields shown in English instead of the asked language."""
        lang = response_language(context)
        return [field for field in translated_field_names(obj) if field_text(obj, field, lang).is_fallback]


class RoleOut(ItemOut):
    """A movement role a volunteer can grow into, from an entry level to a target level."""

    summary: str = Field(description="One line about the role (may be empty).")
    icon: RoleIcon = Field(description="Name of the Codex icon that stands for the role.")
    entry_level: LinkOut = Field(description="The level where the role starts.")
    target_level: LinkOut = Field(description="The level the role leads to.")

    @staticmethod
    def resolve_summary(obj, context):
        """The summary in the response language, falling back to English."""
        return field_text(obj, "summary", response_language(context)).value

    @staticmethod
    def resolve_url(obj, context):
        """The role's pathway page."""
        return public_url(obj, context)

    @staticmethod
    def resolve_api_url(obj, context):
        """The role's API detail."""
        return _role_api_url(obj, context)


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
    found = EngagementLevel.objects.filter(slug=level).first()
    if found is None:
        raise HttpError(400, f"Unknown level '{level}'. Use the slug of a level listed at /api/v1/levels/.")
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
@paginate(PageNumbers, page_size=PAGE_SIZE, max_page_size=PAGE_SIZE)
def list_roles(
    request,
    lang: str = lang_param(),
    level: str | None = Query(
        None, description="Only roles whose span includes this level (its slug, e.g. `emerging`)."
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
def get_role(request, slug: str, lang: str = lang_param()):
    """One role and its pathway."""
    use_language(request, lang)
    role = queries.with_steps(queries.roles()).filter(slug=slug).first()
    if role is None:
        raise HttpError(404, f"No role with slug '{slug}'.")
    return role
