"""The framework's data file (framework/data/framework.yaml; format in docs/framework-data.md) and its own
sections: sources, levels, skills, behaviors, activities, and the context sections kept whole.

The engine is ``core.datafile``. :data:`FRAMEWORK_FILE` holds the file's registry: the framework registers its
sections from ``FrameworkConfig.ready()``, and another app adds more (the pathways app's ``roles``) from its own
``ready()``, without the framework knowing about it.
"""

from __future__ import annotations

from django.conf import settings

from core.datafile.checker import Checker
from core.datafile.fields import (
    ChoiceField,
    Field,
    IntegerField,
    ReferencesField,
    TextField,
    TranslatedField,
    TranslationOriginField,
    TranslatorNotesField,
)
from core.datafile.modelsection import ModelSection, sync_object
from core.datafile.problems import at, describe
from core.datafile.sections import DataFile, SectionResult

from .choices import PROVENANCE_STRENGTH, Provenance, SkillCategory
from .models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source

EXPORT_HEADER = """\
# Learning and Leadership Development Framework: data file.
# Written by `manage.py export_framework`; `manage.py import_framework` reads it back.
# The format (sections, keys, provenance values, translator notes) is described in docs/framework-data.md.
"""

FRAMEWORK_FILE = DataFile("framework", header=EXPORT_HEADER)


# --- Fields and sections of the framework's own -------------------------------------------------


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

    existing_keys = None

    def __init__(self, name, order, comment=""):
        self.name = name
        self.order = order
        self.comment = comment

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


# --- The sections ------------------------------------------------------------------------------

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
        TranslationOriginField(("name", "description")),
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
            TranslationOriginField(("title", "note")),
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
            TranslationOriginField(("name", "short_description", "description")),
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


def register_sections():
    """Register the framework's sections with the framework data file (from ``FrameworkConfig.ready()``)."""
    for section in FRAMEWORK_SECTIONS:
        # replace: ready() may run twice in one process (tests re-populating the app registry).
        FRAMEWORK_FILE.register(section, replace=True)
