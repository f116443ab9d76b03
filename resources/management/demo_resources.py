"""The demo resources file (resources/data/resources.yaml): checked whole, every problem located, then written as
published resource pages under the resource index in one transaction. A second load changes nothing."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language_info

from core.datafile import manifest
from core.datafile.changes import CREATED, UNCHANGED, UPDATED, compare
from core.datafile.problems import ManifestMismatch, RemovalsRefused
from framework.importer import (
    Checker,
    DataFileError,
    ImportContext,
    ImportReport,
    Problem,
    SectionResult,
    at,
    describe,
    parse_yaml,
)
from framework.models import EngagementLevel, Skill
from hub.models import HomePage

from ..choices import ResourceType
from ..models import ResourceIndexPage, ResourceLanguage, ResourcePage

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "resources.yaml"

REQUIRED_KEYS = ("slug", "title", "summary", "url", "type", "last_reviewed")
OPTIONAL_KEYS = (
    "url_es",
    "available_languages",
    "levels",
    "skills",
    "tags",
    "estimated_time",
    "audience",
    "owner",
    "source",
    "verification_notes",
    "es_title_is_ours",
    "en_title_is_ours",
)

# BCP 47 as the file uses it: a language, then optional script/region parts (pt-BR, zh-Hans).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# Names of the languages guides come in, each in itself; Django knows most others.
LANGUAGE_NAMES = {
    "ar": "العربية",
    "ca": "català",
    "de": "Deutsch",
    "el": "Ελληνικά",
    "en": "English",
    "es": "español",
    "eu": "euskara",
    "fa": "فارسی",
    "fr": "français",
    "gl": "galego",
    "it": "italiano",
    "ja": "日本語",
    "mk": "македонски",
    "ne": "नेपाली",
    "pt": "português",
    "pt-BR": "português do Brasil",
    "ru": "русский",
    "tl": "Tagalog",
    "uk": "українська",
    "zh": "中文",
}

INDEX_CONTENT = {
    "title": {"en": "Resources", "es": "Recursos"},
    "intro": {
        "en": "<p>Guides, courses and toolkits written across the Wikimedia movement, checked by curators and "
        "linked to the engagement levels and skills they help with.</p>",
        "es": "<p>Guías, cursos y herramientas escritos en todo el movimiento Wikimedia, revisados por "
        "personas curadoras y enlazados con los niveles de participación y las habilidades que trabajan.</p>",
    },
}


@dataclass
class Entry:
    """One resource of the file, checked and ready to store."""

    slug: str
    path: str
    values: dict
    levels: list[str]
    skills: list[str]
    languages: list[str]
    tags: list[str]

    def links(self):
        """The keys of what the page links to, as the change log compares them."""
        return {"levels": self.levels, "skills": self.skills, "languages": self.languages, "tags": self.tags}


# --- Checking ----------------------------------------------------------------------------------


def _date(checker, value, path):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            checker.error(path, f"{value!r} is not a date (YYYY-MM-DD)")
            return None
    if not isinstance(value, datetime.date):
        checker.error(path, f"expected a date (YYYY-MM-DD), got {describe(value)}")
        return None
    if value > timezone.localdate():
        checker.error(path, f"{value.isoformat()} is in the future")
        return None
    return value


def _text_list(checker, value, path, label, *, pattern=None, max_length=100):
    if not isinstance(value, list):
        checker.error(path, f"expected a list of {label}s, e.g. [a, b], got {describe(value)}")
        return None
    items, ok = [], True
    for index, item in enumerate(value):
        item_path = at(path, index)
        if checker.text(item, item_path, required=True, max_length=max_length) is None:
            ok = False
        elif pattern is not None and not pattern.match(item):
            checker.error(item_path, f"{item!r} is not a {label}")
            ok = False
        elif item in items:
            checker.error(item_path, f"{label} {item!r} is listed twice")
            ok = False
        else:
            items.append(item)
    return items if ok else None


def _translated_columns(name, texts, languages):
    return {f"{name}_{code}": (texts or {}).get(code, "") for code in languages}


def _curator_notes(item):
    notes = []
    if item.get("source"):
        notes.append(f"Source: {item['source'].strip()}")
    if item.get("verification_notes"):
        notes.append(f"Verification: {item['verification_notes'].strip()}")
    if item.get("en_title_is_ours"):
        notes.append("The English title is our translation.")
    if item.get("es_title_is_ours"):
        notes.append("The Spanish title is our translation.")
    return "\n\n".join(notes)


def check_entry(checker, item, path, languages):
    """Check one resource; returns an :class:`Entry`, or None when anything is wrong (problems are recorded)."""
    before = len(checker.problems)
    for key in item:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            checker.error(at(path, key), f"unknown key {key!r}")
    for key in REQUIRED_KEYS:
        if key not in item:
            checker.error(path, f"missing required key '{key}'")

    def get(key, check, *args, **kwargs):
        if key not in item:
            return None
        return check(item[key], at(path, key), *args, **kwargs)

    slug = get("slug", checker.slug, max_length=255)
    title = get("title", checker.translated, required=True, max_length=255)
    summary = get("summary", checker.translated, required=True)
    url = get("url", checker.url)
    url_es = get("url_es", checker.url)
    resource_type = get("type", checker.choice, ResourceType, "resource type")
    available = get(
        "available_languages", lambda v, p: _text_list(checker, v, p, "language code", pattern=LANGUAGE_CODE)
    )
    levels = get("levels", checker.references, "levels", "level")
    skills = get("skills", checker.references, "skills", "skill")
    tags = get("tags", lambda v, p: _text_list(checker, v, p, "tag"))
    estimated_time = get("estimated_time", checker.translated, max_length=100)
    audience = get("audience", checker.translated, max_length=255)
    owner = get("owner", checker.text, max_length=255)
    get("source", checker.text)
    get("verification_notes", checker.text)
    get("es_title_is_ours", checker.boolean)
    get("en_title_is_ours", checker.boolean)
    last_reviewed = get("last_reviewed", lambda v, p: _date(checker, v, p))
    if len(checker.problems) > before:
        return None

    values = {
        **_translated_columns("title", title, languages),
        **_translated_columns("summary", summary, languages),
        **_translated_columns("estimated_time", estimated_time, languages),
        **_translated_columns("audience", audience, languages),
        **_translated_columns("external_url", {"en": url, "es": url_es}, languages),
        "resource_type": resource_type,
        "maintainer": owner or "",
        "last_reviewed": last_reviewed,
        "review_by": None,
        "curator_notes": _curator_notes(item),
    }
    return Entry(slug, path, values, levels or [], skills or [], available or [], tags or [])


def validate_document(document):
    """Check the whole document; returns ``(entries, problems)``."""
    context = ImportContext({})
    context.declare("levels", EngagementLevel.objects.values_list("slug", flat=True))
    context.declare("skills", Skill.objects.values_list("slug", flat=True))
    checker = Checker(context)
    if not isinstance(document, dict):
        checker.error("", f"the top level must be a mapping with a 'resources' list, got {describe(document)}")
        return [], checker.problems
    for key in document:
        if key != "resources":
            checker.error(str(key), "unknown section (expected only 'resources')")
    if "resources" not in document:
        checker.error("", "missing the 'resources' list")
        return [], checker.problems
    items = checker.entries(document["resources"], "resources") or []
    languages = tuple(settings.MODELTRANSLATION_LANGUAGES)
    entries, first_seen = [], {}
    for _index, path, item in items:
        entry = check_entry(checker, item, path, languages)
        slug = item.get("slug")
        if isinstance(slug, str):
            if slug in first_seen:
                checker.error(at(path, "slug"), f"{slug!r} is already used by {first_seen[slug]}")
            else:
                first_seen[slug] = path
        if entry is not None:
            entries.append(entry)
    return entries, checker.problems


# --- Writing -----------------------------------------------------------------------------------


def resource_language(code, cache):
    """The ResourceLanguage for ``code``, created with the language's own name when new."""
    if code not in cache:
        try:
            name = LANGUAGE_NAMES.get(code) or get_language_info(code)["name_local"]
        except KeyError:
            name = code
        cache[code], _created = ResourceLanguage.objects.get_or_create(code=code, defaults={"name": name})
    return cache[code]


