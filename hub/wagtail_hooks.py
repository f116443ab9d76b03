"""The hub's part of the admin: the translators' dashboard and its home panel, and the download of content strings
as PO files for translators and their import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .po_admin import ExportView
from .po_upload import ConfirmView, UploadView
from .translation_dashboard_admin import DashboardView, ItemsView, TranslationsPanel, user_languages


@hooks.register("register_admin_urls")
def register_po_urls():
    return [
        path("translations/po/", ExportView.as_view(), name="hub_po_export"),
        path("translations/po/import/", UploadView.as_view(), name="hub_po_import"),
        path("translations/po/import/confirm/", ConfirmView.as_view(), name="hub_po_import_confirm"),
    ]


@hooks.register("register_reports_menu_item")
def register_po_menu_item():
    return MenuItem(
        _("Translations as PO files"), reverse("hub_po_export"), name="translations-po", icon_name="download", order=700
    )


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    return [
        path("translations/", DashboardView.as_view(), name="hub_translation_dashboard"),
        path("translations/items/", ItemsView.as_view(), name="hub_translation_items"),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_dashboard_menu_item():
    return MenuItem(
        _("Translations"), reverse("hub_translation_dashboard"), name="translations", icon_name="doc-full", order=690
    )


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    """The user's languages: their admin language when it is translated into, else every one."""
    panels.append(TranslationsPanel(user_languages(request.user)))
