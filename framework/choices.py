"""Choices used by the framework's models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Provenance(models.TextChoices):
    """Where an item of the framework comes from (see the header of framework/data/framework.yaml)."""

    SOURCE = "source", _("From a cited source")
    SOURCE_PARAPHRASE = "source_paraphrase", _("Paraphrased from a cited source")
    RECONSTRUCTION = "reconstruction", _("Reconstruction awaiting community review")


# The weakest claim wins when an item mixes provenances across its fields.
PROVENANCE_STRENGTH = {Provenance.SOURCE: 2, Provenance.SOURCE_PARAPHRASE: 1, Provenance.RECONSTRUCTION: 0}


class SkillCategory(models.TextChoices):
    """Families of skills, used to group them on the public pages."""

    ON_WIKI = "on-wiki", _("On-wiki")
    CONTENT = "content", _("Content")
    TECHNICAL = "technical", _("Technical")
    PERSONAL = "personal", _("Personal")
    INTERPERSONAL = "interpersonal", _("Interpersonal")
    COMMUNICATION = "communication", _("Communication")
    COMMUNITY = "community", _("Community")
    COMMUNITY_HEALTH = "community-health", _("Community health")
    ORGANIZATIONAL = "organizational", _("Organizational")
