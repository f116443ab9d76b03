"""The PO exchange of the whole site's content (or of one object): the units of every kind of translated content
(``hub.translated_content``), the export, and the import that writes a checked plan in one transaction."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from core.i18n import ORIGIN_ATTR, ORIGIN_COMMUNITY, default_language, is_blank
from core.po import (
    CONTEXT_SEPARATOR,
    Plan,
    Unit,
    _is_outdated,
    catalogue,
    context,
    model_units,
    plan_import,
    read_catalogue,
    stream_fields,
    target_language,
    text_fields,
)
from core.po_stream import stream_parts, write_part
from core.translations import mark_translated
from hub.translated_content import MappingTexts, content_types

ABOUT_LABEL = "framework.FrameworkInfo"


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _public_url(obj, lang):
    """Where a reader of ``lang`` sees ``obj`` (its own page, or the page that shows it), as a full address."""
    with translation.override(lang):
        if isinstance(obj, Page):
            url = obj.get_url()
            return _absolute(url) if url and url.startswith("/") else (url or "")
        if hasattr(obj, "role"):
            return _absolute(obj.role.get_absolute_url())
        if hasattr(obj, "get_absolute_url"):
            return _absolute(obj.get_absolute_url())
        return _absolute(reverse("framework:about"))


def _mapping_units(texts, key, lang, noun):
    """The units of a context section: one per ``{en: …}`` mapping, named by its path in the section."""
    base = default_language()
    units = []
    url = _public_url(texts, lang)
    for name in texts.translated_fields:
        source = getattr(texts, f"{name}_{base}")
        if is_blank(source):
            continue
        path = ".".join(str(step) for step in texts.paths[name])
        units.append(
            Unit(
                context=context(ABOUT_LABEL, key, path),
                source=source,
                translation=getattr(texts, f"{name}_{lang}") or "",
                target=texts,
                field=name,
                comments=[f"About page, section “{key}”, at {path or 'its top'}.", f"Shown at {url}"],
                fuzzy=_is_outdated(texts.owner, path, lang),
                label=f"about section “{key}”",
            )
        )
    return units


@dataclass
class Selection:
    """The units offered for one language, and every known object's translatable fields (to name problems)."""

    units: list
    translatable: dict
    scope: str


def select(lang, only=None):
    """The units of ``lang`` for every kind of content, or for the one object ``only`` (``model:key``,
    for example ``resources.ResourcePage:first-edit``); LookupError when ``only`` names nothing."""
    units = []
    translatable = {}
    for kind in content_types():
        if kind.key is None:
            continue
        for obj in kind.objects:
            key = kind.key(obj)
            if isinstance(obj, MappingTexts):
                prefix = f"{ABOUT_LABEL}{CONTEXT_SEPARATOR}{key}"
                fields = {".".join(str(step) for step in obj.paths[name]) for name in obj.translated_fields}
                make = _mapping_units
            else:
                prefix = f"{obj._meta.label}{CONTEXT_SEPARATOR}{key}"
                fields = set(text_fields(obj)) | set(_part_names(obj))
                make = _object_units
            translatable[prefix] = fields
            if only is None or only == prefix:
                units.extend(make(obj, key, lang, kind.noun))
    if only is not None and only not in translatable:
        raise LookupError(
            f"{only!r} names nothing that is translated (expected model:key, e.g. roles: "
            "pathways.Role:<slug>, resources: resources.ResourcePage:<slug>)"
        )
    return Selection(units, translatable, "all content" if only is None else only)


def _part_names(obj):
    """Where the texts of ``obj``'s English StreamFields are (``body.<block id>…``), to name a problem."""
    base = default_language()
    return [part for name in stream_fields(obj) for part, *_texts in stream_parts(obj, name, base)]


def _object_units(obj, key, lang, noun):
    return model_units(obj, key, lang, noun=noun, url=_public_url(obj, lang))


def export_catalogue(lang, only=None):
    """The PO file (``polib.POFile``) of ``lang``, for everything or for one object."""
    # The comments name fields in English whatever language a request left active: the same content, the same file.
    with translation.override(default_language()):
        selection = select(lang, only)
    return catalogue(selection.units, lang, scope=selection.scope)


