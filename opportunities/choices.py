"""Choices used by the opportunities app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityKind(models.TextChoices):
    """What sort of learning opportunity an event is."""

    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Course")
    COHORT = "cohort", _("Cohort programme")
    WEBINAR = "webinar", _("Webinar")
    EDITATHON = "editathon", _("Edit-a-thon")
    CONFERENCE = "conference", _("Conference session")
    OFFICE_HOURS = "office-hours", _("Office hours")
    CAMPAIGN = "campaign", _("Campaign")


class EventFormat(models.TextChoices):
    """Where people take part: online, in one place, or both."""

    ONLINE = "online", _("Online")
    IN_PERSON = "in-person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class Region(models.TextChoices):
    """The movement's regions, as Wikimedia's regional groupings name them, plus "global" for everyone."""

    GLOBAL = "global", _("Global")
    AFRICA = "africa", _("Sub-Saharan Africa")
    MENA = "mena", _("Middle East and North Africa")
    ESEAP = "eseap", _("East, Southeast Asia and the Pacific")
    SOUTH_ASIA = "south-asia", _("South Asia")
    CEE = "cee", _("Central and Eastern Europe and Central Asia")
    NWE = "nwe", _("Northern and Western Europe")
    LATAM = "latam", _("Latin America and the Caribbean")
    NORTH_AMERICA = "north-america", _("North America")
