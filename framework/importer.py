"""Import and export of the framework's data file (framework/data/framework.yaml; format in docs/framework-data.md).

The file is a mapping of sections. Each top-level key is handled by a registered :class:`Section`: the
framework registers its own at the bottom of this module, and another app registers more from its
``AppConfig.ready()`` without the framework knowing about it. An import checks the whole file first and
reports every problem with its location; only a file without problems is written, in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction
from django.utils import translation

from core.datafile import manifest
from core.datafile.changes import CREATED, UNCHANGED, UPDATED, ChangeLog
from core.datafile.problems import DataFileError, ManifestMismatch, Problem, RemovalsRefused, at, describe

from .choices import PROVENANCE_STRENGTH, Provenance, SkillCategory
from .models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source

EXPORT_HEADER = """\
# Learning and Leadership Development Framework: data file.
# Written by `manage.py export_framework`; `manage.py import_framework` reads it back.
# The format (sections, keys, provenance values, translator notes) is described in docs/framework-data.md.
"""


# --- Results, context ----------------------------------------------------------------------------


@dataclass
class SectionResult:
    """What writing one section did (in a dry run: would do). ``creates`` is false for a section that only ever
    updates (the step links), whose line then leaves "created" out."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0
    creates: bool = True

    def count(self, status):
        """Add one row to the ``created``, ``updated`` or ``unchanged`` count."""
        setattr(self, status, getattr(self, status) + 1)

    def line(self, name, *, dry_run=False):
        """``skills: 0 created, 1 updated, 27 unchanged`` (in a dry run: ``would be created``…)."""
        verb = "would be " if dry_run else ""
        created = f"{self.created} {verb}created, " if self.creates else ""
        return f"{name}: {created}{self.updated} {verb}updated, {self.unchanged} unchanged"


@dataclass
class ImportReport:
    """The outcome of an import: a result per written section, notices (skipped sections), and the change log:
    every item created or updated, and every removal (made only with ``--allow-removals``)."""

    results: dict[str, SectionResult] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    changes: ChangeLog = field(default_factory=ChangeLog)
    dry_run: bool = False
    done: str = "Import complete."

    def removal_lines(self):
        """Each removal the import makes (would make, in a dry run), under a heading; none when there are none."""
        removals = self.changes.removals
        if not removals:
            return []
        count = len(removals)
        verb = "Would remove" if self.dry_run else "Removed"
        heading = f"{verb} {count} value{'s' if count != 1 else ''} (--allow-removals):"
        return [heading, *(f"  {removal}" for removal in removals)]

    def change_lines(self):
        """Each item created or updated, with the keys that change."""
        changes = self.changes.changes
        if not changes:
            return ["No changes."]
        return ["Changes:", *(f"  {change.line(dry_run=self.dry_run)}" for change in changes)]

    def lines(self, *, listing=False):
        """Human-readable lines for the command's output: notices, removals first, the list of changes (always in
        a dry run, else when ``listing``), then the counts per section."""
        lines = [*self.notices, *self.removal_lines()]
        if listing or self.dry_run:
            lines.extend(self.change_lines())
        for name, result in self.results.items():
            lines.append(result.line(name, dry_run=self.dry_run))
            if result.not_in_file:
                lines.append(f"{name}: {result.not_in_file} in the database are not in the file (left as they are)")
        lines.append("Dry run: nothing was written." if self.dry_run else self.done)
        return lines


