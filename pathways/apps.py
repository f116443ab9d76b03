"""App configuration for pathways."""

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    """The pathways app; adds the `roles` section to the framework data file, and owns the step links file."""

    name = "pathways"

    def ready(self):
        """Register the roles section with the framework's data file (its registry, so that framework never
        imports pathways), the step links' section with their own file, and the pages' query parameters."""
        from core.pagecache import SLUG, register_params
        from framework.datafile import FRAMEWORK_FILE

        from . import search
        from .assessment_file import ASSESSMENT
        from .datafile import ROLES
        from .feedback import THANKS_PARAM, register_panels
        from .step_links import STEP_LINKS, STEP_LINKS_FILE

        # The parameters the page cache keeps (docs/performance.md): the roles' level filter, the
        # self-assessment's answers.
        register_params("pathways:roles", level=SLUG)
        register_params("pathways:start", *(question.key for question in ASSESSMENT.questions))
        # The feedback form's thanks (pathways/feedback.py), on pathway pages and on resource pages (which are
        # Wagtail pages: wagtail_serve; the resources app registers the listing's parameters on it too).
        register_params("pathways:role", THANKS_PARAM)
        register_params("wagtail_serve", THANKS_PARAM)
        # The same form on a guide's page, as a panel (core/panels.py): resources never loads a library of ours.
        register_panels()

        # replace: ready() may run twice in one process (tests re-populating the app registry).
        FRAMEWORK_FILE.register(ROLES, replace=True)
        STEP_LINKS_FILE.register(STEP_LINKS, replace=True)
        search.connect()
