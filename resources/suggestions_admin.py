"""Community suggestions in the Wagtail admin: a read-mostly list for curators and the "Make a draft
resource" action. Imported from ``ResourcesConfig.ready()`` because Wagtail only discovers hooks in
``wagtail_hooks.py``, which another module of the app owns."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.admin_ui import NoAddPermissionPolicy, post_button_cell
from core.pages import site_root

from .choices import ResourceType, SuggestionStatus
from .models import ResourceIndexPage, ResourceLanguage, ResourcePage, ResourceSuggestion

# Nobody adds suggestions in the admin: they come from visitors.
register_permission_policy(ResourceSuggestion, NoAddPermissionPolicy(ResourceSuggestion), exact_class=True)


class DraftActionColumn(Column):
    """A "Make a draft resource" button (a POST form) for new suggestions, a link to the draft otherwise."""

    def render_cell_html(self, instance, parent_context):
        if instance.draft_id:
            return format_html(
                '<td><a href="{}">{}</a></td>',
                reverse("wagtailadmin_pages:edit", args=[instance.draft_id]),
                gettext("Edit the draft"),
            )
        if instance.status != SuggestionStatus.NEW:
            return format_html("<td></td>")
        action = reverse("resource_suggestions:make_draft", args=[instance.pk])
        return post_button_cell(parent_context["request"], action, gettext("Make a draft resource"))


def resource_index():
    """The resource index page; on a fresh site, a published, empty one under the home page."""
    index = ResourceIndexPage.objects.first()
    if index is None:
        home = site_root()
        index = home.add_child(instance=ResourceIndexPage(title="Resources", title_en="Resources", slug="resources"))
        # An empty listing exposes nothing a visitor sent; the resources under it stay drafts.
        index.save_revision().publish()
    return index


class ResourceSuggestionViewSet(ModelViewSet):
    """Suggestions sent through the public form. Curators read them, change their status, and turn good
    ones into draft resource pages; the visitor's own words are never edited."""

    model = ResourceSuggestion
    name = "resource_suggestions"
    icon = "comment"
    menu_label = _("Suggestions")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "title",
        "language_name",
        "level",
        "status",
        "created_at",
        DraftActionColumn("draft", label=_("Draft")),
    ]
    list_filter = ["status"]
    search_fields = ["title", "url"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("title", read_only=True),
        FieldPanel("url", read_only=True),
        FieldPanel("description", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("level", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("submitted_in", read_only=True),
        FieldPanel("status"),
    ]

    def get_queryset(self, request):
        return ResourceSuggestion.objects.select_related("level")

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("draft/<int:pk>/", self.make_draft_view, name="make_draft")]

    @property
    def make_draft_view(self):
        return require_POST(make_draft)


@transaction.atomic
def make_draft(request, pk):
    """Create an unpublished resource page from a suggestion, mark the suggestion accepted, and open the
    draft in the page editor. POST only: it changes data."""
    suggestion = get_object_or_404(ResourceSuggestion.objects.select_for_update(), pk=pk)
    policy = NoAddPermissionPolicy(ResourceSuggestion)
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    if suggestion.draft_id:
        # A second click (or another curator) finds the draft already made.
        return redirect("wagtailadmin_pages:edit", suggestion.draft_id)

    index = ResourceIndexPage.objects.first()
    if index is not None and not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    if index is None:
        home = site_root()
        if not home.permissions_for_user(request.user).can_publish_subpage():
            raise PermissionDenied
        index = resource_index()

    page = ResourcePage(
        title=suggestion.title,
        title_en=suggestion.title,
        # A starting point only: the curator rewrites the summary in the Hub's voice before publishing.
        summary_en=suggestion.description,
        external_url_en=suggestion.url,
        resource_type=ResourceType.GUIDE,
        curator_notes=gettext("Made from a community suggestion (#%(id)s) in %(language)s.")
        % {"id": suggestion.pk, "language": suggestion.language_name},
        live=False,
        owner=request.user,
    )
    if suggestion.level_id:
        page.levels = [suggestion.level]
    # The languages the guide is in: the suggested one, when the Hub already lists resources in it.
    page.languages = list(ResourceLanguage.objects.filter(code=suggestion.language))
    index.add_child(instance=page)
    page.save_revision(user=request.user, log_action=True)

    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.draft = page
    suggestion.handled_by = request.user
    suggestion.save(update_fields=["status", "draft", "handled_by"])
    messages.success(request, gettext("Draft “%(title)s” created; it is not published.") % {"title": page.title})
    return redirect("wagtailadmin_pages:edit", page.pk)


suggestion_viewset = ResourceSuggestionViewSet()


@hooks.register("register_admin_viewset")
def register_suggestion_viewset():
    """Add the suggestions list to the admin menu."""
    return suggestion_viewset
