"""The schemas of the opportunity endpoints: what a learning opportunity and a mentorship programme look like in
the API, in the response language, with times in the organiser's time zone (ISO 8601 with the offset)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from ninja import Field, Schema

from core.api.languages import response_language
from core.api.schemas import (
    TranslatedOut,
    fallback_fields,
    fallback_fields_field,
    item_language,
    language_field,
    link_field,
    text,
)
from framework.api import LinkOut
from resources.api import ResourceLanguageOut

from ..choices import EventFormat, OpportunityKind, Region

# The text fields each answer gives, in the order `fallback_fields` lists them. A list leaves out what the listing
# does not read (the listing's query defers it).
OPPORTUNITY_LIST_TEXTS = ("title", "summary")
OPPORTUNITY_TEXTS = ("title", "summary", "description", "venue_name", "cost", "accessibility", "registration_url")
PROGRAMME_LIST_TEXTS = ("title", "summary", "duration")
PROGRAMME_TEXTS = ("title", "summary", "description", "duration", "mentors_do", "become_mentor")
# How many dates after the next one an opportunity's detail gives.
MORE_DATES = 5

_ISO = {"format": "date-time"}


def _iso(moment):
    """An aware datetime as ISO 8601 with its offset (``+00:00`` for UTC, as for every other zone)."""
    return moment.isoformat()


class OrganiserOut(Schema):
    """Who runs the opportunity or programme: an affiliate, a group or a team."""

    name: str = Field(description="The organiser's name, as they write it.")
    url: str | None = Field(description="The organiser's page, or null.", json_schema_extra={"format": "uri"})


class DatesOut(Schema):
    """One occurrence, in the organiser's time zone."""

    starts: str = Field(description="Start, ISO 8601 with the organiser's UTC offset.", json_schema_extra=_ISO)
    ends: str = Field(description="End, ISO 8601 with the organiser's UTC offset.", json_schema_extra=_ISO)

    @staticmethod
    def resolve_starts(obj):
        """The start of a ``(start, end)`` pair."""
        return _iso(obj[0])

    @staticmethod
    def resolve_ends(obj):
        """The end of a ``(start, end)`` pair."""
        return _iso(obj[1])


class ListedOut(TranslatedOut):
    """What opportunities and programmes both give, in the response language."""

    slug: str = Field(description="Stable identifier, the same in every language.")
    title: str = Field(description="Title in the response language (English when not translated).")
    summary: str = Field(description="One or two sentences about it.")
    format: EventFormat = Field(description="Where people take part; the value of the `format` filter.")
    region: Region = Field(description="The region it is for (`global`: everyone); the value of the `region` filter.")
    organiser: OrganiserOut = Field(description="Who runs it.")
    available_in: list[ResourceLanguageOut] = Field(description="Languages people take part in.")
    levels: list[LinkOut] = Field(description="Engagement levels it serves, in order.")
    skills: list[LinkOut] = Field(description="Skills it builds, in the framework's order.")
    roles: list[LinkOut] = Field(description="Movement roles it serves, in the pathways' order.")
    dates_confirmed: bool = Field(description="False while the dates are still to be confirmed with the organisers.")
    translations_reviewed: bool = Field(description="True once the community has reviewed the translations.")
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
    def resolve_format(obj):
        """The stored format."""
        return obj.event_format

    @staticmethod
    def resolve_organiser(obj):
        """The organiser's name and page."""
        return {"name": obj.organiser_name, "url": obj.organiser_url or None}

    @staticmethod
    def resolve_available_in(obj):
        """The event's languages by code (prefetched)."""
        return sorted(obj.languages.all(), key=lambda language: language.code)

    @staticmethod
    def resolve_levels(obj):
        """Levels in their order (prefetched)."""
        return sorted(obj.levels.all(), key=lambda level: level.order)

    @staticmethod
    def resolve_skills(obj):
        """Skills in the framework's order (prefetched)."""
        return sorted(obj.skills.all(), key=lambda skill: (skill.position, skill.slug))

    @staticmethod
    def resolve_roles(obj):
        """Roles in the pathways' order (prefetched)."""
        return sorted(obj.roles.all(), key=lambda role: (role.position, role.slug))


