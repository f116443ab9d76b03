"""App configuration for opportunities."""

from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Learning opportunities and mentorship programmes; owns the demo opportunities data file."""

    name = "opportunities"

    def ready(self):
        from core.pagecache import LANGUAGE_TAG, PAGE_NUMBER, SLUG, register_params

        from .datafile import MENTORSHIP, OPPORTUNITIES, OPPORTUNITIES_FILE
        from .filters import MONTH, opportunity_filters
        from .panels import register_panels

        # The query parameters the listings, the feed and the announce form read, with the values each may take,
        # so that the page cache keeps them in its key (anything else is dropped before the view sees it).
        params = {
            item.param: item.choices if item.choices is not None else (SLUG if item.key == "slug" else LANGUAGE_TAG)
            for item in opportunity_filters()
        }
        params.update(month=MONTH, show={"archive"}, page=PAGE_NUMBER)
        register_params("wagtail_serve", **params)
        register_params("opportunities:feed", **params)
        register_params("opportunities:announce", "sent")

        # "Coming up", "find a mentor" and "this month" on the pages of the floors below (core/panels.py).
        register_panels()

        # replace: ready() may run twice in one process (tests re-populating the app registry).
        OPPORTUNITIES_FILE.register(OPPORTUNITIES, replace=True)
        OPPORTUNITIES_FILE.register(MENTORSHIP, replace=True)
