"""The fields of a list section's items: how a key is checked (``clean``), stored (``values``, ``links``),
written back (``export``) and compared before and after a write (``snapshot``), and the :class:`Exporter` whose
caches they share during one export."""

from __future__ import annotations

import re

from django.conf import settings

from core.i18n import ORIGINS

from .problems import at


class Field:
    """One key of an item in a list section: how it is checked (``clean``), stored (``values``, ``links``)
    and written back (``export``)."""

    def __init__(self, key, attr=None, *, required=False):
        self.key = key
        self.attr = attr or key
        self.required = required

    def claims(self, key):
        """Whether this field reads ``key`` of an item."""
        return key == self.key

    def check(self, checker, item, path):
        """The cleaned value of this field in ``item`` (reporting problems to ``checker``)."""
        if self.key not in item:
            if self.required:
                checker.error(path, f"missing required key '{self.key}'")
            return self.default()
        return self.clean(checker, item[self.key], at(path, self.key))

    def default(self):
        """The value when the key is left out."""
        return None

    def clean(self, checker, value, path):
        """Check a present value and return it cleaned (None when wrong)."""
        return value

    def values(self, cleaned, context):
        """Model attributes to store."""
        return {self.attr: cleaned}

    def links(self, cleaned):
        """Many-to-many links to store: ``{attr: (target model, target key attr, [keys])}``."""
        return {}

    def export(self, obj, exporter):
        """``(key, value)`` pairs to write back for ``obj``."""
        value = getattr(obj, self.attr)
        return [(self.key, value)] if value not in (None, "") else []

    def snapshot(self, obj, exporter):
        """The field's keys and values for ``obj`` as an import compares them before and after a write (see
        ``core.datafile.changes``): what the export writes, in its fullest form."""
        return dict(self.export(obj, exporter))


class TextField(Field):
    """Plain text (``url=True``: an http(s) URL)."""

    def __init__(self, key, attr=None, *, required=False, max_length=None, url=False):
        super().__init__(key, attr, required=required)
        self.max_length = max_length
        self.url = url

    def default(self):
        return ""

    def clean(self, checker, value, path):
        if self.url:
            return checker.url(value, path, max_length=self.max_length or 500)
        return checker.text(value, path, required=self.required, max_length=self.max_length)


class IntegerField(Field):
    """A whole number."""

    def __init__(self, key, attr=None, *, required=False, maximum=None):
        super().__init__(key, attr, required=required)
        self.maximum = maximum

    def clean(self, checker, value, path):
        return checker.integer(value, path, minimum=0, maximum=self.maximum)


class ChoiceField(Field):
    """One of a TextChoices' values."""

    def __init__(self, key, choices, label, attr=None, *, required=False):
        super().__init__(key, attr, required=required)
        self.choices = choices
        self.label = label

    def clean(self, checker, value, path):
        return checker.choice(value, path, self.choices, self.label)


class TranslatedField(Field):
    """A ``{language: text}`` mapping stored in the per-language columns (``name_en``, ``name_es``…).
    ``plain_when_english`` exports plain text when English is the only language (sources' notes)."""

    def __init__(self, key, attr=None, *, required=False, max_length=None, plain_when_english=False):
        super().__init__(key, attr, required=required)
        self.max_length = max_length
        self.plain_when_english = plain_when_english

    def default(self):
        return {}

    def clean(self, checker, value, path):
        return checker.translated(value, path, required=self.required, max_length=self.max_length)

    def values(self, cleaned, context):
        return {f"{self.attr}_{code}": (cleaned or {}).get(code) for code in context.languages}

    def export(self, obj, exporter):
        texts = {}
        for code in exporter.languages:
            text = getattr(obj, f"{self.attr}_{code}")
            if text:
                texts[code] = text
        if not texts:
            return []
        if self.plain_when_english and list(texts) == ["en"]:
            return [(self.key, texts["en"])]
        return [(self.key, texts)]

    def snapshot(self, obj, exporter):
        # Always the mapping, so that a language that goes is named (``note.es``), also where the export
        # writes English alone as plain text.
        return {self.key: {code: getattr(obj, f"{self.attr}_{code}") for code in exporter.languages}}


