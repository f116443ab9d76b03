"""The Wagtail admin's edit forms for translated content (issue #12): each language's input says whether its text
is current, outdated or missing for the object, carries ``lang`` and ``dir``, and the form takes the editor's word
that an English change was minor, or a translator's that a language's translations still hold or were reviewed.
A member of the Translators group only changes the translations (``core.translations.review``), and a guide is not
published while it misses a priority language, when that is required."""

import copy

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks.base import BlockField

from core.i18n import default_language, join_names, translated_field_names

from . import (
    COMPLETE,
    CONFIRMED_ATTR,
    MINOR_ATTR,
    OUTDATED,
    field_state,
    fingerprint,
    other_languages,
    refresh_sources,
    translated_values,
)
from .review import (
    TRANSLATOR_FORM_FIELDS,
    is_translator_only,
    mark_reviewed,
    may_review,
    missing_message,
    missing_priority_fields,
    priority_languages,
    priority_rule_applies,
    translation_columns,
)

STATE_TEXT = {
    COMPLETE: _("Translation up to date."),
    OUTDATED: _("Translation outdated: the English has changed since it was translated."),
    "missing": _("Not translated yet: readers see the English."),
}
MINOR_FIELD = "translations_minor_change"
CONFIRMED_FIELD = "translations_still_valid"
REVIEWED_FIELD = "translations_reviewed"
LOCKED_TEXT = _("Translators do not change this field: editors do.")


def minor_change_field():
    """The editor's "this English change does not change the meaning" box."""
    return forms.BooleanField(
        required=False,
        label=_("Minor change: translations stay valid"),
        help_text=_(
            "Tick when you only fix a typo or punctuation in the English: the translations that matched it keep "
            "counting as up to date."
        ),
    )


def still_valid_field():
    """The translator's "these translations still say what the English says" boxes, one per language."""
    return forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(code, get_language_info(code)["name_local"]) for code in other_languages()],
        label=_("Translations checked against the current English"),
        help_text=_("Tick a language whose outdated translations still say what the English says."),
    )


def reviewed_field():
    """The reviewer's "I checked these translations" boxes, one per language (shown to reviewers only)."""
    return forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(code, get_language_info(code)["name_local"]) for code in other_languages()],
        label=_("Translations reviewed"),
        help_text=_(
            "Tick a language once you have checked its translations on this form: readers no longer see them as "
            "awaiting review."
        ),
    )


def translation_panel():
    """The panel holding the boxes, for a model's ``panels`` (its form must be one of this module's)."""
    return MultiFieldPanel(
        [FieldPanel(MINOR_FIELD), FieldPanel(CONFIRMED_FIELD), FieldPanel(REVIEWED_FIELD)],
        heading=_("Translations"),
        classname="collapsed",
    )


def language_columns(model):
    """``{column: (field, lang)}`` for every column modeltranslation added to ``model`` (inherited ones too: a
    page's title)."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return {}
    return {f"{field}_{code}": (field, code) for field in fields for code in settings.MODELTRANSLATION_LANGUAGES}


def decorate(form):
    """Give every per-language input of ``form`` its ``lang`` and ``dir``, and each translation its state."""
    instance = form.instance
    tracked = set(translated_field_names(instance))
    for name, (field, code) in language_columns(type(instance)).items():
        if name not in form.fields:
            continue
        form_field = form.fields[name]
        bidi = get_language_info(code)["bidi"]
        form_field.widget.attrs.update({"lang": code, "dir": "rtl" if bidi else "ltr"})
        if field not in tracked or code == default_language() or instance.pk is None:
            continue
        state = field_state(instance, field, code)
        form_field.widget.attrs["data-translation-state"] = state
        help_text = str(form_field.help_text or "")
        form_field.help_text = f"{STATE_TEXT[state]} {help_text}".strip()


def lock_for_translator(form):
    """Disable every field of ``form`` but the non-English translations (links excepted: they are structure) and the
    translators' own boxes: Django then ignores what a post says for them and keeps the stored value."""
    allowed = translation_columns(type(form.instance)) | TRANSLATOR_FORM_FIELDS
    form.hub_locked = []
    for name, field in form.fields.items():
        if name in allowed and not isinstance(field, forms.URLField):
            continue
        field.disabled = True
        field.help_text = f"{LOCKED_TEXT} {field.help_text or ''}".strip()
        form.hub_locked.append(name)


