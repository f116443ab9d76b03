"""Mentorship programmes: who they are for, what mentors do, when one may join, how to join or become a mentor."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.memo import memoised_for, request_key

from .common import HubIndexPage, ListedPage


class MentorshipIndexPage(HubIndexPage):
    """The listing of mentorship programmes at /<lang>/mentorship/."""

    subpage_types = ["opportunities.MentorshipPage"]

    class Meta:
        verbose_name = _("mentorship programme index")

    def get_context(self, request, *args, **kwargs):
        """The filtered listing: open now, opening later, closed (built in opportunities/listing.py)."""
        from ..listing import mentorship_listing

        context = super().get_context(request, *args, **kwargs)
        # Kept per process and content version, and no longer than the dates it shows hold (core/memo.py).
        context.update(
            memoised_for(
                request, "opportunities:mentorship", request_key(request), lambda: mentorship_listing(request, self)
            )
        )
        return context


class MentorshipPage(ListedPage):
    """A mentorship programme. Its mentees are described by the levels and roles it serves; its registration
    window is a pair of dates, or "always open"."""

    mentors_do = models.TextField(_("what mentors do"), blank=True)
    always_open = models.BooleanField(_("always open"), default=False)
    opens_on = models.DateField(_("registration opens"), null=True, blank=True)
    closes_on = models.DateField(_("registration closes"), null=True, blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True, help_text=_("E.g. three months."))
    join_url = models.URLField(_("how to join (link)"), max_length=500)
    become_mentor = models.TextField(_("how to become a mentor"), blank=True)
    become_mentor_url = models.URLField(_("link for new mentors"), max_length=500, blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True, help_text=_("A page, a list or an address."))

    content_panels = [
        *ListedPage.about_panels(),
        MultiFieldPanel(
            [
                FieldPanel("always_open"),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("duration"),
                FieldPanel("join_url"),
            ],
            heading=_("Joining"),
        ),
        MultiFieldPanel(
            [FieldPanel("mentors_do"), FieldPanel("become_mentor"), FieldPanel("become_mentor_url")],
            heading=_("Mentors"),
        ),
        FieldPanel("contact"),
        MultiFieldPanel([FieldPanel("levels"), FieldPanel("skills"), FieldPanel("roles")], heading=_("Who it is for")),
        *ListedPage.review_panels(),
    ]
    parent_page_types = ["opportunities.MentorshipIndexPage"]
    translated_fields = ("title", "summary", "description", "mentors_do", "duration", "become_mentor")

    class Meta:
        verbose_name = _("mentorship programme")
        verbose_name_plural = _("mentorship programmes")

    def get_context(self, request, *args, **kwargs):
        """What the detail page shows beyond its own fields (opportunities/queries.py)."""
        from ..queries import mentorship_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(mentorship_page_context(request, self))
        return context

    def status(self, today=None):
        """``"open"``, ``"soon"`` (opens later) or ``"closed"``, by date alone."""
        today = today or timezone.localdate()
        if self.always_open:
            return "open"
        if self.closes_on and self.closes_on < today:
            return "closed"
        if self.opens_on and self.opens_on > today:
            return "soon"
        return "open"

    def clean(self):
        """Page checks, then :meth:`field_errors` as errors on their fields."""
        super().clean()
        errors = self.field_errors()
        if errors:
            raise ValidationError(errors)

    def field_errors(self):
        """``{field: ValidationError}``: a window that closes before it opens, or no window at all."""
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = ValidationError(
                _("Registration cannot close before it opens."), code="closes_before_opens"
            )
        if not self.always_open and not (self.opens_on or self.closes_on):
            errors["opens_on"] = ValidationError(
                _("Give the registration dates, or tick “always open”."), code="no_window"
            )
        return errors