class ReferencesField(Field):
    """A list of keys of an earlier section, stored as a many-to-many relation and exported in the target's
    own order."""

    def __init__(self, key, *, section, label, target, target_key="slug", attr=None, required=False):
        super().__init__(key, attr, required=required)
        self.section = section
        self.label = label
        self.target = target
        self.target_key = target_key

    def default(self):
        return []

    def clean(self, checker, value, path):
        return checker.references(value, path, self.section, self.label, required=self.required)

    def values(self, cleaned, context):
        return {}

    def links(self, cleaned):
        return {self.attr: (self.target, self.target_key, cleaned or [])}

    def export(self, obj, exporter):
        linked = exporter.ordered(self.target, getattr(obj, self.attr).all())
        return [(self.key, [getattr(target, self.target_key) for target in linked])]


_NOTE_KEY = re.compile(r"^(?P<code>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)_(?P<kind>uncertain|note)$")


class TranslatorNotesField(Field):
    """``<lang>_uncertain: true`` and ``<lang>_note: "…"`` keys, stored in ``translation_notes`` as
    ``{lang: {"uncertain": true, "note": "…"}}``."""

    def __init__(self):
        super().__init__("<lang>_uncertain/<lang>_note", "translation_notes")

    def claims(self, key):
        return isinstance(key, str) and _NOTE_KEY.match(key) is not None

    def check(self, checker, item, path):
        notes = {}
        for key, value in item.items():
            match = self.claims(key) and _NOTE_KEY.match(key)
            if not match:
                continue
            key_path = at(path, key)
            code = checker.language(match["code"], key_path, value="")
            if match["kind"] == "uncertain":
                flag = checker.boolean(value, key_path)
                if code and flag:
                    notes.setdefault(code, {})["uncertain"] = True
            else:
                note = checker.text(value, key_path, required=True)
                if code and note:
                    notes.setdefault(code, {})["note"] = note
        return notes

    def values(self, cleaned, context):
        # Languages in the site's order, so the stored JSON reads the same whoever wrote it.
        return {self.attr: {code: cleaned[code] for code in context.languages if code in cleaned}}

    def export(self, obj, exporter):
        pairs = []
        notes = getattr(obj, self.attr) or {}
        for code in exporter.languages:
            note = notes.get(code) or {}
            if note.get("uncertain"):
                pairs.append((f"{code}_uncertain", True))
            if note.get("note"):
                pairs.append((f"{code}_note", note["note"]))
        return pairs