def _plain_input(field):
    return isinstance(field.widget, forms.widgets.Input | forms.Textarea | forms.Select) and not isinstance(
        field.widget, forms.HiddenInput
    )


def refuse_forced_changes(form):
    """A post from a translator that changes a locked plain field (which a browser does not send, its input being
    disabled) refuses the whole save, naming the fields, and so do a new inline child (a role's step) and a ticked
    delete box; locked rich text and blocks are only ignored."""
    names = []
    for child in form._translated_forms():
        if child is not form and child.instance.pk is None and child.has_changed():
            names.append(str(_("a new item")))
        for name in getattr(child, "hub_locked", ()):
            field = child.fields[name]
            key = child.add_prefix(name)
            if isinstance(field, BlockField) or not _plain_input(field) or key not in child.data:
                continue
            probe = copy.copy(field)
            probe.disabled = False
            posted = field.widget.value_from_datadict(child.data, child.files, key)
            if probe.has_changed(child.get_initial_for_field(field, name), posted):
                names.append(str(field.label or name))
    if names:
        form.add_error(
            None,
            _("Translators change only the translations; nothing was saved. Not yours to change: %(fields)s.")
            % {"fields": join_names(names)},
        )


def unreview_changed(instance, before, keep=()):
    """A reviewed translation whose text changed is no longer reviewed (unless its language is ticked reviewed)."""
    origins = getattr(instance, "translation_origin", None)
    if not before or not origins:
        return
    changed = False
    for lang, records in origins.items():
        if lang in keep or not isinstance(records, dict):
            continue
        for field, record in records.items():
            attr = f"{field}_{lang}"
            if not (isinstance(record, dict) and record.get("reviewed") and attr in before):
                continue
            if fingerprint(before[attr]) != fingerprint(getattr(instance, attr, None)):
                records[field] = {**record, "reviewed": False}
                changed = True
    if changed:
        instance.translation_origin = dict(origins)


