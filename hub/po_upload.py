"""The admin's import of a translated PO file (issue #12, point 5), in two steps: an upload that runs the checks of
``import_po --dry-run`` and shows what would change, then a confirmation that checks the same file again and
writes it through the command's own code (``hub.po_exchange.import_catalogue``).

Between the two steps the file stays on the server, in the shared cache under a random token tied to the
uploader: the confirmation carries only the token, never the content to write."""

import hashlib
import json
import re
import secrets
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.po import CONTEXT_SEPARATOR, CatalogueError, Problem
from hub.models import HomePage
from hub.po_admin import language_choices
from hub.po_exchange import import_catalogue
from hub.translated_content import MappingTexts

#: The largest PO file accepted: the shipped content in one language is about 0.35 MB (807 entries).
MAX_BYTES = 5 * 1024 * 1024
#: How long an uploaded file waits for its confirmation.
PENDING_SECONDS = 60 * 60
_CACHE_PREFIX = "hub:po-upload:"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def may_import(user):
    """Importing writes content: the user reaches the admin and may edit the home page, hence every page below it
    (Wagtail's Editors, the Translators group, superusers)."""
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    home = HomePage.objects.order_by("path").first()
    policy = PagePermissionPolicy()
    if home is None:
        return policy.user_has_permission(user, "change")
    return policy.user_has_permission_for_instance(user, "change", home)


class UploadForm(forms.Form):
    """The file and the language it must be for."""

    file = forms.FileField(
        label=_("PO file"),
        help_text=_("A PO file downloaded from the Hub and translated, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".po,text/x-gettext-translation"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB: this is not a PO file of the Hub."))
        try:
            self.cleaned_data["text"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not in UTF-8. Save it again as UTF-8 (Poedit and Lokalize do so by default).")
            ) from None
        if "\x00" in self.cleaned_data["text"]:
            raise forms.ValidationError(_("The file holds a NUL character: it is not a text file."))
        return upload


def check(text, language, user):
    """The dry run of ``import_po``, and a refusal of each change to an object ``user`` may not edit in the admin
    (a role, a framework item: snippets have permissions of their own). A syntax error raises CatalogueError."""
    result = import_catalogue(text, language, dry_run=True)
    allowed = {}
    for change in result.plan.changes:
        target = change.unit.target
        target = target.owner if isinstance(target, MappingTexts) else target
        if isinstance(target, Page):
            may = target.permissions_for_user(user).can_edit()
        else:
            label = target._meta.label
            if label not in allowed:
                allowed[label] = user.has_perm(f"{target._meta.app_label}.change_{target._meta.model_name}")
            may = allowed[label]
        if not may:
            result.plan.problems.append(Refusal(change.line, change.unit.context, _NOT_ALLOWED))
    return result


_NOT_ALLOWED = _("you may not edit this object in the admin, so you may not import its translation")


@dataclass(frozen=True)
class Refusal(Problem):
    """A problem of the admin's own, whose message is in the admin's language (the checks' are in English)."""

    localized: bool = True


def plan_digest(plan):
    """A fingerprint of what a plan writes: the confirmation must write what the person saw, no more, no less."""
    changes = [(change.unit.context, change.before, change.after) for change in plan.changes]
    encoded = json.dumps([plan.language, changes], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _field_label(unit):
    if isinstance(unit.target, MappingTexts):
        return unit.context.rsplit(CONTEXT_SEPARATOR, 1)[1]
    return str(unit.target._meta.get_field(unit.field).verbose_name)


def report_groups(plan):
    """The plan's changes grouped by object, in the file's order: ``[{"label", "key", "changes": [...]}]``."""
    groups = {}
    for change in plan.changes:
        key = change.unit.context.rsplit(CONTEXT_SEPARATOR, 1)[0]
        group = groups.setdefault(key, {"label": change.unit.label, "key": key, "changes": []})
        group["changes"].append({"change": change, "field": _field_label(change.unit)})
    return list(groups.values())


class _ImportMixin(WagtailAdminTemplateMixin):
    template_name = "hub/admin/po_import.html"
    page_title = _("Import a translated PO file")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        # A page that says why, not Wagtail's redirect to the dashboard that raising PermissionDenied gives.
        if not may_import(request.user):
            return self.render_page(request, forbidden=True, status=403)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, request, status=200, **context):
        self.request = request
        return TemplateResponse(request, self.template_name, self.get_context_data(**context), status=status)

    def report(self, request, text, language, name, result, status=200):
        """The dry run's page: the changes, the counts, and a confirmation when there is something to write."""
        token = None
        if result.plan.changes and not result.problems:
            token = secrets.token_urlsafe(32)
            pending = {
                "user": request.user.pk,
                "language": language,
                "text": text,
                "name": name,
                "digest": plan_digest(result.plan),
            }
            cache.set(_CACHE_PREFIX + token, pending, PENDING_SECONDS)
        return self.render_page(
            request,
            status=status,
            form=UploadForm(initial={"language": language}),
            result=result,
            plan=result.plan,
            groups=report_groups(result.plan),
            token=token,
            file_name=name,
            language_name=dict(language_choices()).get(language, language),
            language=language,
        )


