"""The fields of a list section's items: how a key is checked (``clean``), stored (``values``, ``links``),
written back (``export``) and compared before and after a write (``snapshot``), and the :class:`Exporter` whose
caches they share during one export."""

from __future__ import annotations

import re

from django.conf import settings

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