class ImportContext:
    """Shared by the sections during one import: the languages, the keys each section declares (so a later
    section can check its references to an earlier one), whether this is a dry run, whether removals are
    allowed, and the change log the sections write to."""

    def __init__(self, document=None, *, dry_run=False, allow_removals=False):
        self.document = document if isinstance(document, dict) else {}
        self.dry_run = dry_run
        self.allow_removals = allow_removals
        self.languages = tuple(settings.MODELTRANSLATION_LANGUAGES)
        self.changes = ChangeLog()
        self._keys: dict[str, set[str] | None] = {}

    @property
    def refused(self):
        """True once the sections have found a removal that is not allowed: the import will be refused, and a
        section may skip writing (nothing it writes would be kept)."""
        return bool(self.changes.removals) and not self.allow_removals

    def declare(self, section_name, keys):
        """Record the keys (slugs, ids) that a section's data defines."""
        self._keys[section_name] = set(keys)

    def keys(self, section_name):
        """The keys a reference to ``section_name`` may use: those the file declares when it has that section,
        else those already in the database. None when the file has the section but it could not be read, so
        that references to it are not reported a second time."""
        if section_name not in self._keys:
            section = get_section(section_name)
            if section_name in self.document:
                self._keys[section_name] = None
            elif section is not None and section.existing_keys is not None:
                self._keys[section_name] = set(section.existing_keys())
            else:
                self._keys[section_name] = set()
        return self._keys[section_name]


# --- The section registry ----------------------------------------------------------------------


@dataclass
class Section:
    """A top-level key of the data file: ``validate(data, context)`` returns a list of :class:`Problem` (and
    should ``context.declare()`` its keys), ``write(data, context)`` upserts and returns a
    :class:`SectionResult`, ``export()`` returns the data to write back (None for nothing). Sections run by
    ``order``; ``existing_keys()`` lists the keys in the database, for files that leave the section out."""

    name: str
    order: int
    validate: Callable[[Any, ImportContext], list[Problem]]
    write: Callable[[Any, ImportContext], SectionResult]
    export: Callable[[], Any]
    existing_keys: Callable[[], Iterable[str]] | None = None
    comment: str = ""


_SECTIONS: dict[str, Section] = {}


def register_section(section, *, replace=False):
    """Add a section to the registry (from an ``AppConfig.ready()``); a second section with the same name is
    an error unless ``replace`` is true."""
    if section.name in _SECTIONS and not replace:
        raise ValueError(f"A data file section named {section.name!r} is already registered.")
    _SECTIONS[section.name] = section
    return section


def unregister_section(name):
    """Remove a section from the registry (tests); returns it, or None."""
    return _SECTIONS.pop(name, None)


def get_section(name):
    """The registered section called ``name``, or None."""
    return _SECTIONS.get(name)


def registered_sections():
    """The registered sections, in the order they are validated, written and exported."""
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.name))


# --- Checking values ---------------------------------------------------------------------------


_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