def ensure_index():
    """The resource index page, created (published, under the home page) when missing; ``(page, created)``."""
    index = ResourceIndexPage.objects.first()
    if index is not None:
        return index, False
    home = HomePage.objects.first()
    if home is None:
        raise DataFileError([Problem("", "there is no home page yet: run `manage.py setup_site` first")])
    values = {"slug": "resources", "title": INDEX_CONTENT["title"]["en"], "intro": INDEX_CONTENT["intro"]["en"]}
    for name, texts in INDEX_CONTENT.items():
        values.update({f"{name}_{code}": text for code, text in texts.items()})
    index = ResourceIndexPage(live=False, **values)
    home.add_child(instance=index)
    index.save_revision().publish()
    index.grant_curators()
    return index, True


# The page's translated fields, as the change log groups them (``title.es``).
TRANSLATED = ("title", "summary", "estimated_time", "audience", "external_url")


def snapshot(values, links, languages):
    """A resource as the change log compares it: translated columns grouped by field, links as sorted keys."""
    item = {}
    for attr, value in values.items():
        name, _sep, code = attr.rpartition("_")
        if name in TRANSLATED and code in languages:
            item.setdefault(name, {})[code] = value
        else:
            item[attr] = value
    item.update({name: sorted(keys) for name, keys in links.items()})
    return item


