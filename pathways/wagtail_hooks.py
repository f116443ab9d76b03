"""Roles and their pathways in the Wagtail admin, steps edited inline and reorderable."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Role


class RoleViewSet(SnippetViewSet):
    """Roles, listed with their level span, searchable in every language."""

    model = Role
    icon = "user"
    menu_label = _("Roles and pathways")
    menu_name = "roles"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "entry_level", "target_level", "provenance"]
    list_filter = ["entry_level", "target_level", "provenance"]
    ordering = ["position", "slug"]

    def get_queryset(self, request):
        return Role.objects.select_related("entry_level", "target_level")


register_snippet(RoleViewSet)

# The feedback list and dashboard panel register their own hooks (Wagtail imports only this module).
from . import feedback_admin  # noqa: E402, F401
