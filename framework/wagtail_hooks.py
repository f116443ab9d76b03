"""The framework in the Wagtail admin: one "Framework" menu with a snippet view per kind of item."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Activity, Behavior, EngagementLevel, Skill, Source


class LevelsColumn(Column):
    """The levels an item is suggested at, from the prefetched relation."""

    def get_value(self, instance):
        return ", ".join(level.name for level in instance.levels.all())


class FrameworkItemViewSet(SnippetViewSet):
    """Shared list set-up for skills, behaviors and activities."""

    list_display = ["name", "slug", LevelsColumn("levels", label=_("Levels")), "provenance"]
    list_filter = ["provenance", "levels"]
    list_per_page = 50
    ordering = ["position", "slug"]

    def get_queryset(self, request):
        return self.model.objects.prefetch_related("levels")


class EngagementLevelViewSet(SnippetViewSet):
    """Levels: few, ordered."""

    model = EngagementLevel
    icon = "list-ol"
    menu_label = _("Engagement levels")
    list_display = ["name", "order", "slug", "provenance"]
    ordering = ["order"]


class SkillViewSet(FrameworkItemViewSet):
    """Skills, filterable by category too."""

    model = Skill
    icon = "pick"
    menu_label = _("Skills")
    list_display = [*FrameworkItemViewSet.list_display[:2], "category", *FrameworkItemViewSet.list_display[2:]]
    list_filter = ["category", *FrameworkItemViewSet.list_filter]


class BehaviorViewSet(FrameworkItemViewSet):
    """Behaviors."""

    model = Behavior
    icon = "user"
    menu_label = _("Behaviors")


class ActivityViewSet(FrameworkItemViewSet):
    """Activities."""

    model = Activity
    icon = "tasks"
    menu_label = _("Activities")


class SourceViewSet(SnippetViewSet):
    """Sources cited by the items."""

    model = Source
    icon = "link"
    menu_label = _("Sources")
    list_display = ["key", "url"]
    ordering = ["position", "key"]


class FrameworkViewSetGroup(SnippetViewSetGroup):
    """Everything of the framework under one menu item."""

    items = (EngagementLevelViewSet, SkillViewSet, BehaviorViewSet, ActivityViewSet, SourceViewSet)
    menu_icon = "table"
    menu_label = _("Framework")
    menu_name = "framework"
    menu_order = 200


register_snippet(FrameworkViewSetGroup)