def page_links(page):
    """The keys of what a stored page links to (prefetched)."""
    return {
        "levels": [level.slug for level in page.levels.all()],
        "skills": [skill.slug for skill in page.skills.all()],
        "languages": [language.code for language in page.languages.all()],
        "tags": [tag.name for tag in page.tags.all()],
    }


def write_page(index, page, entry, links):
    """Create or update one resource page, and publish a new revision of it."""
    if page is None:
        page = ResourcePage(slug=entry.slug, live=False, **entry.values)
    else:
        for attr, value in entry.values.items():
            setattr(page, attr, value)
    for name, objs in links.items():
        getattr(page, name).set(objs)
    page.tags.set(entry.tags)
    if page.pk is None:
        index.add_child(instance=page)
    page.save_revision().publish()


def load_document(document, *, dry_run=False, allow_removals=False):
    """Check the manifest (when there is one) and validate ``document`` whole, then create or update its resources
    in one transaction (rolled back in a dry run). Raises :class:`DataFileError` listing every problem, or
    :class:`RemovalsRefused` listing every value a page would lose, having written nothing."""
    document, mismatches = manifest.verify(document)
    if mismatches:
        raise ManifestMismatch(mismatches)
    entries, problems = validate_document(document)
    if problems:
        raise DataFileError(problems)
    languages = tuple(settings.MODELTRANSLATION_LANGUAGES)
    report = ImportReport(dry_run=dry_run, done="Load complete.")
    result = report.results["resources"] = SectionResult()
    # English active, so that the untranslated base columns hold English.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        index, index_created = ensure_index()
        if index_created:
            report.notices.append(f"Resource index page {'would be ' if dry_run else ''}created.")
        existing = {
            page.slug: page
            for page in ResourcePage.objects.child_of(index).prefetch_related(
                "levels", "skills", "languages", "tagged_items__tag"
            )
        }
        # Compare every page first: a load that would remove anything writes no page at all.
        plan = []
        for entry in entries:
            page = existing.get(entry.slug)
            after = snapshot(entry.values, entry.links(), languages)
            if page is None:
                status, before = CREATED, None
            else:
                before = snapshot({attr: getattr(page, attr) for attr in entry.values}, page_links(page), languages)
                status = UPDATED if compare(before, after)[0] else UNCHANGED
            report.changes.record(entry.path, f"resource {entry.slug!r}", status, before, after)
            result.count(status)
            plan.append((page, entry, status))
        if report.changes.removals and not allow_removals:
            raise RemovalsRefused(report.changes.removals, report=report)
        levels = {level.slug: level for level in EngagementLevel.objects.all()}
        skills = {skill.slug: skill for skill in Skill.objects.all()}
        language_cache = {language.code: language for language in ResourceLanguage.objects.all()}
        for page, entry, status in plan:
            if status == UNCHANGED:
                continue
            links = {
                "levels": [levels[slug] for slug in entry.levels],
                "skills": [skills[slug] for slug in entry.skills],
                "languages": [resource_language(code, language_cache) for code in entry.languages],
            }
            write_page(index, page, entry, links)
        if dry_run:
            transaction.set_rollback(True)
    return report


def load_file(path=DEFAULT_PATH, *, dry_run=False, allow_removals=False):
    """Read, validate and load the resources file at ``path`` (see :func:`load_document`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem(str(path), "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise DataFileError([Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    document, problems = parse_yaml(text)
    if problems:
        raise DataFileError(problems)
    return load_document(document, dry_run=dry_run, allow_removals=allow_removals)