class Checker:
    """Collects located problems while a section checks its data. Each helper returns the checked value, or
    None when it is wrong, so that the caller carries on and finds the next problem too."""

    def __init__(self, context):
        self.context = context
        self.problems: list[Problem] = []

    def error(self, path, message):
        """Record a problem at ``path``."""
        self.problems.append(Problem(path, message))

    def entries(self, data, path):
        """The items of a list section as ``(index, path, mapping)``; None when the section is not a list."""
        if not isinstance(data, list):
            self.error(path, f"expected a list of items, got {describe(data)}")
            return None
        found = []
        for index, item in enumerate(data):
            item_path = at(path, index)
            if isinstance(item, dict):
                found.append((index, item_path, item))
            else:
                self.error(item_path, f"expected a mapping of keys to values, got {describe(item)}")
        return found

    def mapping(self, value, path):
        """``value`` when it is a mapping."""
        if isinstance(value, dict):
            return value
        self.error(path, f"expected a mapping, got {describe(value)}")
        return None

    def text(self, value, path, *, required=False, max_length=None):
        """``value`` when it is text (non-empty when required, at most ``max_length`` characters)."""
        if not isinstance(value, str):
            self.error(path, f"expected text, got {describe(value)}")
            return None
        if required and not value.strip():
            self.error(path, "must not be empty")
            return None
        if max_length and len(value) > max_length:
            self.error(path, f"is {len(value)} characters long; the limit is {max_length}")
            return None
        return value

    def integer(self, value, path, *, minimum=0, maximum=None):
        """``value`` when it is a whole number within the bounds."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"expected a whole number, got {describe(value)}")
            return None
        if value < minimum:
            self.error(path, f"must be {minimum} or more, got {value}")
            return None
        if maximum is not None and value > maximum:
            self.error(path, f"must be {maximum} or less, got {value}")
            return None
        return value

    def boolean(self, value, path):
        """``value`` when it is true or false."""
        if not isinstance(value, bool):
            self.error(path, f"expected true or false, got {describe(value)}")
            return None
        return value

    def slug(self, value, path, *, max_length=80):
        """``value`` when it is a valid slug (letters, digits, hyphens, underscores)."""
        if self.text(value, path, required=True, max_length=max_length) is None:
            return None
        try:
            validate_slug(value)
        except ValidationError:
            self.error(path, f"{value!r} is not a valid slug (use letters, digits, hyphens and underscores)")
            return None
        return value

    def url(self, value, path, *, max_length=500):
        """``value`` when it is an http(s) URL."""
        if self.text(value, path, required=True, max_length=max_length) is None:
            return None
        try:
            _URL_VALIDATOR(value)
        except ValidationError:
            self.error(path, f"{value!r} is not an http(s) URL")
            return None
        return value

    def choice(self, value, path, choices, label):
        """``value`` when it is one of ``choices`` (a TextChoices class or a list of values)."""
        allowed = list(getattr(choices, "values", choices))
        if not isinstance(value, str) or value not in allowed:
            shown = repr(value) if isinstance(value, str) else describe(value)
            self.error(path, f"unknown {label} {shown} (expected one of: {', '.join(allowed)})")
            return None
        return value

    def language(self, code, path, value=None):
        """``code`` when it is one of the site's languages (settings.MODELTRANSLATION_LANGUAGES)."""
        if isinstance(code, str) and code in self.context.languages:
            return code
        message = f"unknown language code {code!r}"
        if value is None:
            # `{en: Diversity, equity and inclusion}` turns the words after the comma into a key
            # without a value: say so, since the YAML itself parses without complaint.
            message += " (a key without text: is there an unquoted comma in the text before it?)"
        self.error(path, message)
        return None

    def translated(self, value, path, *, required=False, max_length=None):
        """A ``{language: text}`` mapping (plain text means English) with known language codes; English is
        needed when ``required``. Returns the mapping without empty texts."""
        if isinstance(value, str):
            value = {"en": value}
        if not isinstance(value, dict):
            self.error(
                path, f"expected a mapping of language codes to text, e.g. {{en: ..., es: ...}}, got {describe(value)}"
            )
            return None
        texts = {}
        ok = True
        for code, text in value.items():
            if self.language(code, path, text) is None:
                ok = False
                continue
            if text is None:
                continue
            if self.text(text, at(path, code), max_length=max_length) is None:
                ok = False
            elif text.strip():
                texts[code] = text
        if required and not texts.get("en"):
            self.error(path, "the English text ('en') is required")
            ok = False
        return texts if ok else None

    def references(self, value, path, section, label, *, required=False):
        """A list of keys of ``section`` (checked against the context), without repeats; at least one when
        ``required``."""
        if not isinstance(value, list):
            self.error(path, f"expected a list of {label} keys, e.g. [a, b], got {describe(value)}")
            return None
        if required and not value:
            self.error(path, f"at least one {label} is required")
            return None
        known = self.context.keys(section)
        seen = set()
        ok = True
        for index, key in enumerate(value):
            key_path = at(path, index)
            if not isinstance(key, str):
                self.error(key_path, f"expected a {label} key, got {describe(key)}")
                ok = False
            elif key in seen:
                self.error(key_path, f"{label} {key!r} is listed twice")
                ok = False
            elif known is not None and key not in known:
                self.error(key_path, f"unknown {label} {key!r}")
                ok = False
            seen.add(key)
        return list(value) if ok else None

    def reference(self, value, path, section, label):
        """One key of ``section``, checked against the context."""
        if not isinstance(value, str):
            self.error(path, f"expected a {label} key, got {describe(value)}")
            return None
        known = self.context.keys(section)
        if known is not None and value not in known:
            self.error(path, f"unknown {label} {value!r}")
            return None
        return value

    def json_value(self, value, path):
        """Report what a JSON column cannot hold (dates, non-text keys)."""
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    self.error(path, f"key {key!r} must be text")
                self.json_value(item, at(path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.json_value(item, at(path, index))
        elif not (value is None or isinstance(value, str | int | float | bool)):
            self.error(path, f"cannot store {describe(value)}")


# --- Writing -----------------------------------------------------------------------------------


def _same(current, new):
    # Empty text is stored as NULL or "" depending on who wrote it (the import, the admin); both mean "none".
    if current in (None, "") and new in (None, ""):
        return True
    return current == new


def sync_object(model, obj, values, m2m=None):
    """Create ``obj`` (when None) or update it so that its fields equal ``values`` and its many-to-many links
    are exactly ``m2m`` (``{attr: [pk, ...]}``). Nothing is written when nothing differs.
    Returns ``(obj, status)``, status being ``"created"``, ``"updated"`` or ``"unchanged"``."""
    m2m = m2m or {}
    if obj is None:
        obj = model(**values)
        obj.save()
        for attr, pks in m2m.items():
            getattr(obj, attr).set(pks)
        return obj, CREATED
    changed = [attr for attr, value in values.items() if not _same(getattr(obj, attr), value)]
    for attr in changed:
        setattr(obj, attr, values[attr])
    if changed:
        # save() fires post_save, which keeps Wagtail's search index in step (modelsearch's signal handler).
        obj.save()
    links_changed = False
    for attr, pks in m2m.items():
        if {linked.pk for linked in getattr(obj, attr).all()} != set(pks):
            getattr(obj, attr).set(pks)
            links_changed = True
    return obj, UPDATED if changed or links_changed else UNCHANGED


# --- Fields of list sections -------------------------------------------------------------------


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


class ProvenanceField(Field):
    """Where an item comes from: one Provenance value, or (``parts`` given: levels) a mapping part → value,
    kept in ``provenance_detail``; the model then derives the overall value."""

    def __init__(self, key="provenance", *, required=True, parts=None):
        super().__init__(key, "provenance", required=required)
        self.parts = parts

    def clean(self, checker, value, path):
        if isinstance(value, dict) and self.parts:
            detail = {}
            for part, part_value in value.items():
                part_path = at(path, part)
                if part not in self.parts:
                    checker.error(part_path, f"unknown part {part!r} (expected one of: {', '.join(self.parts)})")
                    continue
                if checker.choice(part_value, part_path, Provenance, "provenance") is not None:
                    detail[part] = part_value
            if not value:
                checker.error(path, "an empty mapping; give a provenance value or one per part")
            if not value or len(detail) != len(value):
                return None
            # Parts in a fixed order, so the stored JSON (SQLite keeps key order) reads the same whatever the file's.
            return {part: detail[part] for part in self.parts if part in detail}
        if isinstance(value, dict):
            checker.error(path, f"expected a provenance value, got {describe(value)}")
            return None
        return checker.choice(value, path, Provenance, "provenance")

    def values(self, cleaned, context):
        if isinstance(cleaned, dict):
            weakest = min(cleaned.values(), key=lambda value: PROVENANCE_STRENGTH[value])
            return {"provenance": weakest, "provenance_detail": cleaned}
        if self.parts:
            return {"provenance": cleaned, "provenance_detail": {}}
        return {"provenance": cleaned}

    def export(self, obj, exporter):
        detail = getattr(obj, "provenance_detail", None) if self.parts else None
        if detail:
            ordered = {part: detail[part] for part in self.parts if part in detail}
            ordered.update({part: detail[part] for part in sorted(detail) if part not in ordered})
            return [(self.key, ordered)]
        return [(self.key, obj.provenance)]


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


# --- List sections backed by a model -----------------------------------------------------------


@dataclass
class Row:
    """One checked item of a list section, ready to write."""

    key: str
    path: str
    position: int
    values: dict
    links: dict


class ModelSection:
    """A list section whose items are rows of ``model``, matched by a key (``slug``; sources: ``id`` → ``key``).
    Build the registry entry with :meth:`section`."""

    def __init__(self, name, order, model, fields, *, key="slug", key_attr="slug", key_max_length=80, comment=""):
        self.name = name
        self.order = order
        self.model = model
        self.fields = fields
        self.key = key
        self.key_attr = key_attr
        self.key_max_length = key_max_length
        self.comment = comment

    def section(self):
        """The :class:`Section` to register."""
        return Section(
            name=self.name,
            order=self.order,
            validate=self.validate,
            write=self.write,
            export=self.export,
            existing_keys=self.existing_keys,
            comment=self.comment,
        )

    def existing_keys(self):
        """The keys already in the database."""
        return self.model.objects.values_list(self.key_attr, flat=True)

    def clean(self, data, context):
        """Check every item; returns ``(rows, problems)`` and declares the section's keys in the context."""
        checker = Checker(context)
        entries = checker.entries(data, self.name)
        if entries is None:
            return [], checker.problems
        rows = []
        first_seen = {}
        for index, path, item in entries:
            key = None
            if self.key not in item:
                checker.error(path, f"missing required key '{self.key}'")
            else:
                key = checker.slug(item[self.key], at(path, self.key), max_length=self.key_max_length)
            if key is not None and key in first_seen:
                checker.error(at(path, self.key), f"duplicate {self.key} {key!r} (first at {first_seen[key]})")
                key = None
            elif key is not None:
                first_seen[key] = path
            for item_key in item:
                if item_key != self.key and not any(fld.claims(item_key) for fld in self.fields):
                    checker.error(at(path, item_key), "unknown key")
            values = {self.key_attr: key, "position": index}
            links = {}
            for fld in self.fields:
                cleaned = fld.check(checker, item, path)
                values.update(fld.values(cleaned, context))
                links.update(fld.links(cleaned))
            rows.append(Row(key, path, index, values, links))
        self.check_rows(checker, rows)
        context.declare(self.name, first_seen)
        return rows, checker.problems

    def check_rows(self, checker, rows):
        """Checks across items (a subclass hook)."""

    def validate(self, data, context):
        """Every problem in the section's data."""
        return self.clean(data, context)[1]

    def prepare(self, rows, existing):
        """Adjust the database before the rows are written (a subclass hook)."""

    def label(self, key):
        """How messages name an item: ``skill 'communication'``."""
        return f"{self.model._meta.verbose_name} {key!r}"

    def snapshot(self, obj, exporter):
        """The item as the change log compares it (see ``core.datafile.changes``): its exported keys, and its
        place in the section."""
        item = {"position": obj.position}
        for fld in self.fields:
            item.update(fld.snapshot(obj, exporter))
        return item

    def write(self, data, context):
        """Upsert the items by key, in file order, noting each change and removal in ``context.changes``; items
        only in the database are left alone."""
        rows, problems = self.clean(data, context)
        if problems:
            raise DataFileError(problems)
        link_attrs = sorted({attr for fld in self.fields for attr in fld.links([])})
        existing = {getattr(obj, self.key_attr): obj for obj in self.model.objects.prefetch_related(*link_attrs)}
        exporter = Exporter()
        # Before prepare(), which may move rows out of the way.
        before = {row.key: self.snapshot(existing[row.key], exporter) for row in rows if row.key in existing}
        self.prepare(rows, existing)
        targets = {}
        result = SectionResult()
        for row in rows:
            m2m = {}
            for attr, (target, target_key, keys) in row.links.items():
                if (target, target_key) not in targets:
                    targets[target, target_key] = dict(target.objects.values_list(target_key, "pk"))
                pks = targets[target, target_key]
                m2m[attr] = [pks[key] for key in keys]
            obj, status = sync_object(self.model, existing.get(row.key), row.values, m2m)
            after = self.snapshot(obj, exporter) if status == UPDATED else None
            context.changes.record(row.path, self.label(row.key), status, before.get(row.key), after)
            result.count(status)
        result.not_in_file = len(set(existing) - {row.key for row in rows})
        return result

    def export(self):
        """The items in their model's order (levels by order, the rest by position)."""
        link_attrs = sorted({attr for fld in self.fields for attr in fld.links([])})
        objs = list(self.model.objects.prefetch_related(*link_attrs).order_by(*self.model._meta.ordering))
        if not objs:
            return None
        exporter = Exporter()
        items = []
        for obj in objs:
            item = {self.key: getattr(obj, self.key_attr)}
            for fld in self.fields:
                item.update(fld.export(obj, exporter))
            items.append(item)
        return items


class LevelSection(ModelSection):
    """Levels: ``order`` is unique, in the file and against levels left in the database."""

    def check_rows(self, checker, rows):
        """Each order once, and not one held by a level the file does not mention."""
        first_seen = {}
        for row in rows:
            order = row.values.get("order")
            if order is None:
                continue
            if order in first_seen:
                checker.error(at(row.path, "order"), f"order {order} is already used by {first_seen[order]}")
            else:
                first_seen[order] = row.path
        in_file = {row.key for row in rows}
        for slug, order in EngagementLevel.objects.values_list("slug", "order"):
            if slug not in in_file and order in first_seen:
                checker.error(
                    at(first_seen[order], "order"),
                    f"order {order} is held by level {slug!r} in the database, which this file does not list",
                )

    def prepare(self, rows, existing):
        """Park the levels whose order changes on free numbers first, so that swapping two orders does not
        trip the unique constraint half-way."""
        moving = [
            existing[row.key] for row in rows if row.key in existing and existing[row.key].order != row.values["order"]
        ]
        if not moving:
            return
        top = max([level.order for level in existing.values()] + [row.values["order"] for row in rows]) + 1
        for offset, level in enumerate(moving):
            level.order = top + offset
            EngagementLevel.objects.filter(pk=level.pk).update(order=level.order)


# --- Context sections (kept whole) -------------------------------------------------------------


def _context_key_rank(key, languages):
    # Names first, then the texts in the site's language order, then everything else alphabetically: the
    # export must not depend on the key order a database returns (PostgreSQL's jsonb reorders keys).
    leading = ("slug", "id", "key", "name", "title")
    if key in leading:
        return (0, leading.index(key), "")
    if key in languages:
        return (1, languages.index(key), "")
    return (2, 0, str(key))


def canonical(value, languages):
    """``value`` with every mapping's keys in the export's stable order."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: _context_key_rank(key, languages))
        return {key: canonical(value[key], languages) for key in keys}
    if isinstance(value, list):
        return [canonical(item, languages) for item in value]
    return value


class ContextSection:
    """A context section (meta, movement supports, barriers, related taxonomies), stored whole as JSON in a
    FrameworkInfo row and written back as it was, keys in a stable order."""

    def __init__(self, name, order, comment=""):
        self.name = name
        self.order = order
        self.comment = comment

    def section(self):
        """The :class:`Section` to register."""
        return Section(
            name=self.name,
            order=self.order,
            validate=self.validate,
            write=self.write,
            export=self.export,
            comment=self.comment,
        )

    def validate(self, data, context):
        """A mapping that JSON can hold, whose ``sources``/``source`` keys name known sources and whose
        ``provenance`` keys are known values."""
        checker = Checker(context)
        if checker.mapping(data, self.name) is not None:
            checker.json_value(data, self.name)
            self._check_references(checker, data, self.name)
        return checker.problems

    def _check_references(self, checker, value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                item_path = at(path, key)
                if key == "sources":
                    checker.references(item, item_path, "sources", "source")
                elif key == "source":
                    checker.reference(item, item_path, "sources", "source")
                elif key == "provenance" and not isinstance(item, dict | list):
                    checker.choice(item, item_path, Provenance, "provenance")
                else:
                    self._check_references(checker, item, item_path)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._check_references(checker, item, at(path, index))

    def write(self, data, context):
        """Create or update the section's FrameworkInfo row; a key or list entry that goes is a removal."""
        result = SectionResult()
        data = canonical(data, context.languages)
        existing = FrameworkInfo.objects.filter(key=self.name).first()
        before = canonical(existing.data, context.languages) if existing is not None else None
        _obj, status = sync_object(FrameworkInfo, existing, {"key": self.name, "data": data, "position": self.order})
        context.changes.record(self.name, f"section {self.name!r}", status, before, data)
        result.count(status)
        return result

    def export(self):
        """The stored data, or None when the section was never imported."""
        info = FrameworkInfo.objects.filter(key=self.name).first()
        if info is None:
            return None
        return canonical(info.data, tuple(settings.MODELTRANSLATION_LANGUAGES))


# --- Reading, importing, exporting -------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, noting repeated keys in a mapping (PyYAML silently keeps the last one)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated: list[Problem] = []

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                mark = key_node.start_mark
                self.repeated.append(
                    Problem(f"line {mark.line + 1}, column {mark.column + 1}", f"key {key!r} is repeated")
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text):
    """Parse the data file's text; returns ``(document, problems)``, a syntax error located by line."""
    loader = _Loader(text)
    try:
        document = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        detail = f" ({exc.context})" if exc.context else ""
        return None, [Problem(where, f"YAML syntax error: {exc.problem}{detail}")]
    except yaml.YAMLError as exc:
        return None, [Problem("", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    return document, loader.repeated


def validate_document(document, context=None):
    """Check a parsed document with every registered section; returns ``(problems, notices)``. Notices name
    top-level keys that no installed app handles (skipped, not an error)."""
    context = context or ImportContext(document)
    if document is None:
        return [Problem("", "the file is empty")], []
    if not isinstance(document, dict):
        return [Problem("", f"the top level must be a mapping of sections, got {describe(document)}")], []
    problems, notices = [], []
    for key in document:
        if key == manifest.KEY:
            continue
        if not isinstance(key, str):
            problems.append(Problem(str(key), "section names must be text"))
        elif get_section(key) is None:
            notices.append(f"{key}: no installed app imports this section; skipped")
    for section in registered_sections():
        if section.name in document:
            problems.extend(section.validate(document[section.name], context))
    return problems, notices


def import_document(document, *, dry_run=False, allow_removals=False):
    """Check the manifest (when the document has one) and validate ``document`` whole, then write every
    registered section it has in one transaction (rolled back in a dry run). Raises :class:`DataFileError`
    listing every problem, :class:`ManifestMismatch`, or :class:`RemovalsRefused` listing every value the file
    would remove when ``allow_removals`` is false; each having written nothing."""
    document, mismatches = manifest.verify(document)
    if mismatches:
        raise ManifestMismatch(mismatches)
    context = ImportContext(document, dry_run=dry_run, allow_removals=allow_removals)
    problems, notices = validate_document(document, context)
    if problems:
        raise DataFileError(problems)
    report = ImportReport(notices=notices, dry_run=dry_run, changes=context.changes)
    # The default language active, so modeltranslation fills the untranslated base columns with English.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        for section in registered_sections():
            if section.name in document:
                report.results[section.name] = section.write(document[section.name], context)
        if context.refused:
            # Raising inside the transaction rolls back what the sections wrote.
            raise RemovalsRefused(context.changes.removals, report=report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_file(path, *, dry_run=False, allow_removals=False):
    """Read, validate and import the data file at ``path`` (see :func:`import_document`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem(str(path), "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise DataFileError([Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    document, problems = parse_yaml(text)
    if problems:
        raise DataFileError(problems)
    return import_document(document, dry_run=dry_run, allow_removals=allow_removals)


def export_document():
    """The database's content as a document: one entry per registered section that has data."""
    document = {}
    for section in registered_sections():
        data = section.export()
        if data is not None:
            document[section.name] = data
    return document


class _Dumper(yaml.SafeDumper):
    """Block mappings, lists indented under their key, short lists of names on one line, multi-line text as
    literal blocks."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_str(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


def _represent_list(dumper, data):
    # Keys (slugs, ids) fit on one line like `levels: [fundamental, emerging]`; names with spaces read better
    # one per line.
    flow = all(isinstance(item, str) and item and not any(char.isspace() for char in item) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def _dump_section(name, data, comment):
    comment = "".join(f"# {line}\n" for line in comment.splitlines())
    body = yaml.dump(
        {name: data}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=110
    )
    return comment + body


def dump_document(document):
    """The YAML text of a document: its manifest first when it has one, then the sections in registry order,
    each after its comment."""
    parts = [EXPORT_HEADER]
    if manifest.KEY in document:
        parts.append(_dump_section(manifest.KEY, document[manifest.KEY], manifest.COMMENT))
    for section in registered_sections():
        if section.name in document:
            parts.append(_dump_section(section.name, document[section.name], section.comment))
    return "\n".join(parts)


def export_text():
    """The whole export as YAML text (what ``manage.py export_framework`` writes), led by its manifest."""
    return dump_document(manifest.with_manifest(export_document()))


# --- The framework's own sections --------------------------------------------------------------

LANGUAGE_NOTES = TranslatorNotesField()


def _item_fields(*extra, references=()):
    """Name, translator notes, the section's own fields, references, provenance, sources and description:
    the key order of the export."""
    return [
        TranslatedField("name", required=True, max_length=200),
        LANGUAGE_NOTES,
        *extra,
        *references,
        ProvenanceField(),
        ReferencesField("sources", section="sources", label="source", target=Source, target_key="key"),
        TranslatedField("description"),
    ]


def _level_refs():
    return ReferencesField("levels", section="levels", label="level", target=EngagementLevel, required=True)


FRAMEWORK_SECTIONS = [
    ContextSection("meta", 10, comment="About the data set."),
    ModelSection(
        "sources",
        20,
        Source,
        [
            TranslatedField("title", max_length=255, plain_when_english=True),
            TextField("url", required=True, max_length=500, url=True),
            TextField("seen_as", max_length=500, url=True),
            TranslatedField("note", plain_when_english=True),
        ],
        key="id",
        key_attr="key",
        key_max_length=64,
        comment="Public pages and repositories that the items cite (`sources: [id, ...]`).",
    ),
    LevelSection(
        "levels",
        30,
        EngagementLevel,
        [
            IntegerField("order", required=True, maximum=32767),
            TranslatedField("name", required=True, max_length=200),
            LANGUAGE_NOTES,
            ProvenanceField(parts=("name", "order", "short_description", "description")),
            ReferencesField("sources", section="sources", label="source", target=Source, target_key="key"),
            TranslatedField("short_description"),
            TranslatedField("description"),
        ],
        comment="Engagement levels, in order.",
    ),
    ModelSection(
        "skills",
        40,
        Skill,
        _item_fields(ChoiceField("category", SkillCategory, "category", required=True), references=[_level_refs()]),
        comment="Skills, each suggested at one or more levels.",
    ),
    ModelSection("behaviors", 50, Behavior, _item_fields(references=[_level_refs()]), comment="Behaviors."),
    ModelSection(
        "activities",
        60,
        Activity,
        _item_fields(
            references=[
                _level_refs(),
                ReferencesField("skills", section="skills", label="skill", target=Skill),
            ]
        ),
        comment="Activities, with the skills they build.",
    ),
    # 70 is left for the pathways app's roles, which refer to all of the above.
    ContextSection("movement_supports", 80, comment="Movement-level supports (the draft's 'Design for Access')."),
    ContextSection("barriers", 90, comment="Barriers reported by the research."),
    ContextSection("related_taxonomies", 100, comment="Related capacity taxonomies (names only, as published)."),
]

for _section in FRAMEWORK_SECTIONS:
    register_section(_section.section(), replace=True)