class TranslationStateMixin:
    """What both admin forms share (``TranslatedModelForm`` for snippets, ``TranslatedPageForm`` for pages)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "translation_notes" in self.fields:
            old = self.fields["translation_notes"]
            self.fields["translation_notes"] = TranslationNotesField(
                required=False, label=old.label, help_text=_("Per language: wording a reviewer should check.")
            )
        user = getattr(self, "for_user", None)
        if REVIEWED_FIELD in self.fields and not may_review(user):
            del self.fields[REVIEWED_FIELD]
        self.translator_only = is_translator_only(user)
        self._texts_before = {}
        for form in self._translated_forms():
            decorate(form)
            if self.translator_only:
                lock_for_translator(form)
            if form.instance.pk is not None:
                self._texts_before[id(form)] = translated_values(form.instance)

    def _translated_forms(self):
        """This form and the forms of its inline children (a role's steps; not the comments)."""
        yield self
        for name, formset in getattr(self, "formsets", {}).items():
            if name != "comments":
                yield from formset.forms

    def clean(self):
        """Refuse a translator's post that changes what translators do not change."""
        cleaned_data = super().clean()
        if self.translator_only:
            refuse_forced_changes(self)
        return cleaned_data

    def save(self, commit=True):
        """Refresh the fingerprints and the review marks before the object (or a page's revision) is saved."""
        minor = bool(self.cleaned_data.get(MINOR_FIELD))
        confirmed = tuple(self.cleaned_data.get(CONFIRMED_FIELD) or ())
        reviewed = tuple(self.cleaned_data.get(REVIEWED_FIELD) or ())
        for form in self._translated_forms():
            instance = form.instance
            if not hasattr(instance, "translation_sources"):
                continue
            setattr(instance, MINOR_ATTR, minor)
            setattr(instance, CONFIRMED_ATTR, confirmed)
            before = self._texts_before.get(id(form))
            refresh_sources(instance, before, minor=minor, confirmed=confirmed)
            unreview_changed(instance, before, keep=reviewed)
            for lang in reviewed:
                mark_reviewed(instance, lang)
        return super().save(commit=commit)


class TranslatedModelForm(TranslationStateMixin, WagtailAdminModelForm):
    """The edit form of a translated snippet."""

    translations_minor_change = minor_change_field()
    translations_still_valid = still_valid_field()
    translations_reviewed = reviewed_field()


class TranslatedPageForm(TranslationStateMixin, WagtailAdminPageForm):
    """The edit form of a translated page; a page whose model checks the priority languages is not published
    without them when that is required."""

    translations_minor_change = minor_change_field()
    translations_still_valid = still_valid_field()
    translations_reviewed = reviewed_field()

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish") and self._may_publish():
            self._check_priority_languages(cleaned_data)
        return cleaned_data

    def _may_publish(self):
        user = getattr(self, "for_user", None)
        if user is None:
            return False
        if self.instance.pk is None:
            return self.parent_page is not None and self.parent_page.permissions_for_user(user).can_publish_subpage()
        return self.instance.permissions_for_user(user).can_publish()

    def _check_priority_languages(self, cleaned_data):
        required = cleaned_data.get("require_priority_languages")
        if not priority_rule_applies(self.instance, required=required):
            return

        def value(name):
            found = cleaned_data[name] if name in cleaned_data else getattr(self.instance, name, None)
            if hasattr(found, "raw_data"):
                # A StreamField counts as written when it has blocks (rendering it to find out would be slow).
                return "blocks" if len(found) else ""
            return found

        missing = missing_priority_fields(self.instance, value, priority_languages())
        if missing:
            self.add_error(
                None,
                _(
                    "This page cannot be published until it is complete in the site's priority languages. "
                    "%(missing)s Save it as a draft, or add the missing translations."
                )
                % {"missing": missing_message(type(self.instance), missing)},
            )


class TranslationNotesWidget(forms.Widget):
    """Translators' notes (``{lang: {"uncertain": true, "note": "…"}}``) as a box and a text per language, instead
    of raw JSON. A note is written in English (the pages show it marked ``lang="en"``), so its text runs left to
    right in the Arabic admin too."""

    def format_value(self, value):
        return value if isinstance(value, dict) else {}

    def render(self, name, value, attrs=None, renderer=None):
        notes = self.format_value(value)
        parts = []
        for code in other_languages():
            info = get_language_info(code)
            note = notes.get(code) or {}
            parts.append(
                format_html(
                    '<fieldset class="hub-translation-note" data-language="{code}"><legend>{language}</legend>'
                    '<p><label><input type="checkbox" name="{name}-{code}-uncertain" id="id_{name}-{code}-uncertain"'
                    "{checked}> {uncertain}</label></p>"
                    '<p><label for="id_{name}-{code}-note">{note_label}</label><br>'
                    '<textarea name="{name}-{code}-note" id="id_{name}-{code}-note" rows="2" cols="60" lang="en"'
                    ' dir="ltr">{note}</textarea></p></fieldset>',
                    code=code,
                    language=info["name_local"],
                    name=name,
                    checked=mark_safe(" checked") if note.get("uncertain") else "",  # noqa: S308 (a constant)
                    uncertain=_("The wording needs checking by a reviewer"),
                    note_label=_("Note for reviewers"),
                    note=note.get("note", ""),
                )
            )
        return mark_safe("".join(parts))  # noqa: S308 - each part is escaped by format_html

    def value_from_datadict(self, data, files, name):
        notes = {}
        for code in other_languages():
            if data.get(f"{name}-{code}-uncertain"):
                notes.setdefault(code, {})["uncertain"] = True
            note = (data.get(f"{name}-{code}-note") or "").strip()
            if note:
                notes.setdefault(code, {})["note"] = note
        return notes

    def value_omitted_from_data(self, data, files, name):
        return False


class TranslationNotesField(forms.Field):
    """The form field for ``translation_notes``: a mapping from languages to notes, never raw JSON."""

    widget = TranslationNotesWidget

    def to_python(self, value):
        return value if isinstance(value, dict) else {}

    def has_changed(self, initial, data):
        return (initial or {}) != (data or {})
