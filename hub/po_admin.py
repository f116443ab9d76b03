"""The admin's download of a PO file: one language, everything or one object (until the translators' dashboard of
issue #12 offers it beside the counts). Bringing a file back is ``hub.po_upload``."""

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from core.i18n import default_language
from hub.po_exchange import export_catalogue


def language_choices():
    """The languages a PO file can be made for: every language of the Hub but English, the source."""
    return [
        (code, get_language_info(code)["name_translated"])
        for code in settings.MODELTRANSLATION_LANGUAGES
        if code != default_language()
    ]


class ExportForm(forms.Form):
    """Which language, and optionally which one object, to download."""

    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    only = forms.CharField(
        label=_("One object only"),
        required=False,
        help_text=_(
            "Leave empty for all content. For one guide: resources.ResourcePage:<slug>; for one role: "
            "pathways.Role:<slug>."
        ),
    )


class ExportView(WagtailAdminTemplateMixin, FormView):
    """Offers the form; a valid GET of it answers with the PO file as an attachment."""

    template_name = "hub/admin/po_export.html"
    page_title = _("Translations as PO files")
    header_icon = "download"
    form_class = ExportForm

    def get_context_data(self, **kwargs):
        # Imported here: the import's module builds on this one's language choices.
        from hub.po_upload import may_import

        return super().get_context_data(**kwargs, may_import=may_import(self.request.user))

    def get(self, request, *args, **kwargs):
        if "language" not in request.GET:
            return self.render_to_response(self.get_context_data(form=self.form_class()))
        form = self.form_class(request.GET)
        if form.is_valid():
            only = form.cleaned_data["only"].strip() or None
            try:
                po = export_catalogue(form.cleaned_data["language"], only)
            except LookupError:
                form.add_error("only", _("Nothing translated has this name. Check the model and the slug."))
            else:
                return self._download(po, form.cleaned_data["language"], only)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def _download(self, po, language, only):
        name = f"hub-{language}" + (f"-{only.replace(':', '-')}" if only else "") + ".po"
        response = HttpResponse(str(po), content_type="text/x-gettext-translation; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
