"""App configuration for opportunities."""

from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Learning opportunities and mentorship programmes; owns the demo opportunities data file."""

    name = "opportunities"

    def ready(self):
        from .datafile import MENTORSHIP, OPPORTUNITIES, OPPORTUNITIES_FILE

        # replace: ready() may run twice in one process (tests re-populating the app registry).
        OPPORTUNITIES_FILE.register(OPPORTUNITIES, replace=True)
        OPPORTUNITIES_FILE.register(MENTORSHIP, replace=True)