def _occurrence(page):
    """The occurrence a list shows: the one the listing chose, else the first (a past opportunity's archive date)."""
    return getattr(page, "_api_occurrence", None) or (page.zoned_start, page.zoned_end)


class OpportunityOut(ListedOut):
    """A learning opportunity: a workshop, course, webinar, edit-a-thon... with its dates."""

    kind: OpportunityKind = Field(description="What sort of opportunity it is; the value of the `kind` filter.")
    starts: str = Field(
        description="Start of the occurrence listed (the next or current one; in the archive, the first), ISO 8601 "
        "with the organiser's UTC offset.",
        json_schema_extra=_ISO,
    )
    ends: str = Field(
        description="End of that occurrence, ISO 8601 with the organiser's offset.", json_schema_extra=_ISO
    )
    time_zone: str = Field(description="The organiser's time zone, an IANA name such as `Africa/Nairobi`.")
    recurrence: str | None = Field(description="The iCalendar RRULE that repeats it, or null for a single event.")
    series_ends: str | None = Field(
        description="End of its last occurrence, ISO 8601 with the organiser's offset; null when it never ends.",
        json_schema_extra=_ISO,
    )
    url: str = link_field("Absolute URL of the opportunity's page on the Hub in the response language.")
    api_url: str = link_field("Absolute URL of its detail in this API (with `?lang=` unless English).")
    calendar_url: str = link_field("Absolute URL of its iCalendar file (.ics).")

    @staticmethod
    def resolve_starts(obj):
        """The listed occurrence's start."""
        return _iso(_occurrence(obj)[0])

    @staticmethod
    def resolve_ends(obj):
        """The listed occurrence's end."""
        return _iso(_occurrence(obj)[1])

    @staticmethod
    def resolve_recurrence(obj):
        """The rule, or None."""
        return obj.recurrence or None

    @staticmethod
    def resolve_series_ends(obj):
        """The end of the series in the organiser's zone, or None."""
        return _iso(obj.series_end.astimezone(obj.zone)) if obj.series_end else None

    @staticmethod
    def resolve_calendar_url(obj, context):
        """The opportunity's .ics under the response language's prefix."""
        with override(response_language(context)):
            path = reverse("opportunities:ics", kwargs={"slug": obj.slug})
        return context["request"].build_absolute_uri(path)

    @staticmethod
    def resolve_language(obj, context):
        """The asked language if any of the fields the list gives is written in it, otherwise English."""
        return item_language(obj, context, OPPORTUNITY_LIST_TEXTS)

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """The fields the list gives in English instead of the asked language."""
        return fallback_fields(obj, context, OPPORTUNITY_LIST_TEXTS)


class OpportunityDetailOut(OpportunityOut):
    """A learning opportunity with everything the Hub knows about it."""

    description: str = Field(description="What happens there (may be empty).")
    upcoming_dates: list[DatesOut] = Field(
        description=f"Up to {MORE_DATES} occurrences after the one in `starts`, in the organiser's time zone."
    )
    is_past: bool = Field(description="True when every occurrence has ended.")
    place: str = Field(description="The venue in the response language (may be empty).")
    city: str = Field(description="The city (may be empty).")
    country: str = Field(description="The country (may be empty).")
    online_url: str | None = Field(description="Where to join online, or null.", json_schema_extra={"format": "uri"})
    registration_url: str | None = Field(
        description="Where to register, in the response language when it has its own form; null without one.",
        json_schema_extra={"format": "uri"},
    )
    registration_deadline: datetime.date | None = Field(description="Last day to register, or null.")
    cost: str = Field(description="What it costs (empty: free).")
    capacity: int | None = Field(description="How many places there are, or null.")
    accessibility: str = Field(description="Accessibility notes (may be empty).")

    @staticmethod
    def resolve_description(obj, context):
        """The description in the response language, falling back to English."""
        return text(obj, "description", context)

    @staticmethod
    def resolve_upcoming_dates(obj):
        """The dates after the next one."""
        return obj._api_more_dates

    @staticmethod
    def resolve_is_past(obj):
        """No occurrence left."""
        return obj._api_is_past

    @staticmethod
    def resolve_place(obj, context):
        """The venue in the response language, falling back to English."""
        return text(obj, "venue_name", context)

    @staticmethod
    def resolve_online_url(obj):
        """The joining link, or None."""
        return obj.online_url or None

    @staticmethod
    def resolve_registration_url(obj, context):
        """The registration link for the response language, else the English one, or None."""
        return text(obj, "registration_url", context) or None

    @staticmethod
    def resolve_cost(obj, context):
        """The cost in the response language, falling back to English."""
        return text(obj, "cost", context)

    @staticmethod
    def resolve_accessibility(obj, context):
        """The notes in the response language, falling back to English."""
        return text(obj, "accessibility", context)

    @staticmethod
    def resolve_language(obj, context):
        """The asked language if any of the fields the detail gives is written in it, otherwise English."""
        return item_language(obj, context, OPPORTUNITY_TEXTS)

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """The fields the detail gives in English instead of the asked language."""
        return fallback_fields(obj, context, OPPORTUNITY_TEXTS)