class UploadView(_ImportMixin, View):
    """GET: the form. POST: check the file whole, write nothing, show what would change."""

    def get(self, request):
        return self.render_page(request, form=UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(request, form=form, status=400)
        text, language = form.cleaned_data["text"], form.cleaned_data["language"]
        try:
            result = check(text, language, request.user)
        except CatalogueError as error:
            form.add_error("file", _("The file cannot be read as a PO file: %(error)s") % {"error": error})
            return self.render_page(request, form=form, status=400)
        if result.problems:
            form.add_error(
                "file",
                ngettext(
                    "The file is refused: %(count)d problem, listed below. Nothing was imported.",
                    "The file is refused: %(count)d problems, listed below. Nothing was imported.",
                    len(result.problems),
                )
                % {"count": len(result.problems)},
            )
            return self.render_page(request, form=form, status=400, plan=result.plan, result=result)
        return self.report(request, text, language, form.cleaned_data["file"].name, result)


class _ContentChanged(Exception):
    """The content changed between the confirmation's check and its write: roll the write back."""

    def __init__(self, result):
        self.result = result


class ConfirmView(_ImportMixin, View):
    """POST only: the upload named by its token, checked again; written if it still makes the changes shown."""

    http_method_names = ["post"]

    def post(self, request):
        token = request.POST.get("token", "")
        pending = cache.get(_CACHE_PREFIX + token) if _TOKEN.match(token) else None
        if not pending or pending.get("user") != request.user.pk:
            messages.error(
                request,
                _(
                    "This import is no longer waiting (it expired after an hour, or was already done). "
                    "Upload the file again."
                ),
            )
            return redirect("hub_po_import")
        text, language, name = pending["text"], pending["language"], pending["name"]
        again = check(text, language, request.user)
        if again.problems or plan_digest(again.plan) != pending["digest"]:
            return self._changed(request, token, text, language, name, again)
        try:
            with transaction.atomic():
                result = import_catalogue(text, language, user=request.user)
                if plan_digest(result.plan) != pending["digest"]:
                    raise _ContentChanged(result)
        except _ContentChanged as changed:
            return self._changed(request, token, text, language, name, changed.result)
        cache.delete(_CACHE_PREFIX + token)
        messages.success(request, self._written(result, name))
        return redirect("hub_po_import")

    def _changed(self, request, token, text, language, name, result):
        cache.delete(_CACHE_PREFIX + token)
        messages.warning(
            request,
            _(
                "The content changed since the file was checked: nothing was imported. Here is what the file "
                "would do now."
            ),
        )
        return self.report(request, text, language, name, result, status=409)

    @staticmethod
    def _written(result, name):
        count = len(result.plan.changes)
        return ngettext(
            "%(name)s: %(count)d translation written (pages published: %(published)d, saved as drafts: %(drafts)d).",
            "%(name)s: %(count)d translations written (pages published: %(published)d, saved as drafts: %(drafts)d).",
            count,
        ) % {"name": name, "count": count, "published": result.pages_published, "drafts": result.pages_drafted}
