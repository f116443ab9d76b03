"""Learning opportunities: workshops, courses, cohorts, webinars, edit-a-thons, conference sessions, office hours,
each with its dates in the organiser's time zone and an optional iCalendar recurrence."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.memo import memoised_for, request_key

from .. import recurrence as rules
from ..choices import OpportunityKind
from .common import HubIndexPage, ListedPage


class OpportunityIndexPage(HubIndexPage):
    """The listing of learning opportunities at /<lang>/opportunities/ (its feed is ``opportunities.views.feed``)."""

    subpage_types = ["opportunities.OpportunityPage"]

    class Meta:
        verbose_name = _("learning opportunity index")

    def get_context(self, request, *args, **kwargs):
        """The filtered listing, grouped by date (built in opportunities/listing.py)."""
        from ..listing import opportunity_listing

        context = super().get_context(request, *args, **kwargs)
        # Kept per process and content version, and no longer than the dates it shows hold (core/memo.py).
        context.update(
            memoised_for(
                request, "opportunities:listing", request_key(request), lambda: opportunity_listing(request, self)
            )
        )
        return context


class OpportunityPage(ListedPage):
    """One learning opportunity. Its dates are the organiser's wall-clock date and time in their IANA time zone;
    ``start``, ``end`` and ``series_end`` (UTC) are derived from them on save, for queries."""

    kind = models.CharField(_("kind"), max_length=20, choices=OpportunityKind.choices)
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), default=datetime.time(0, 0))
    end_date = models.DateField(_("end date"))
    end_time = models.TimeField(_("end time"), default=datetime.time(23, 59))
    time_zone = models.CharField(
        _("organiser's time zone"), max_length=64, default="UTC", help_text=_("An IANA name, e.g. Africa/Nairobi.")
    )
    recurrence = models.CharField(
        _("recurrence"),
        max_length=300,
        blank=True,
        help_text=_("An iCalendar RRULE, e.g. FREQ=MONTHLY;BYDAY=3WE; empty for a single event."),
    )
    start = models.DateTimeField(_("starts (UTC)"), null=True, editable=False, db_index=True)
    end = models.DateTimeField(_("ends (UTC)"), null=True, editable=False)
    series_end = models.DateTimeField(
        _("last occurrence ends (UTC)"), null=True, editable=False, db_index=True, help_text=_("Empty: never ends.")
    )
    venue_name = models.CharField(_("place"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    online_url = models.URLField(_("joining link"), max_length=500, blank=True)
    registration_url = models.URLField(_("registration link"), max_length=500, blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True, help_text=_("Empty when it is free."))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    pathway_steps = ParentalManyToManyField(
        "pathways.PathwayStep", blank=True, related_name="opportunities", verbose_name=_("pathway steps")
    )

    content_panels = [
        *ListedPage.about_panels(),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone"),
                FieldPanel("recurrence"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("city"), FieldPanel("country"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldPanel("cost"),
                FieldPanel("capacity"),
                FieldPanel("accessibility"),
            ],
            heading=_("Taking part"),
        ),
        MultiFieldPanel(
            [FieldPanel("levels"), FieldPanel("skills"), FieldPanel("roles"), FieldPanel("pathway_steps")],
            heading=_("Framework"),
        ),
        *ListedPage.review_panels(),
    ]
    parent_page_types = ["opportunities.OpportunityIndexPage"]
    translated_fields = ("title", "summary", "description", "venue_name", "cost", "accessibility")

    class Meta:
        verbose_name = _("learning opportunity")
        verbose_name_plural = _("learning opportunities")

    def get_context(self, request, *args, **kwargs):
        """What the detail page shows beyond its own fields (opportunities/queries.py)."""
        from ..queries import opportunity_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(opportunity_page_context(request, self))
        return context

    # --- Dates ---------------------------------------------------------------------------------

    @property
    def zone(self):
        """The organiser's ZoneInfo (UTC when the stored name is unknown)."""
        try:
            return rules.check_time_zone(self.time_zone)
        except ValidationError:
            return datetime.UTC

    @property
    def zoned_start(self):
        """The first start as an aware datetime in the organiser's zone."""
        return rules.zoned(self.start_date, self.start_time, self.zone)

    @property
    def zoned_end(self):
        """The first end as an aware datetime in the organiser's zone."""
        return rules.zoned(self.end_date, self.end_time, self.zone)

    def occurrences(self, after=None, limit=rules.MAX_OCCURRENCES):
        """``(start, end)`` pairs in the organiser's zone, those ending after ``after`` only."""
        return rules.occurrences(self.zoned_start, self.zoned_end, self.recurrence, after=after, limit=limit)

    def next_occurrence(self, now=None):
        """The next (or current) ``(start, end)``, or None when every occurrence has ended."""
        found = self.occurrences(after=now or timezone.now(), limit=1)
        return found[0] if found else None

    # --- Checking and saving -------------------------------------------------------------------

    def clean(self):
        """Page checks, then :meth:`field_errors` as errors on their fields."""
        super().clean()
        errors = self.field_errors()
        if errors:
            raise ValidationError(errors)

    def field_errors(self):
        """``{field: ValidationError}`` for what cannot be: a bad zone or rule, an end before the start, a deadline
        after it, an online event with no link, an in-person one with no place (the data file reads them too)."""
        errors = {}
        self.recurrence = rules.normalise_rule(self.recurrence)
        zone = None
        try:
            zone = rules.check_time_zone(self.time_zone)
        except ValidationError as error:
            errors["time_zone"] = error
        if zone is not None and self.start_date and self.end_date and self.start_time and self.end_time:
            start = rules.zoned(self.start_date, self.start_time, zone)
            end = rules.zoned(self.end_date, self.end_time, zone)
            if end <= start:
                errors["end_date"] = ValidationError(_("The end must come after the start."), code="end_before_start")
            if self.recurrence:
                try:
                    rules.check_rule(self.recurrence, start)
                except ValidationError as error:
                    errors["recurrence"] = error
        if self.registration_deadline and self.start_date and self.registration_deadline > self.start_date:
            errors["registration_deadline"] = ValidationError(
                _("The registration deadline cannot be after the start."), code="deadline_after_start"
            )
        if self.is_online and not self.online_url:
            errors["online_url"] = ValidationError(
                _("An online or hybrid opportunity needs a joining link."), code="online_without_link"
            )
        if self.is_in_person and not (self.venue_name or self.city):
            errors["city"] = ValidationError(
                _("An in-person or hybrid opportunity needs a place or a city."), code="in_person_without_place"
            )
        return errors

    def save(self, *args, **kwargs):
        """Save, deriving the UTC start, end and end of the series from the organiser's dates."""
        self.recurrence = rules.normalise_rule(self.recurrence)
        if self.start_date and self.end_date:
            start, end = self.zoned_start, self.zoned_end
            self.start = start.astimezone(datetime.UTC)
            self.end = end.astimezone(datetime.UTC)
            last = rules.series_end(start, end, self.recurrence)
            self.series_end = last.astimezone(datetime.UTC) if last else None
        return super().save(*args, **kwargs)
