"""Admin views of the ground floor: the login attempts django-axes records, for administrators; the bulk Publish
of pages held to the priority languages (core.translations.review)."""

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy


class AdministratorsMayReadAndClear(BasePermissionPolicy):
    """Only active superusers see the attempts; they may delete one (which lifts its lock-out) but never add or
    edit a record."""

    ACTIONS = {"view", "delete"}

    def user_has_permission(self, user, action):
        """Superusers, for viewing and deleting."""
        return bool(user.is_active and user.is_superuser and action in self.ACTIONS)

    def users_with_any_permission(self, actions):
        """Every active superuser when one of ``actions`` is allowed."""
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if set(actions) & self.ACTIONS else users.none()


for _model in (AccessAttempt, AccessFailureLog):
    register_permission_policy(_model, AdministratorsMayReadAndClear(_model))


class _LoginRecordViewSet(ModelViewSet):
    """A read-only list of one kind of django-axes record."""

    icon = "warning"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["username"]  # the create and edit views exist, but the permission policy refuses them


class LockoutViewSet(_LoginRecordViewSet):
    """Usernames and addresses with failed logins; deleting a row lets that pair sign in again."""

    model = AccessAttempt
    menu_label = _("Lock-outs")
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = ["username", "ip_address"]


class FailedLoginViewSet(_LoginRecordViewSet):
    """Every failed login, and whether it ended in a lock-out."""

    model = AccessFailureLog
    menu_label = _("Failed logins")
    list_display = ["username", "ip_address", "locked_out", "attempt_time"]
    list_filter = ["locked_out"]


class LoginAttemptsGroup(ModelViewSetGroup):
    """Settings → Login attempts."""

    menu_label = _("Login attempts")
    menu_icon = "warning"
    add_to_settings_menu = True
    items = (LockoutViewSet, FailedLoginViewSet)


@hooks.register("register_admin_viewset")
def register_login_attempts():
    """The login attempts group in the admin's Settings menu."""
    return LoginAttemptsGroup()


@hooks.register("insert_global_admin_css")
def translation_admin_css():
    """The per-language fields' styles: groups kept visible under the language toggles, direction of rich text."""
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin_translations.css"))


@hooks.register("insert_editor_js")
def open_on_language_js():
    """``?lang=ar`` in an edit form's address opens it on that language (the translators' dashboard links so)."""
    return format_html('<script src="{}"></script>', static("core/js/admin_language.js"))


@hooks.register("before_bulk_action")
def hold_back_incomplete_pages(request, action_type, objects, action):
    """The page listing's bulk Publish refuses, as the edit form does, a page (or, with its drafts below, one of
    them) that misses a priority language it is required to have; nothing is published then."""
    from core.translations.review import publish_refusals

    if action_type != "publish" or not objects or not hasattr(objects[0], "get_latest_revision_as_object"):
        return None
    pages = [page.specific.get_latest_revision_as_object() for page in objects]
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += [draft.get_latest_revision_as_object() for draft in page.get_descendants().not_live().specific()]
    refusals = publish_refusals(pages)
    if not refusals:
        return None
    for page, missing in refusals:
        messages.error(
            request,
            gettext("Nothing was published: “%(page)s” is not complete in the priority languages. %(missing)s")
            % {"page": page.get_admin_display_title(), "missing": missing},
        )
    return redirect(action.next_url)
