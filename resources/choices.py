"""Choices used by the resources app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The suggestion form's choice for a language it does not list.
OTHER_LANGUAGE = "other"


class ResourceType(models.TextChoices):
    """What kind of guide a resource is."""

    GUIDE = "guide", _("Guide")
    TOOLKIT = "toolkit", _("Toolkit")
    COURSE = "course", _("Course")
    VIDEO = "video", _("Video")
    TEMPLATE = "template", _("Template")
    CASE_STUDY = "case-study", _("Case study")
    REPORT = "report", _("Report")
    LEARNING_PATTERN = "learning-pattern", _("Learning pattern")


class SuggestionStatus(models.TextChoices):
    """Where a community suggestion stands with the curators."""

    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Turned into a draft")
    DECLINED = "declined", _("Declined")
