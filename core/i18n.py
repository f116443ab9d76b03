"""Translation honesty, written once for every app: which fields fall back to English, and how
complete a page's translation is in the reader's language."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, get_language_info, pgettext
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


def sort_key(text):
    """How names are put in alphabetical order in any of the site's languages: case, accents and Arabic letter forms
    folded (``core.search.text.normalise``), so "Éducation" sorts with the E and "إرشاد" with the alif."""
    from core.search.text import normalise  # core.search imports this module

    return normalise(text or "")


def join_names(names):
    """Names in a sentence, separated as the current language writes a list: Arabic uses its own comma ("،")."""
    return pgettext("separator between the items of a list", ", ").join(str(name) for name in names)


@dataclass(frozen=True)
class FieldTally:
    """How the fields of some objects that have English text stand in one language: ``current`` translations,
    ``outdated`` ones (made from an English that has changed since, ``core.translations``) and ``missing``."""

    current: int = 0
    outdated: int = 0
    missing: int = 0

    @property
    def wanted(self):
        """Every field with English text."""
        return self.current + self.outdated + self.missing

    @property
    def done(self):
        """The fields translated at all, current or outdated."""
        return self.current + self.outdated

    @property
    def percent(self):
        """Completeness: an outdated translation counts as half done, so it is never 100 while one remains."""
        return percent(self.current + self.outdated / 2, self.wanted)


def field_tally(objects, lang=None):
    """The :class:`FieldTally` of the shown fields of ``objects`` in ``lang`` (English: all current)."""
    # Imported here: core.translations builds on this module's helpers.
    from core.translations import OUTDATED, field_state

    lang = lang or current_language()
    base = default_language()
    current = outdated = missing = 0
    for obj in objects:
        for field in translated_field_names(obj):
            if is_blank(getattr(obj, f"{field}_{base}", None)):
                continue
            if lang == base:
                current += 1
            elif is_blank(getattr(obj, f"{field}_{lang}", None)):
                missing += 1
            elif field_state(obj, field, lang) == OUTDATED:
                outdated += 1
            else:
                current += 1
    return FieldTally(current, outdated, missing)


def field_counts(objects, lang=None):
    """``(done, wanted)``: how many of the fields of ``objects`` written in English are also written in ``lang``
    (current or outdated)."""
    tally = field_tally(objects, lang)
    return tally.done, tally.wanted


def percent(done, wanted):
    """``done`` out of ``wanted`` as a whole percentage, 100 when there is nothing to do; never rounded up to 100
    while something is missing."""
    if wanted == 0:
        return 100
    value = round(100 * done / wanted)
    return 99 if value == 100 and done < wanted else value


def completeness(objects, lang=None):
    """Percentage (0-100) of the fields written in English that are also written in ``lang``, over every object
    shown on a page, an outdated translation counting as half; 100 when there is nothing to translate."""
    return field_tally(objects, lang).percent


@dataclass(frozen=True)
class TranslationStatus:
    """What a page says about its own translation in the reader's language."""

    percent: int
    language_code: str
    language_name: str
    #: Who made the unreviewed translations on the page (empty: none, or all reviewed).
    unreviewed: frozenset = frozenset()
    #: How many shown fields have a translation made from an older English text, and how many have none.
    outdated: int = 0
    missing: int = 0

    @property
    def is_complete(self):
        """True when nothing on the page falls back to English."""
        return self.percent >= 100

    @property
    def awaiting_review(self):
        """The origin to name in the page's one "awaiting review" line: the least trusted one present, or ""."""
        for origin in reversed(ORIGINS):
            if origin in self.unreviewed:
                return origin
        return ""

    @property
    def is_default_language(self):
        """True for English, the language everything is written in first."""
        return self.language_code == default_language()


def translation_status(objects, lang=None):
    """Build the status line of a page from the objects it shows."""
    lang = lang or current_language()
    objects = list(objects)
    tally = field_tally(objects, lang)
    return TranslationStatus(
        tally.percent,
        lang,
        get_language_info(lang)["name_local"],
        frozenset(unreviewed_origins(objects, lang)),
        outdated=tally.outdated,
        missing=tally.missing,
    )


# --- Provenance of translations -------------------------------------------------------------------
#
# Each translated object keeps, in a JSON field named ``translation_origin``, one record per language and field:
# ``{"fr": {"name": {"origin": "team", "reviewed": false}, ...}, ...}``. English is the source and has none.
# The fingerprint of the English each translation was made from is kept beside it, in ``translation_sources``
# (core.translations).

ORIGIN_TEAM = "team"
ORIGIN_COMMUNITY = "community"
ORIGIN_MACHINE_DRAFT = "machine-draft"
#: Who made a translation, from the most to the least trusted.
ORIGINS = (ORIGIN_COMMUNITY, ORIGIN_TEAM, ORIGIN_MACHINE_DRAFT)
ORIGIN_ATTR = "translation_origin"


def origin_record(obj, field, lang):
    """The provenance record of ``field`` in ``lang`` (``{"origin": …, "reviewed": …}``), or None."""
    records = getattr(obj, ORIGIN_ATTR, None) or {}
    record = (records.get(lang) or {}).get(field)
    return record if isinstance(record, dict) else None


def unreviewed_origins(objects, lang=None):
    """The origins of the unreviewed translations in ``lang`` among the shown fields of ``objects`` that have text
    in that language (a set; empty when everything shown is reviewed or in English)."""
    lang = lang or current_language()
    if lang == default_language():
        return set()
    found = set()
    for obj in objects:
        for field in translated_field_names(obj):
            if is_blank(getattr(obj, f"{field}_{lang}", None)):
                continue
            record = origin_record(obj, field, lang)
            if record is not None and not record.get("reviewed"):
                found.add(record.get("origin"))
    return found


def unreviewed_counts(objects, lang):
    """How many fields of ``objects`` with text in ``lang`` have a provenance record that is not reviewed."""
    count = 0
    for obj in objects:
        for field in translated_field_names(obj):
            if is_blank(getattr(obj, f"{field}_{lang}", None)):
                continue
            record = origin_record(obj, field, lang)
            if record is not None and not record.get("reviewed"):
                count += 1
    return count


def team_origins(texts):
    """A ``translation_origin`` value for content the Hub team wrote in code (``{field: {lang: text}}``): every
    non-English text made by the team, not yet reviewed."""
    origins = {}
    for field, by_language in texts.items():
        for code, text in by_language.items():
            if code != default_language() and not is_blank(text):
                origins.setdefault(code, {})[field] = {"origin": ORIGIN_TEAM, "reviewed": False}
    return origins
