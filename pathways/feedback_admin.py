"""Readers' feedback in the Wagtail admin: a list with filters and a "Mark resolved" button, and a dashboard panel
with the open reports and the yes/no counts. Imported from ``wagtail_hooks.py``."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.admin_ui import NoAddPermissionPolicy, post_button_cell

from .choices import FeedbackKind
from .models import Feedback

OPEN_REPORTS_SHOWN = 5


# Nobody adds feedback in the admin: it comes from readers.
policy = NoAddPermissionPolicy(Feedback)
register_permission_policy(Feedback, policy, exact_class=True)


class PageColumn(Column):
    """The guide or step, linked to its public page."""

    def render_cell_html(self, instance, parent_context):
        return format_html('<td><a href="{}">{}</a></td>', instance.page_url(), instance.page_title)


class ResolveColumn(Column):
    """A "Mark resolved" button (a POST form) for an open report; who resolved it, and when, otherwise."""

    def render_cell_html(self, instance, parent_context):
        if instance.resolved:
            return format_html(
                "<td>{}</td>",
                gettext("Resolved by %(user)s") % {"user": instance.resolved_by or "—"},
            )
        action = reverse("feedback:resolve", args=[instance.pk])
        return post_button_cell(parent_context["request"], action, gettext("Mark resolved"))


class FeedbackIndexView(IndexView):
    """The list, each row's guide, step, role and curator read with it (a ModelViewSet's index view reads its
    rows from here, not from the viewset)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("resource", "step__role", "resolved_by")


class FeedbackViewSet(ModelViewSet):
    """What readers said about guides and pathway steps, newest first; curators mark reports resolved."""

    model = Feedback
    index_view_class = FeedbackIndexView
    name = "feedback"
    icon = "comment"
    menu_label = _("Reader feedback")
    menu_order = 260
    add_to_admin_menu = True
    permission_policy = policy
    list_display = [
        PageColumn("page", label=_("Page")),
        "kind",
        "reason",
        "text",
        "language",
        "created_at",
        ResolveColumn("resolved", label=_("Resolved")),
    ]
    list_filter = ["resolved", "kind", "reason", "language"]
    search_fields = ["text"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("resolved"),
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("resolve/<int:pk>/", require_POST(mark_resolved), name="resolve")]


def mark_resolved(request, pk):
    """Mark one report resolved, by this curator, now; back to the list. POST only: it changes data."""
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    feedback = get_object_or_404(Feedback, pk=pk)
    if not feedback.resolved:
        feedback.resolved, feedback.resolved_by, feedback.resolved_at = True, request.user, timezone.now()
        feedback.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    messages.success(request, gettext("Feedback on “%(page)s” marked resolved.") % {"page": feedback.page_title})
    return redirect("feedback:index")


feedback_viewset = FeedbackViewSet()


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    """Add the feedback list to the admin menu."""
    return feedback_viewset


class FeedbackPanel(Component):
    """The dashboard's view of feedback: open problem reports (the latest few listed), and how many readers said
    a guide or step helped or did not. Two queries."""

    name = "reader_feedback"
    order = 120
    template_name = "pathways/admin/feedback_panel.html"

    def get_context_data(self, parent_context):
        counts = Feedback.objects.aggregate(
            open_reports=Count("pk", filter=Q(kind=FeedbackKind.PROBLEM, resolved=False)),
            helped=Count("pk", filter=Q(kind=FeedbackKind.HELPED)),
            not_helped=Count("pk", filter=Q(kind=FeedbackKind.NOT_HELPED)),
        )
        latest = (
            Feedback.objects.filter(kind=FeedbackKind.PROBLEM, resolved=False)
            .select_related("resource", "step__role")
            .order_by("-created_at", "-pk")[:OPEN_REPORTS_SHOWN]
        )
        return {**counts, "latest": list(latest), "list_url": reverse("feedback:index")}


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    """Shown to whoever may read feedback."""
    if policy.user_has_any_permission(request.user, ["view", "change"]):
        panels.append(FeedbackPanel())
