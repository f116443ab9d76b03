"""Review and priority languages (issue #12, point 4).

- The **Translators** group (created by migration ``pathways.0008_translators_group``) edits and reviews the
  translations: a member of that group and of no other edits only the non-English columns of translated fields
  (``translator_may_edit``); everything else on the form is locked (``is_translator_only``).
- A translator who has checked a language's translations of an object marks them reviewed (``mark_reviewed``):
  ``translation_origin`` then says ``reviewed: true`` for every field with text in that language, and readers no
  longer see them as awaiting review.
- The site's priority languages (``HubSettings.priority_languages``): an object whose model says
  ``checks_priority_languages`` is not published while a field readers see (its ``translated_fields`` with English
  text) is missing in one of them, when the object or the site requires it (``priority_rule_applies``)."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from modeltranslation.translator import NotRegistered, translator

from core.i18n import ORIGIN_ATTR, ORIGIN_TEAM, default_language, is_blank, join_names, translated_field_names

TRANSLATORS_GROUP = "Translators"
#: Fields of the edit forms a translator may change besides the translations (their own notes and boxes).
TRANSLATOR_FORM_FIELDS = frozenset(
    {"translation_notes", "translations_still_valid", "translations_reviewed", "comment_notifications"}
)


def _group_names(user):
    cached = getattr(user, "_hub_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) if user.pk else frozenset()
        user._hub_group_names = cached
    return cached


def is_translator(user):
    """True for an active member of the Translators group."""
    return bool(user and user.is_active and TRANSLATORS_GROUP in _group_names(user))


def is_translator_only(user):
    """True when ``user`` edits as a translator only: in the Translators group and no other, not a superuser."""
    return is_translator(user) and not user.is_superuser and _group_names(user) == {TRANSLATORS_GROUP}


def may_review(user):
    """Who may mark translations reviewed: the Translators and the site's administrators."""
    return bool(user and user.is_active and (user.is_superuser or is_translator(user)))


def translation_columns(model):
    """The names of ``model``'s non-English columns of translated fields (``title_ar``…): what a translator edits."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return set()
    base = default_language()
    return {f"{field}_{code}" for field in fields for code in settings.MODELTRANSLATION_LANGUAGES if code != base}


def mark_reviewed(obj, lang):
    """Record that the ``lang`` translations of ``obj``'s shown fields were reviewed: every field with text in
    ``lang`` gets ``reviewed: true`` (a text with no record yet was written in the admin, by the team). Returns how
    many fields it marked; nothing is saved."""
    if lang == default_language():
        return 0
    origins = dict(getattr(obj, ORIGIN_ATTR, None) or {})
    records = dict(origins.get(lang) or {})
    marked = 0
    for field in translated_field_names(obj):
        if is_blank(getattr(obj, f"{field}_{lang}", None)):
            continue
        record = records.get(field) if isinstance(records.get(field), dict) else {"origin": ORIGIN_TEAM}
        records[field] = {**record, "reviewed": True}
        marked += 1
    if records:
        origins[lang] = records
    setattr(obj, ORIGIN_ATTR, origins)
    return marked


# --- Priority languages ----------------------------------------------------------------------------------------


def priority_languages():
    """The site's priority languages (codes, in the site's order)."""
    from core.models import HubSettings

    return HubSettings.current().priority_language_codes()


def priority_rule_applies(obj, required=None):
    """True when ``obj`` may be published only complete in the priority languages: its model takes part
    (``checks_priority_languages``) and the object (``require_priority_languages``, or ``required`` as a form says
    it now) or the site requires it."""
    if not getattr(type(obj), "checks_priority_languages", False):
        return False
    if required is None:
        required = getattr(obj, "require_priority_languages", False)
    if required:
        return True
    from core.models import HubSettings

    return HubSettings.current().require_priority_languages


def missing_priority_fields(obj, value=None, languages=None):
    """``{lang: [field, …]}``: the shown fields of ``obj`` with English text and no text in a priority language.
    ``value(attname)`` reads a column (default: the object's attribute; a form passes its cleaned values)."""
    value = value or (lambda name: getattr(obj, name, None))
    languages = priority_languages() if languages is None else languages
    base = default_language()
    fields = [field for field in translated_field_names(obj) if not is_blank(value(f"{field}_{base}"))]
    missing = {}
    for lang in languages:
        gaps = [field for field in fields if is_blank(value(f"{field}_{lang}"))]
        if gaps:
            missing[lang] = gaps
    return missing


def field_label(model, field):
    """The name an editor knows ``field`` by (its verbose name)."""
    try:
        return str(capfirst(model._meta.get_field(field).verbose_name))
    except FieldDoesNotExist:
        return field


def missing_message(model, missing):
    """One sentence per language: "Missing in Arabic: Title, Summary." (in the admin's language)."""
    parts = []
    for lang, fields in missing.items():
        parts.append(
            gettext("Missing in %(language)s: %(fields)s.")
            % {
                "language": get_language_info(lang)["name_translated"],
                "fields": join_names(field_label(model, field) for field in fields),
            }
        )
    return " ".join(parts)


def publish_refusals(pages):
    """``[(page, message)]`` for the pages (specific objects, as they would be published) that the priority-language
    rule holds back."""
    refusals = []
    languages = None
    for page in pages:
        if not priority_rule_applies(page):
            continue
        languages = priority_languages() if languages is None else languages
        missing = missing_priority_fields(page, languages=languages)
        if missing:
            refusals.append((page, missing_message(type(page), missing)))
    return refusals
