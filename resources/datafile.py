"""The demo resources file (resources/data/resources.yaml): checked whole, every problem located, then written as
published resource pages under the resource index in one transaction. A second load changes nothing, and a load
that would take a value away from a page (a translation, a link, a tag) is refused unless removals are allowed.

The file has two sections, registered with :data:`DEMO_RESOURCES_FILE` from ``ResourcesConfig.ready()``: ``tags``
(each tag's name in every language, with its provenance; written first) and ``resources``; the engine is
``core.datafile``."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import get_language_info
from wagtail.models import Site

from core.datafile.changes import CREATED, UNCHANGED, UPDATED, compare
from core.datafile.checker import Checker
from core.datafile.fields import TranslationOriginField
from core.datafile.problems import DataFileError, Problem, at, describe
from core.datafile.sections import DataFile, SectionResult
from core.i18n import team_origins
from core.translations import refresh_sources, stored_values
from framework.models import EngagementLevel, Skill

from .choices import ResourceType
from .datafile_tags import TAGS, TagsSection, tag_slug  # noqa: F401  (TAGS: registered from ResourcesConfig.ready())
from .models import ResourceIndexPage, ResourceLanguage, ResourcePage, ResourceTag

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "resources.yaml"

DEMO_RESOURCES_FILE = DataFile(
    "demo resources", unknown_sections="error", required_sections=("resources",), done="Load complete."
)
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
    "translated_by",
)

ORIGINS = TranslationOriginField(("title", "summary", "estimated_time", "audience"))

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
    "title": {"en": "Resources", "es": "Recursos", "fr": "Ressources", "ar": "الموارد"},
    "intro": {
        "en": "<p>Guides, courses and toolkits written across the Wikimedia movement, checked by curators and "
        "linked to the engagement levels and skills they help with.</p>",
        "es": "<p>Guías, cursos y herramientas escritos en todo el movimiento Wikimedia, revisados por "
        "personas curadoras y enlazados con los niveles de participación y las habilidades que trabajan.</p>",
        "fr": "<p>Des guides, des cours et des boîtes à outils écrits dans tout le mouvement Wikimédia, vérifiés par "
        "des curateur·rices et reliés aux niveaux d'engagement et aux compétences qu'ils aident à développer.</p>",
        "ar": "<p>أدلة ودورات وحقائب أدوات كُتبت في أنحاء حركة ويكيميديا، يراجعها القيّمون ويربطونها بمستويات "
        "المشاركة والمهارات التي تساعد على تنميتها.</p>",
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
        """The keys of what the page links to, as the change log compares them (tags by slug)."""
        tags = [tag_slug(tag) for tag in self.tags]
        return {"levels": self.levels, "skills": self.skills, "languages": self.languages, "tags": tags}


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


def _tags(checker, value, path, known):
    """A resource's tags: any names when ``known`` is None (a file without a ``tags`` section: new tags are made
    from them), otherwise slugs of the file's tags or of tags in the database."""
    tags = _text_list(checker, value, path, "tag")
    if tags is None or known is None:
        return tags
    ok = True
    for index, key in enumerate(tags):
        if key not in known:
            checker.error(at(path, index), f"unknown tag {key!r} (list it under 'tags' first, with its translations)")
            ok = False
    return tags if ok else None


def check_entry(checker, item, path, languages, known_tags=None):
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
    tags = get("tags", lambda v, p: _tags(checker, v, p, known_tags))
    estimated_time = get("estimated_time", checker.translated, max_length=100)
    audience = get("audience", checker.translated, max_length=255)
    owner = get("owner", checker.text, max_length=255)
    get("source", checker.text)
    get("verification_notes", checker.text)
    get("es_title_is_ours", checker.boolean)
    get("en_title_is_ours", checker.boolean)
    last_reviewed = get("last_reviewed", lambda v, p: _date(checker, v, p))
    origins = ORIGINS.check(checker, item, path)
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
        **ORIGINS.values(origins, checker),  # reads the site's languages from the checker
    }
    return Entry(slug, path, values, levels or [], skills or [], available or [], tags or [])


def check_entries(checker, data, languages):
    """Check the ``resources`` list; returns the :class:`Entry` of each resource without problems."""
    entries, first_seen = [], {}
    known_tags = None
    if checker.context is not None and "tags" in checker.context.document:
        declared = checker.context.keys("tags")
        # None: the tags section could not be read, and its problems are reported already.
        known_tags = None if declared is None else set(declared) | set(TagsSection.existing_keys())
    for _index, path, item in checker.entries(data, "resources") or []:
        entry = check_entry(checker, item, path, languages, known_tags)
        slug = item.get("slug")
        if isinstance(slug, str):
            if slug in first_seen:
                checker.error(at(path, "slug"), f"{slug!r} is already used by {first_seen[slug]}")
            else:
                first_seen[slug] = path
        if entry is not None:
            entries.append(entry)
    return entries


