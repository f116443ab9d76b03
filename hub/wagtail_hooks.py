"""The hub's part of the admin: the download of content strings as PO files for translators, and their import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .po_admin import ExportView
from .po_upload import ConfirmView, UploadView


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
