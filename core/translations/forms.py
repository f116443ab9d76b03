"""The Wagtail admin's edit forms for translated content (issue #12): each language's input says whether its text
is current, outdated or missing for the object, carries ``lang`` and ``dir``, and the form takes the editor's word
that an English change was minor, or a translator's that a language's translations still hold."""

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from core.i18n import default_language, translated_field_names

from . import (
    COMPLETE,
    CONFIRMED_ATTR,
    MINOR_ATTR,
    OUTDATED,
    field_state,
    other_languages,
    refresh_sources,
    translated_values,
)

STATE_TEXT = {
    COMPLETE: _("Translation up to date."),
    OUTDATED: _("Translation outdated: the English has changed since it was translated."),
    "missing": _("Not translated yet: readers see the English."),
}
MINOR_FIELD = "translations_minor_change"
CONFIRMED_FIELD = "translations_still_valid"


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


def translation_panel():
    """The panel holding both boxes, for a model's ``panels`` (its form must be one of this module's)."""
    return MultiFieldPanel(
        [FieldPanel(MINOR_FIELD), FieldPanel(CONFIRMED_FIELD)],
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


class TranslationStateMixin:
    """What both admin forms share (``TranslatedModelForm`` for snippets, ``TranslatedPageForm`` for pages)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "translation_notes" in self.fields:
            old = self.fields["translation_notes"]
            self.fields["translation_notes"] = TranslationNotesField(
                required=False, label=old.label, help_text=_("Per language: wording a reviewer should check.")
            )
        self._texts_before = {}
        for form in self._translated_forms():
            decorate(form)
            if form.instance.pk is not None:
                self._texts_before[id(form)] = translated_values(form.instance)

    def _translated_forms(self):
        """This form and the forms of its inline children (a role's steps)."""
        yield self
        for formset in getattr(self, "formsets", {}).values():
            yield from formset.forms

    def save(self, commit=True):
        """Refresh the fingerprints before the object (or a page's revision) is saved."""
        minor = bool(self.cleaned_data.get(MINOR_FIELD))
        confirmed = tuple(self.cleaned_data.get(CONFIRMED_FIELD) or ())
        for form in self._translated_forms():
            instance = form.instance
            if not hasattr(instance, "translation_sources"):
                continue
            setattr(instance, MINOR_ATTR, minor)
            setattr(instance, CONFIRMED_ATTR, confirmed)
            refresh_sources(instance, self._texts_before.get(id(form)), minor=minor, confirmed=confirmed)
        return super().save(commit=commit)


class TranslatedModelForm(TranslationStateMixin, WagtailAdminModelForm):
    """The edit form of a translated snippet."""

    translations_minor_change = minor_change_field()
    translations_still_valid = still_valid_field()


class TranslatedPageForm(TranslationStateMixin, WagtailAdminPageForm):
    """The edit form of a translated page."""

    translations_minor_change = minor_change_field()
    translations_still_valid = still_valid_field()


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
