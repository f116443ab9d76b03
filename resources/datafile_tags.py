"""The ``tags`` section of the demo resources file (resources/data/resources.yaml): each tag's name in every
language with its provenance, checked whole and written before the ``resources`` section (resources/datafile.py)
that uses the tags. A module of its own so that each section stays readable."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from core.datafile.checker import Checker
from core.datafile.fields import TranslationOriginField, compact_origins
from core.datafile.modelsection import sync_object
from core.datafile.problems import at
from core.datafile.sections import SectionResult

from .models import ResourceTag


def tag_slug(key):
    """The slug a resource's tag key names: the key itself (the file's keys are slugs), or the slug taggit would
    make of a name (a file without a ``tags`` section may give names)."""
    return slugify(key, allow_unicode=True) or key


# --- Tags ----------------------------------------------------------------------------------------

TAG_KEYS = ("slug", "name", "translated_by")
TAG_ORIGINS = TranslationOriginField(("name",))
# The tag's name in the file is its label on the site (``name`` stays what the admin and taggit match on: English).
TAG_NAME_LENGTH = ResourceTag._meta.get_field("name").max_length


@dataclass
class TagEntry:
    """One tag of the file, checked: its slug, its name per language and who translated it."""

    slug: str
    path: str
    names: dict
    origins: dict


def check_tags(checker, data):
    """Check the ``tags`` list; returns the :class:`TagEntry` of each tag without problems."""
    entries, first_slug, first_name = [], {}, {}
    for _index, path, item in checker.entries(data, "tags") or []:
        before = len(checker.problems)
        for key in item:
            if key not in TAG_KEYS:
                checker.error(at(path, key), f"unknown key {key!r} (expected {', '.join(TAG_KEYS)})")
        for key in ("slug", "name"):
            if key not in item:
                checker.error(path, f"missing required key '{key}'")
        slug = checker.slug(item["slug"], at(path, "slug"), max_length=100) if "slug" in item else None
        names = (
            checker.translated(item["name"], at(path, "name"), required=True, max_length=TAG_NAME_LENGTH)
            if "name" in item
            else None
        )
        origins = TAG_ORIGINS.check(checker, item, path)
        if slug is not None:
            if slug in first_slug:
                checker.error(at(path, "slug"), f"duplicate slug {slug!r} (first at {first_slug[slug]})")
            first_slug.setdefault(slug, path)
        if names and names.get("en"):
            english = names["en"].casefold()
            if english in first_name:
                checker.error(
                    at(at(path, "name"), "en"),
                    f"the English name {names['en']!r} is already used at {first_name[english]}",
                )
            first_name.setdefault(english, path)
        if len(checker.problems) == before:
            entries.append(TagEntry(slug, path, names, origins or {}))
    checker.context.declare("tags", first_slug)
    return entries


def tag_values(entry, languages):
    """The ResourceTag columns of a checked tag: English is its name and its English label."""
    return {
        "slug": entry.slug,
        "name": entry.names["en"],
        **{f"label_{code}": entry.names.get(code, "") for code in languages},
        # Stored under the model's field (``label``), as core.i18n reads it; languages in the site's order.
        "translation_origin": {
            code: {"label": entry.origins[code]["name"]} for code in languages if "name" in entry.origins.get(code, {})
        },
    }


def tag_snapshot(labels, stored_origins, languages):
    """A tag as the change log compares it, in the file's form: its name per language and its ``translated_by``."""
    origins = {code: {"name": records["label"]} for code, records in stored_origins.items() if records.get("label")}
    return {
        "name": {code: labels.get(code) or "" for code in languages},
        "translated_by": compact_origins(origins, languages),
    }


class TagsSection:
    """The ``tags`` list: one ResourceTag per entry, matched by slug, its label written in every language the file
    gives. Tags only in the database (typed by curators in the admin) are left alone."""

    name = "tags"
    order = 5
    comment = ""
    export = None

    @staticmethod
    def existing_keys():
        """The slugs of the tags in the database."""
        return ResourceTag.objects.values_list("slug", flat=True)

    def validate(self, data, context):
        """Every problem of every tag; declares their slugs for the resources' ``tags``."""
        checker = Checker(context)
        entries = check_tags(checker, data)
        # The English name is unique among all tags: one typed in the admin under another slug would clash.
        taken = dict(ResourceTag.objects.values_list("name", "slug"))
        for entry in entries:
            other = taken.get(entry.names["en"])
            if other is not None and other != entry.slug:
                checker.error(
                    at(at(entry.path, "name"), "en"), f"{entry.names['en']!r} is the name of the tag {other!r}"
                )
        context.cleaned[self.name] = entries
        return checker.problems

    def write(self, data, context):
        """Create or update the tags, noting each change (and each translation that would go) first."""
        result = SectionResult()
        existing = {tag.slug: tag for tag in ResourceTag.objects.all()}
        languages = context.languages
        for entry in context.cleaned[self.name]:
            tag = existing.get(entry.slug)
            values = tag_values(entry, languages)
            after = tag_snapshot(entry.names, values["translation_origin"], languages)
            before = None
            if tag is not None:
                labels = {code: getattr(tag, f"label_{code}") for code in languages}
                before = tag_snapshot(labels, tag.translation_origin or {}, languages)
            # Written even when a removal will refuse the load: the import's transaction then rolls it back.
            _tag, status = sync_object(ResourceTag, tag, values)
            context.changes.record(entry.path, f"tag {entry.slug!r}", status, before, after)
            result.count(status)
        result.not_in_file = len(set(existing) - {entry.slug for entry in context.cleaned[self.name]})
        return result


TAGS = TagsSection()