class TranslationOriginField(Field):
    """``translated_by``: who made each translation and whether it is reviewed, per language, stored in
    ``translation_origin`` as ``{lang: {field: {"origin": …, "reviewed": …}}}`` (see ``core.i18n``).

    Per language, either one record for every translated field that has text in that language, or a mapping of
    field names to records. A record is an origin (``team``, ``community``, ``machine-draft``: not reviewed) or
    ``{origin: team, reviewed: true}``."""

    def __init__(self, fields, key="translated_by", attr="translation_origin"):
        super().__init__(key, attr)
        self.fields = tuple(fields)

    def default(self):
        return {}

    @staticmethod
    def texts(value):
        """The languages with text in a raw translated value (plain text is English)."""
        if isinstance(value, str):
            return {"en"} if value.strip() else set()
        if isinstance(value, dict):
            return {code for code, text in value.items() if isinstance(text, str) and text.strip()}
        return set()

    def check(self, checker, item, path):
        filled = {name: self.texts(item.get(name)) for name in self.fields}
        if self.key not in item:
            return {}
        value, path = item[self.key], at(path, self.key)
        if checker.mapping(value, path) is None:
            return None
        cleaned = {}
        for code, records in value.items():
            code_path = at(path, code)
            if checker.language(code, path, records) is None:
                continue
            if code == "en":
                checker.error(code_path, "English is the source text; it has no translation provenance")
                continue
            fields = [name for name in self.fields if code in filled[name]]
            if not fields:
                checker.error(code_path, f"the item has no text in {code!r} for this provenance to describe")
                continue
            if isinstance(records, dict) and "origin" not in records and "reviewed" not in records:
                per_field = {}
                for name, record in records.items():
                    if name not in self.fields:
                        checker.error(at(code_path, name), f"unknown field (expected one of {', '.join(self.fields)})")
                    elif code not in filled[name]:
                        checker.error(at(code_path, name), f"the item has no {name} text in {code!r}")
                    else:
                        per_field[name] = self.record(checker, record, at(code_path, name))
                if None not in per_field.values():
                    cleaned[code] = per_field
            else:
                record = self.record(checker, records, code_path)
                if record is not None:
                    cleaned[code] = {name: dict(record) for name in fields}
        return cleaned

    @staticmethod
    def record(checker, value, path):
        """``{"origin": …, "reviewed": …}`` from an origin or a ``{origin, reviewed}`` mapping (None when wrong)."""
        if isinstance(value, str):
            value = {"origin": value}
        if not isinstance(value, dict):
            checker.error(path, f"expected an origin ({', '.join(ORIGINS)}) or {{origin: ..., reviewed: ...}}")
            return None
        ok = True
        for key in value:
            if key not in ("origin", "reviewed"):
                checker.error(at(path, key), "unknown key (expected origin, reviewed)")
                ok = False
        origin = value.get("origin")
        if origin not in ORIGINS:
            checker.error(at(path, "origin"), f"unknown origin {origin!r} (expected one of {', '.join(ORIGINS)})")
            ok = False
        reviewed = checker.boolean(value.get("reviewed", False), at(path, "reviewed"))
        if reviewed is None:
            ok = False
        return {"origin": origin, "reviewed": reviewed} if ok else None

    def values(self, cleaned, context):
        # Languages and fields in a fixed order, so the stored JSON reads the same whoever wrote it.
        cleaned = cleaned or {}
        return {
            self.attr: {
                code: {name: cleaned[code][name] for name in self.fields if name in cleaned[code]}
                for code in context.languages
                if code in cleaned
            }
        }

    def export(self, obj, exporter):
        return (
            [(self.key, compact_origins(getattr(obj, self.attr) or {}, exporter.languages))]
            if getattr(obj, self.attr)
            else []
        )


def compact_origins(stored, languages):
    """The data-file form of a stored ``translation_origin``: per language one record when every field shares it
    (an origin alone when unreviewed), else a mapping of fields to records."""

    def short(record):
        return record["origin"] if not record.get("reviewed") else {"origin": record["origin"], "reviewed": True}

    out = {}
    for code in languages:
        records = stored.get(code) or {}
        if not records:
            continue
        distinct = {(record.get("origin"), bool(record.get("reviewed"))) for record in records.values()}
        if len(distinct) == 1:
            out[code] = short(next(iter(records.values())))
        else:
            out[code] = {name: short(record) for name, record in records.items()}
    return out


class Exporter:
    """Per-export caches: the site's languages and each target model's order (for sorting references)."""

    def __init__(self):
        self.languages = tuple(settings.MODELTRANSLATION_LANGUAGES)
        self._ranks = {}

    def rank(self, model):
        """``{pk: place}`` in the model's default ordering (levels by order, the rest by position)."""
        if model not in self._ranks:
            pks = model.objects.order_by(*model._meta.ordering).values_list("pk", flat=True)
            self._ranks[model] = {pk: place for place, pk in enumerate(pks)}
        return self._ranks[model]

    def ordered(self, model, objs):
        """``objs`` (rows of ``model``) in the model's order; rows newer than the cache go last, by key."""
        rank = self.rank(model)
        return sorted(objs, key=lambda obj: (rank.get(obj.pk, len(rank)), obj.pk))
