"""Choices used by the pathways app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleIcon(models.TextChoices):
    """Codex icons a role may show (file names in @wikimedia/codex-icons, copied by `make assets`)."""

    ARTICLE = "article", _("Article")
    EDIT = "edit", _("Pencil")
    EYE = "eye", _("Eye")
    USER_MENTOR = "userMentor", _("Mentor")
    USER_GROUP = "userGroup", _("Group")
    USER_RIGHTS = "userRights", _("User rights")
    CALENDAR = "calendar", _("Calendar")
    SPEECH_BUBBLES = "speechBubbles", _("Conversation")
    LIGHTBULB = "lightbulb", _("Light bulb")
    NETWORK = "network", _("Network")
    CODE = "code", _("Code")
    FLAG = "flag", _("Flag")
    GLOBE = "globe", _("Globe")
    BOOK = "book", _("Book")
    PUZZLE = "puzzle", _("Puzzle")
    CHART = "chart", _("Chart")
    MAP_TRAIL = "mapTrail", _("Trail")


class FeedbackKind(models.TextChoices):
    """What a reader told the curators about a guide or a step: it helped, it did not, or something is wrong."""

    HELPED = "helped", _("It helped")
    NOT_HELPED = "not-helped", _("It did not help")
    PROBLEM = "problem", _("Problem report")


class ProblemReason(models.TextChoices):
    """Why a reader reports a problem."""

    BROKEN_LINK = "broken-link", _("A link is broken")
    OUTDATED = "outdated", _("It is out of date")
    WRONG_LANGUAGE = "wrong-language", _("It is in the wrong language")
    OTHER = "other", _("Something else")
