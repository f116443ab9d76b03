"""Pieces of the Wagtail admin shared by the lists of what visitors send (resources' suggestions, pathways'
feedback): a permission policy without "add", and a one-button POST form in a list's cell."""

from django.middleware.csrf import get_token
from django.utils.html import format_html
from wagtail.permission_policies import ModelPermissionPolicy


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody adds an object in the admin: visitors send them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "add"])


def post_button_cell(request, action, label):
    """A table cell holding a small form that POSTs to ``action`` with the CSRF token: one button, ``label``."""
    return format_html(
        '<td><form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button type="submit" class="button button-small button-secondary">{}</button></form></td>',
        action,
        get_token(request),
        label,
    )
