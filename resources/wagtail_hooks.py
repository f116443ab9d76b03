"""Curation in the admin: the "Resources needing review" report, the Curators' permissions on a new index, and
the guides' tags with a label per language."""

from django.db.models import Count, DateField, ExpressionWrapper, F, Q
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ResourceIndexPage, ResourcePage
from .models.pages import REVIEW_INTERVAL, ResourceTag

REVIEW_ACTIONS = ["add", "change", "publish"]
# Readers' open "broken link" reports (pathways' Feedback, read through the reverse relation ``feedback`` so
# that resources imports nothing above it): a guide with one needs a curator whatever its review date.
OPEN_BROKEN_LINKS = Q(feedback__kind="problem", feedback__reason="broken-link", feedback__resolved=False)


def resources_needing_review(user=None):
    """Resource pages past their review-by date or with open broken-link reports from readers (``user``: only
    those they may edit), the longest overdue first."""
    today = timezone.localdate()
    pages = ResourcePage.objects.annotate(broken_link_reports=Count("feedback", filter=OPEN_BROKEN_LINKS)).filter(
        Q(review_by__lt=today)
        | Q(review_by__isnull=True, last_reviewed__lt=today - REVIEW_INTERVAL)
        | Q(broken_link_reports__gt=0)
    )
    if user is not None:
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        pages = pages.filter(pk__in=editable.values("pk"))
    due = Coalesce("review_by", ExpressionWrapper(F("last_reviewed") + REVIEW_INTERVAL, output_field=DateField()))
    return pages.annotate(review_due_on=due).order_by("review_due_on", "last_reviewed", "pk")


class NeedsReviewView(ReportView):
    """The resources curators should check again, linked to their edit views."""

    page_title = _("Resources needing review")
    header_icon = "warning"
    index_url_name = "resources_needs_review"
    index_results_url_name = "resources_needs_review_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = REVIEW_ACTIONS
    model = ResourcePage
    list_export = ["title", "last_reviewed", "review_due", "maintainer", "external_url", "broken_link_reports"]
    export_headings = {"review_due": _("Review due")}
    columns = [
        TitleColumn("title", label=_("Resource"), url_name="wagtailadmin_pages:edit"),
        DateColumn("last_reviewed", label=_("Last reviewed")),
        DateColumn("review_due", label=_("Review due")),
        Column("maintainer", label=_("Maintained by")),
        Column("broken_link_reports", label=_("Open broken-link reports")),
    ]

    def get_filename(self):
        return f"resources-needing-review-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return resources_needing_review(self.request.user)


@hooks.register("register_admin_urls")
def register_needs_review_urls():
    view = NeedsReviewView.as_view()
    results = NeedsReviewView.as_view(results_only=True)
    return [
        path("reports/resources-needing-review/", view, name="resources_needs_review"),
        path("reports/resources-needing-review/results/", results, name="resources_needs_review_results"),
    ]


class NeedsReviewMenuItem(MenuItem):
    """Shown to whoever may add, edit or publish pages."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, REVIEW_ACTIONS)


@hooks.register("register_reports_menu_item")
def register_needs_review_menu_item():
    return NeedsReviewMenuItem(
        _("Resources needing review"),
        reverse("resources_needs_review"),
        name="resources-needing-review",
        icon_name="warning",
        order=650,
    )


@hooks.register("after_create_page")
def grant_curators_on_new_index(request, page):
    """An index made in the admin gets the Curators' permissions too (the demo loader grants them itself)."""
    if isinstance(page.specific, ResourceIndexPage):
        page.specific.grant_curators()


class LabelColumn(Column):
    """A tag's label in one language, empty when it has none (the English is then shown to readers)."""

    def __init__(self, code, label):
        super().__init__(f"label_{code}", label=label)
        self.code = code

    def get_value(self, instance):
        return getattr(instance, f"label_{self.code}", "") or ""


class ResourceTagViewSet(SnippetViewSet):
    """The guides' tags: curators rename them and translators write their label in each language (the data file
    can do the same, see docs/framework-data.md)."""

    model = ResourceTag
    icon = "tag"
    menu_label = _("Tags")
    menu_name = "resource-tags"
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "name",
        "slug",
        LabelColumn("es", _("Spanish")),
        LabelColumn("fr", _("French")),
        LabelColumn("ar", _("Arabic")),
    ]
    list_per_page = 100
    ordering = ["slug"]
    search_fields = ["name", "slug", "label_es", "label_fr", "label_ar"]


register_snippet(ResourceTagViewSet)