@dataclass
class ImportResult:
    """What an import found and, unless it was a dry run or refused, wrote."""

    plan: object
    written: bool
    pages_published: int = 0
    pages_drafted: int = 0

    @property
    def problems(self):
        return self.plan.problems


def import_catalogue(text, language=None, *, dry_run=False, user=None):
    """Check the PO ``text`` whole and, if nothing is wrong and it is not a dry run, write its translations of
    one language in one transaction. A syntax error raises :class:`core.po.CatalogueError`."""
    po = read_catalogue(text)
    lang, problems = target_language(po, language)
    if problems:
        return ImportResult(Plan(lang, problems=problems), written=False)
    selection = select(lang)
    plan = plan_import(po, selection.units, lang, selection.translatable)
    result = ImportResult(plan, written=False)
    if plan.problems or dry_run or not (plan.changes or plan.confirmed):
        return result
    with transaction.atomic(), translation.override(default_language()):
        _write(plan, lang, user, result)
    result.written = True
    return result


def _write(plan, lang, user, result):
    by_target = {}
    for change in [*plan.changes, *plan.confirmed]:
        by_target.setdefault(id(change.unit.target), (change.unit.target, []))[1].append(change)
    for target, changes in by_target.values():
        if isinstance(target, MappingTexts):
            for change in changes:
                target.mapping(change.unit.field)[lang] = change.after
            target.owner.save(update_fields=["data"])
        elif isinstance(target, Page):
            _write_page(target, changes, lang, user, result)
        else:
            _apply(target, changes, lang)
            target.save()


def _apply(obj, changes, lang):
    """Write the new texts of ``lang`` on ``obj``, each recorded as a community translation not yet reviewed; a
    confirmed text (unchanged) only becomes current for the English as it is now, and keeps who made it."""
    origins = dict(getattr(obj, ORIGIN_ATTR, None) or {})
    records = dict(origins.get(lang) or {})
    for change in changes:
        if change.after == change.before:
            mark_translated(obj, change.unit.field, lang)
            continue
        if change.unit.part:
            write_part(obj, change.unit.part, lang, change.after)
        else:
            setattr(obj, f"{change.unit.field}_{lang}", change.after)
        records[change.unit.field] = {"origin": ORIGIN_COMMUNITY, "reviewed": False}
    origins[lang] = records
    setattr(obj, ORIGIN_ATTR, origins)


def _write_page(page, changes, lang, user, result):
    """Save the page through a new revision, so that its history holds every language; publish it when it was
    live with nothing unpublished. A page with a pending draft gets the translations in that draft only: publishing
    it would publish the editor's unfinished changes too. So does a page that ``user`` (the admin's import) may
    edit but not publish: the import publishes nothing its importer could not publish in the admin."""
    pending = page.has_unpublished_changes
    target = page.get_latest_revision_as_object() if pending else page
    _apply(target, changes, lang)
    revision = target.save_revision(user=user, log_action=True)
    may_publish = user is None or page.permissions_for_user(user).can_publish()
    if page.live and not pending and may_publish:
        revision.publish(user=user)
        result.pages_published += 1
    else:
        result.pages_drafted += 1


def report_lines(result):
    """The import's report, one line each: problems first, then what was (or would be) written."""
    plan = result.plan
    lines = [f"refused: {problem}" for problem in plan.problems]
    verb = "changed" if result.written else "would change"
    for change in plan.changes:
        lines.append(f"{verb}: line {change.line}, {change.unit.context}: {change.before!r} → {change.after!r}")
    confirm = "confirmed" if result.written else "would confirm"
    for change in plan.confirmed:
        lines.append(f"{confirm} (outdated, checked and kept): line {change.line}, {change.unit.context}")
    for unit in plan.fuzzy:
        lines.append(f"skipped (still marked fuzzy): {unit.context}")
    lines.append(
        f"{plan.language or '?'}: {len(plan.changes)} {verb}, {len(plan.confirmed)} confirmed, "
        f"{plan.unchanged} unchanged, "
        f"{plan.untranslated} left untranslated, {len(plan.fuzzy)} fuzzy skipped, {len(plan.problems)} refused"
    )
    if result.pages_published or result.pages_drafted:
        lines.append(f"pages: {result.pages_published} published, {result.pages_drafted} saved as draft only")
    return lines
