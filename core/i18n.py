"""Translation honesty, written once for every app: which fields fall back to English, and how
complete a page's translation is in the reader's language."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from modeltranslation.translator import NotRegistered, translator

_TAG = re.compile(r"<[^>]+>")


def default_language():
    """The language every field falls back to (English)."""
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def current_language():
    """The active language code without region (``es`` for ``es-ar``), or the default one."""
    return (get_language() or default_language()).split("-")[0]


def is_blank(value):
    """True when a field holds nothing a reader would see (None, spaces, empty rich text)."""
    if value is None:
        return True
    if not isinstance(value, str):
        value = str(value)
    return not _TAG.sub("", value).replace("&nbsp;", "").strip()


def translated_field_names(obj):
    """The fields of ``obj`` a reader sees in their language: ``translated_fields`` on the model,
    or else every field registered with modeltranslation."""
    names = getattr(obj, "translated_fields", None)
    if names is not None:
        return tuple(names)
    try:
        return tuple(translator.get_options_for_model(type(obj)).fields)
    except NotRegistered:
        return ()


class Shown:
    """An object as a page shows it: only the named fields count towards the page's translation status (a card
    that shows a title and a summary is not less translated for a description it leaves out)."""

    def __init__(self, obj, *fields):
        self._obj = obj
        self.translated_fields = fields

    def __getattr__(self, name):
        return getattr(self._obj, name)


@dataclass(frozen=True)
class FieldText:
    """A field's text as shown to the reader, and whether it is the English fallback."""

    value: str
    lang: str
    is_fallback: bool


def field_text(obj, field, lang=None):
    """The value of ``field`` in ``lang`` (default: the active language), falling back to English."""
    lang = lang or current_language()
    base = default_language()
    own = getattr(obj, f"{field}_{lang}", None)
    if not is_blank(own):
        return FieldText(own, lang, False)
    english = getattr(obj, f"{field}_{base}", None)
    if english is None:
        # Not a translated field: the plain attribute is all there is.
        english = getattr(obj, field, "")
    return FieldText(english or "", base, lang != base and not is_blank(english))


def completeness(objects, lang=None):
    """Percentage (0-100) of the fields written in English that are also written in ``lang``,
    over every object shown on a page; 100 when there is nothing to translate."""
    lang = lang or current_language()
    base = default_language()
    wanted = done = 0
    for obj in objects:
        for field in translated_field_names(obj):
            if is_blank(getattr(obj, f"{field}_{base}", None)):
                continue
            wanted += 1
            if lang == base or not is_blank(getattr(obj, f"{field}_{lang}", None)):
                done += 1
    return 100 if wanted == 0 else round(100 * done / wanted)


@dataclass(frozen=True)
class TranslationStatus:
    """What a page says about its own translation in the reader's language."""

    percent: int
    language_code: str
    language_name: str

    @property
    def is_complete(self):
        """True when nothing on the page falls back to English."""
        return self.percent >= 100

    @property
    def is_default_language(self):
        """True for English, the language everything is written in first."""
        return self.language_code == default_language()


def translation_status(objects, lang=None):
    """Build the status line of a page from the objects it shows."""
    lang = lang or current_language()
    return TranslationStatus(completeness(objects, lang), lang, get_language_info(lang)["name_local"])
