"""App configuration for opportunities."""

from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Learning opportunities and mentorship programmes."""

    name = "opportunities"