def validate_document(document):
    """Check a whole parsed file (without a manifest); returns ``(entries, problems)``."""
    context = DEMO_RESOURCES_FILE.context(document)
    problems, _notices = DEMO_RESOURCES_FILE.validate_document(document, context)
    return context.cleaned.get("resources", []), problems


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


def site_root():
    """The default site's root page (the Hub's home page), where the resource index belongs; raises
    :class:`DataFileError` when the site is not set up yet."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site is not None else None
    if root is None or not ResourceIndexPage.can_create_at(root):
        raise DataFileError([Problem("", "there is no home page yet: run `manage.py setup_site` first")])
    return root


def ensure_index():
    """The resource index page, created (published, under the site's home page) when missing; ``(page,
    created)``."""
    index = ResourceIndexPage.objects.first()
    if index is not None:
        return index, False
    home = site_root()
    values = {"slug": "resources", "title": INDEX_CONTENT["title"]["en"], "intro": INDEX_CONTENT["intro"]["en"]}
    for name, texts in INDEX_CONTENT.items():
        values.update({f"{name}_{code}": text for code, text in texts.items()})
    index = ResourceIndexPage(live=False, translation_origin=team_origins(INDEX_CONTENT), **values)
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
        "tags": [tag.slug for tag in page.tags.all()],
    }


def resource_tags(keys, cache):
    """The ResourceTag rows a resource's tag keys name, by slug, else by name; a tag in neither is created from
    its name (a file without a ``tags`` section), its label in English only."""
    found = []
    for key in keys:
        slug = tag_slug(key)
        tag = cache.get(slug) or cache.get(key) or next((t for t in cache.values() if t.name == key), None)
        if tag is None:
            tag = ResourceTag.objects.create(name=key, slug=slug)
        cache[tag.slug] = tag
        found.append(tag)
    return found


def write_page(index, page, entry, links):
    """Create or update one resource page, and publish a new revision of it."""
    if page is None:
        page = ResourcePage(slug=entry.slug, live=False, **entry.values)
    else:
        before = stored_values(page)
        for attr, value in entry.values.items():
            setattr(page, attr, value)
        # Before the revision is made, so that the revision (which the edit form opens) carries them too.
        refresh_sources(page, before)
    for name, objs in links.items():
        getattr(page, name).set(objs)
    if page.pk is None:
        index.add_child(instance=page)
    page.save_revision().publish()


class DemoResourcesSection:
    """The ``resources`` list: one published page per entry under the resource index, matched by slug."""

    name = "resources"
    order = 10
    comment = ""
    export = None
    existing_keys = None

    def validate(self, data, context):
        """Every problem of every entry; the levels and skills they name must be in the database."""
        context.declare("levels", EngagementLevel.objects.values_list("slug", flat=True))
        context.declare("skills", Skill.objects.values_list("slug", flat=True))
        checker = Checker(context)
        context.cleaned[self.name] = check_entries(checker, data, context.languages)
        return checker.problems

    def write(self, data, context):
        """Compare every page first, noting changes and removals; then, unless the load is refused, write the
        pages that change (a new published revision each)."""
        result = SectionResult()
        index, index_created = ensure_index()
        if index_created:
            context.report.notices.append(f"Resource index page {'would be ' if context.dry_run else ''}created.")
        existing = {
            page.slug: page
            for page in ResourcePage.objects.child_of(index).prefetch_related(
                "levels", "skills", "languages", "tagged_items__tag"
            )
        }
        plan = []
        for entry in context.cleaned[self.name]:
            page = existing.get(entry.slug)
            after = snapshot(entry.values, entry.links(), context.languages)
            if page is None:
                status, before = CREATED, None
            else:
                values = {attr: getattr(page, attr) for attr in entry.values}
                before = snapshot(values, page_links(page), context.languages)
                status = UPDATED if compare(before, after)[0] else UNCHANGED
            context.changes.record(entry.path, f"resource {entry.slug!r}", status, before, after)
            result.count(status)
            plan.append((page, entry, status))
        if context.refused:
            return result
        levels = {level.slug: level for level in EngagementLevel.objects.all()}
        skills = {skill.slug: skill for skill in Skill.objects.all()}
        language_cache = {language.code: language for language in ResourceLanguage.objects.all()}
        tag_cache = {tag.slug: tag for tag in ResourceTag.objects.all()}
        for page, entry, status in plan:
            if status == UNCHANGED:
                continue
            links = {
                "levels": [levels[slug] for slug in entry.levels],
                "skills": [skills[slug] for slug in entry.skills],
                "languages": [resource_language(code, language_cache) for code in entry.languages],
                "tags": resource_tags(entry.tags, tag_cache),
            }
            write_page(index, page, entry, links)
        return result


DEMO_RESOURCES = DemoResourcesSection()