class ProgrammeOut(ListedOut):
    """A mentorship programme, with its registration window."""

    status: str = Field(
        description="`open` (one may join now), `soon` (registration opens later) or `closed`, by today's date.",
        json_schema_extra={"enum": ["open", "soon", "closed"]},
    )
    always_open: bool = Field(description="True when one may join at any time.")
    opens_on: datetime.date | None = Field(description="First day of registration, or null.")
    closes_on: datetime.date | None = Field(description="Last day of registration, or null.")
    duration: str = Field(description="How long it lasts, e.g. three months (may be empty).")
    join_url: str = Field(description="How to join.", json_schema_extra={"format": "uri"})
    url: str = link_field("Absolute URL of the programme's page on the Hub in the response language.")
    api_url: str = link_field("Absolute URL of its detail in this API (with `?lang=` unless English).")

    @staticmethod
    def resolve_status(obj):
        """Open, soon or closed today."""
        return obj.status(timezone.localdate())

    @staticmethod
    def resolve_duration(obj, context):
        """The duration in the response language, falling back to English."""
        return text(obj, "duration", context)

    @staticmethod
    def resolve_language(obj, context):
        """The asked language if any of the fields the list gives is written in it, otherwise English."""
        return item_language(obj, context, PROGRAMME_LIST_TEXTS)

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """The fields the list gives in English instead of the asked language."""
        return fallback_fields(obj, context, PROGRAMME_LIST_TEXTS)


class ProgrammeDetailOut(ProgrammeOut):
    """A mentorship programme with what mentors do and how to become one."""

    description: str = Field(description="What the programme is (may be empty).")
    mentors_do: str = Field(description="What mentors do (may be empty).")
    become_mentor: str = Field(description="How to become a mentor (may be empty).")
    become_mentor_url: str | None = Field(
        description="Link for new mentors, or null.", json_schema_extra={"format": "uri"}
    )
    contact: str = Field(description="A page, a list or an address (may be empty).")

    @staticmethod
    def resolve_description(obj, context):
        """The description in the response language, falling back to English."""
        return text(obj, "description", context)

    @staticmethod
    def resolve_mentors_do(obj, context):
        """What mentors do, in the response language, falling back to English."""
        return text(obj, "mentors_do", context)

    @staticmethod
    def resolve_become_mentor(obj, context):
        """How to become a mentor, in the response language, falling back to English."""
        return text(obj, "become_mentor", context)

    @staticmethod
    def resolve_become_mentor_url(obj):
        """The link, or None."""
        return obj.become_mentor_url or None

    @staticmethod
    def resolve_language(obj, context):
        """The asked language if any of the fields the detail gives is written in it, otherwise English."""
        return item_language(obj, context, PROGRAMME_TEXTS)

    @staticmethod
    def resolve_fallback_fields(obj, context):
        """The fields the detail gives in English instead of the asked language."""
        return fallback_fields(obj, context, PROGRAMME_TEXTS)
