"""Outdated translations (issue #12): each translation keeps a fingerprint of the English it was made from, so that
a later change of the English shows which translations no longer say what it says.

Stored per object in ``translation_sources`` (``{lang: {field: fingerprint}}``, beside ``translation_origin``):

- ``source_fingerprint(obj, field)``: the fingerprint of the English of ``field`` as it is now;
- ``field_state(obj, field, lang)``: ``complete``, ``outdated`` or ``missing``; ``is_outdated(...)`` the middle one;
- ``mark_translated(obj, field, lang, origin=...)``: record that the text in ``lang`` matches the English now (and,
  with ``origin``, who made it), e.g. after a translator's import; the caller saves the object.

Every save refreshes the fingerprints (``refresh_sources``, on ``pre_save``): a translation whose text changed is
current for the English saved with it; one whose text did not change keeps the fingerprint it had, so an English
change leaves it outdated, unless the editor said the change was minor (``obj.translations_minor_change``) or a
translator confirmed the language (``obj.translations_confirmed``). A translation that has no fingerprint yet
(new, imported from a data file, or older than this feature) is taken as made from the English stored before the
save."""

import hashlib
import json

from django.conf import settings
from django.db.models.signals import pre_save

from core.i18n import default_language, is_blank, translated_field_names

SOURCES_ATTR = "translation_sources"
COMPLETE = "complete"
OUTDATED = "outdated"
MISSING = "missing"
#: Set on an instance before save(): the English change keeps the translations that matched it valid.
MINOR_ATTR = "translations_minor_change"
#: Set on an instance before save(): languages whose translations a translator confirmed as still valid.
CONFIRMED_ATTR = "translations_confirmed"


def _plain(value):
    """A JSON-able form of a field value that only changes when its text does (StreamField block ids dropped)."""
    if hasattr(value, "raw_data"):  # a StreamValue
        value = list(value.raw_data)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value if isinstance(value, int | float | bool) else str(value)


def fingerprint(value):
    """A short, stable hash of a field value (16 hexadecimal characters); blank values all share one."""
    if value is None or isinstance(value, str) and is_blank(value):
        value = ""
    text = json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_KEEPS_SOURCES = {}


def has_sources(model):
    """True for a model (class) that keeps translation fingerprints."""
    if model not in _KEEPS_SOURCES:
        _KEEPS_SOURCES[model] = any(field.name == SOURCES_ATTR for field in model._meta.concrete_fields)
    return _KEEPS_SOURCES[model]


def other_languages():
    """The languages translated from English."""
    return [code for code in settings.MODELTRANSLATION_LANGUAGES if code != default_language()]


def source_fingerprint(obj, field):
    """The fingerprint of the English text of ``field`` on ``obj`` as it is now."""
    return fingerprint(getattr(obj, f"{field}_{default_language()}", None))


def stored_fingerprint(obj, field, lang):
    """The fingerprint of the English that the ``lang`` text of ``field`` was made from, or None."""
    sources = getattr(obj, SOURCES_ATTR, None) or {}
    value = (sources.get(lang) or {}).get(field)
    return value if isinstance(value, str) else None


def field_state(obj, field, lang):
    """``missing`` (no text in ``lang``), ``outdated`` (made from an English that has changed since) or
    ``complete``; English is always complete."""
    if lang == default_language():
        return COMPLETE
    if is_blank(getattr(obj, f"{field}_{lang}", None)):
        return MISSING
    stored = stored_fingerprint(obj, field, lang)
    if stored is not None and stored != source_fingerprint(obj, field):
        return OUTDATED
    return COMPLETE


def is_outdated(obj, field, lang):
    """True when ``field`` has text in ``lang`` made from an English text that has changed since."""
    return field_state(obj, field, lang) == OUTDATED


def mark_translated(obj, field, lang, origin=None, reviewed=False):
    """Record that the ``lang`` text of ``field`` matches the English as it is now; with ``origin`` (``team``,
    ``community``, ``machine-draft``) also who made it (``translation_origin``). Nothing is saved."""
    sources = dict(getattr(obj, SOURCES_ATTR, None) or {})
    sources[lang] = {**(sources.get(lang) or {}), field: source_fingerprint(obj, field)}
    setattr(obj, SOURCES_ATTR, sources)
    if origin is not None:
        origins = dict(getattr(obj, "translation_origin", None) or {})
        origins[lang] = {**(origins.get(lang) or {}), field: {"origin": origin, "reviewed": bool(reviewed)}}
        obj.translation_origin = origins


def translated_values(obj):
    """``{attname: value}`` of every language column of the fields whose state is tracked."""
    return {
        f"{field}_{code}": getattr(obj, f"{field}_{code}", None)
        for field in translated_field_names(obj)
        for code in settings.MODELTRANSLATION_LANGUAGES
    }


def refresh_sources(obj, before=None, *, minor=False, confirmed=()):
    """Bring ``obj.translation_sources`` in step with its texts, ``before`` being the texts it was made from
    (``translated_values`` of the stored object; None for a new one): see the module's docstring."""
    before = before or {}
    base = default_language()
    old = getattr(obj, SOURCES_ATTR, None) or {}
    sources = {}
    for lang in other_languages():
        for field in translated_field_names(obj):
            text = getattr(obj, f"{field}_{lang}", None)
            if is_blank(text):
                continue
            now_english = source_fingerprint(obj, field)
            english_attr = f"{field}_{base}"
            was_english = fingerprint(before[english_attr]) if english_attr in before else now_english
            stored = (old.get(lang) or {}).get(field)
            own_attr = f"{field}_{lang}"
            text_changed = own_attr in before and fingerprint(before[own_attr]) != fingerprint(text)
            if text_changed or lang in confirmed:
                value = now_english
            elif stored is None:
                # Taken as made from the English it was stored with (for a new object: the English saved now).
                value = was_english
            elif minor and stored == was_english:
                value = now_english
            else:
                value = stored
            sources.setdefault(lang, {})[field] = value
    setattr(obj, SOURCES_ATTR, sources)
    return sources


def stored_values(instance):
    """The language columns of ``instance`` as stored, or None when it is not stored yet."""
    if instance.pk is None:
        return None
    names = [name for name in translated_values(instance) if hasattr(instance, name)]
    return type(instance)._base_manager.filter(pk=instance.pk).values(*names).first()


def _before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not has_sources(sender):
        return
    if update_fields is not None and SOURCES_ATTR not in update_fields:
        return
    refresh_sources(
        instance,
        stored_values(instance),
        minor=bool(getattr(instance, MINOR_ATTR, False)),
        confirmed=tuple(getattr(instance, CONFIRMED_ATTR, ()) or ()),
    )


def connect():
    """Refresh the fingerprints on every save of a model that keeps them (from ``CoreConfig.ready``)."""
    pre_save.connect(_before_save, dispatch_uid="core.translations.refresh_sources")
