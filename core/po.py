"""Content strings as gettext PO catalogues, for translators who work offline (Poedit, Lokalize, Virtaal).

One entry per translated field of an object that has English text: ``msgctxt`` names the model, the object's
stable key and the field (``resources.ResourcePage:first-edit:summary``), ``msgid`` is the English, ``msgstr``
the translation. Reading a catalogue back checks it whole (:func:`plan_import`) before anything is written; the
apps' writing of the planned changes lives with the content (``hub.po_exchange``).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

import polib
from django.conf import settings
from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from .i18n import default_language, is_blank, translated_field_names
from .po_stream import stream_parts
from .translations import is_outdated

CONTEXT_SEPARATOR = ":"
_TAG = re.compile(r"<[^>]*>")


def _is_outdated(obj, field_name, lang):
    """True when the ``lang`` translation of ``field_name`` was made from an older English text (its fingerprint,
    ``core.translations``): the entry is then exported as ``fuzzy``."""
    return is_outdated(obj, field_name, lang)


def context(model_label, key, field_name):
    """The ``msgctxt`` of one field of one object."""
    return CONTEXT_SEPARATOR.join((model_label, key, field_name))


def split_context(value):
    """``(model_label, key, field)`` from a ``msgctxt``; None when it has not that shape."""
    parts = value.split(CONTEXT_SEPARATOR, 2)
    if len(parts) != 3 or not all(parts):
        return None
    return tuple(parts)


@dataclass
class Unit:
    """One translatable string: where it is, its English, its current translation, what a translator needs."""

    context: str
    source: str
    translation: str
    target: object
    field: str
    comments: list = field(default_factory=list)
    max_length: int | None = None
    fuzzy: bool = False
    #: Rich text (HTML): the translation must keep the English's tags, no more and no fewer.
    rich: bool = False
    #: Shown in reports: the object as a person would name it.
    label: str = ""
    #: For a text inside a StreamField: where (``body.<block id>…``, core/po_stream.py); "" for a whole field.
    part: str = ""


def text_fields(obj):
    """The translated fields of ``obj`` that hold text a translator can write in a PO file (not StreamFields,
    whose blocks have a structure of their own)."""
    names = []
    meta = getattr(obj, "_meta", None)
    for name in translated_field_names(obj):
        if meta is not None:
            try:
                model_field = meta.get_field(name)
            except Exception:  # noqa: S112 - a name that is not a model field is not written through a PO file
                continue
            if isinstance(model_field, StreamField) or not isinstance(model_field, models.CharField | models.TextField):
                continue
        names.append(name)
    return tuple(names)


def stream_fields(obj):
    """The translated StreamFields of ``obj`` (a guide's body), whose texts are exchanged block by block."""
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return ()
    names = []
    for name in translated_field_names(obj):
        try:
            if isinstance(meta.get_field(name), StreamField):
                names.append(name)
        except Exception:  # noqa: S112 - not a model field
            continue
    return tuple(names)


def stream_units(obj, key, lang, *, name, noun, url=""):
    """The units of the texts inside ``obj``'s StreamFields (headings, paragraphs, quotes, steps), one per text,
    named by the blocks' ids."""
    label = f"{obj._meta.app_label}.{obj._meta.object_name}"
    units = []
    for field_name in stream_fields(obj):
        outdated = _is_outdated(obj, field_name, lang)
        verbose = obj._meta.get_field(field_name).verbose_name
        for part, block, source, translation in stream_parts(obj, field_name, lang):
            rich = isinstance(block, blocks.RichTextBlock)
            max_length = getattr(getattr(block, "field", None), "max_length", None)
            heading = f"{noun.capitalize()} “{name}”: {verbose}, {block.label or block.name} ({part})."
            comments = unit_comments([heading], rich, max_length, url)
            units.append(
                Unit(
                    context=context(label, key, part),
                    source=source,
                    translation=translation,
                    target=obj,
                    field=field_name,
                    comments=comments,
                    max_length=max_length,
                    fuzzy=outdated and bool(translation),
                    rich=rich,
                    label=f"{noun} “{name}”",
                    part=part,
                )
            )
    return units


def unit_comments(heading, rich, max_length, url):
    """What a translator reads beside an entry: what it is (``heading``), how to treat rich text, its longest
    length and where readers see it."""
    comments = list(heading)
    if rich:
        comments.append("Rich text (HTML): keep the tags, translate the words between them.")
    if max_length:
        comments.append(f"At most {max_length} characters.")
    if url:
        comments.append(f"Shown at {url}")
    return comments


def model_units(obj, key, lang, *, noun, url=""):
    """The units of ``obj``'s text fields that have English text, for ``lang``."""
    base = default_language()
    label = f"{obj._meta.app_label}.{obj._meta.object_name}"
    name = str(getattr(obj, f"{translated_field_names(obj)[0]}_{base}", "") or key)
    units = []
    for field_name in text_fields(obj):
        source = getattr(obj, f"{field_name}_{base}", None)
        if is_blank(source):
            continue
        model_field = obj._meta.get_field(field_name)
        heading = [f"{noun.capitalize()} “{name}”: {model_field.verbose_name}."]
        if model_field.help_text:
            heading.append(str(model_field.help_text))
        max_length = model_field.max_length
        comments = unit_comments(heading, isinstance(model_field, RichTextField), max_length, url)
        units.append(
            Unit(
                context=context(label, key, field_name),
                source=source,
                translation=getattr(obj, f"{field_name}_{lang}", None) or "",
                target=obj,
                field=field_name,
                comments=comments,
                max_length=max_length,
                fuzzy=_is_outdated(obj, field_name, lang),
                rich=isinstance(model_field, RichTextField),
                label=f"{noun} “{name}”",
            )
        )
    return units + stream_units(obj, key, lang, name=name, noun=noun, url=url)


def catalogue(units, lang, *, scope="all content"):
    """A PO file of ``units`` for ``lang``: no dates in it, so the same content gives the same file."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Movement Learning Hub content",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Hub-Scope": scope,
    }
    for unit in units:
        entry = polib.POEntry(
            msgctxt=unit.context, msgid=unit.source, msgstr=unit.translation, comment="\n".join(unit.comments)
        )
        if unit.fuzzy:
            entry.flags.append("fuzzy")
        po.append(entry)
    return po


class CatalogueError(ValueError):
    """A PO file that cannot be read at all (a syntax error), with its line when polib gives one."""


def read_catalogue(text):
    """Parse ``text`` as a PO file; a syntax error becomes a :class:`CatalogueError` that names its line."""
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError, UnicodeError) as error:
        raise CatalogueError(str(error).replace("po file ", "PO file ").replace(" (line", ", line")) from None
    po.source_lines = text.splitlines()
    return po


def _entry_line(po, entry):
    """The line of the entry's ``msgctxt`` (polib counts from its first comment line), as an editor shows it."""
    lines = getattr(po, "source_lines", None) or []
    number = entry.linenum
    while 0 < number <= len(lines):
        if lines[number - 1].startswith(("msgctxt", "msgid")):
            return number
        number += 1
    return entry.linenum


def catalogue_language(po):
    """The ``Language`` header of ``po``, as a bare code (``ar`` for ``ar_EG``), or ""."""
    return (po.metadata.get("Language") or "").strip().replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class Problem:
    """Why an entry, or the whole file, is refused: where (line, msgctxt) and what is wrong."""

    line: int | None
    context: str
    message: str

    def __str__(self):
        where = f"line {self.line}" if self.line else "header"
        if self.context:
            where += f", {self.context}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Change:
    """A translation the import writes: the unit, the text it replaces, the new text, the entry's line."""

    unit: Unit
    before: str
    after: str
    line: int


@dataclass
class Plan:
    """What importing a catalogue would do, found before anything is written."""

    language: str
    changes: list = field(default_factory=list)
    unchanged: int = 0
    #: Outdated translations (exported fuzzy) that come back unchanged and no longer fuzzy: a translator checked
    #: them against the current English and found them right, so they become current (``Change`` with the same text).
    confirmed: list = field(default_factory=list)
    untranslated: int = 0
    fuzzy: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def target_language(po, asked=None):
    """``(language, problems)``: the language the import writes, from ``asked`` or else the file's header, which
    must agree with it and be a language of the Hub other than English."""
    found = catalogue_language(po)
    problems = []
    if not found:
        problems.append(Problem(None, "", "the file has no Language header; add one (for example “Language: ar”)"))
    elif asked and found != asked:
        problems.append(Problem(None, "", f"the file is for language {found!r}, not {asked!r}"))
    language = asked or found
    if language:
        problems.extend(language_problems(language))
    return language, problems


def language_problems(language):
    """A problem when ``language`` is not one of the Hub's languages other than English (the source)."""
    choices = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != default_language()]
    if language in choices:
        return []
    return [Problem(None, "", f"{language!r} is not a language to translate into: {', '.join(choices)}")]


def plan_import(po, units, language, translatable):
    """Check every entry of ``po`` against the current ``units`` of ``language``; ``translatable`` maps each known
    object (``model:key``) to the names of its translatable fields, to tell an unknown object from a field that
    is not translated. An entry with a problem refuses the whole file; fuzzy and empty entries are left alone; an
    outdated translation that comes back unchanged without its fuzzy mark is confirmed (``plan.confirmed``)."""
    plan = Plan(language)
    by_context = {unit.context: unit for unit in units}
    seen = {}
    for entry in po:
        if entry.obsolete:
            continue
        line = _entry_line(po, entry)
        ctx = entry.msgctxt or ""
        if not ctx:
            plan.problems.append(Problem(line, "", "the entry has no msgctxt: it cannot be matched to a field"))
            continue
        if ctx in seen:
            plan.problems.append(Problem(line, ctx, f"the same msgctxt is already on line {seen[ctx]}"))
            continue
        seen[ctx] = line
        unit = by_context.get(ctx)
        if unit is None:
            plan.problems.append(Problem(line, ctx, _unknown(ctx, translatable)))
            continue
        if entry.msgid != unit.source:
            plan.problems.append(
                Problem(line, ctx, "the English has changed since this file was exported; export the file again")
            )
            continue
        if entry.msgid_plural or entry.msgstr_plural:
            plan.problems.append(Problem(line, ctx, "plural forms are not used for content"))
            continue
        if "fuzzy" in entry.flags:
            plan.fuzzy.append(unit)
            continue
        if is_blank(entry.msgstr):
            plan.untranslated += 1
            continue
        if unit.max_length and len(entry.msgstr) > unit.max_length:
            plan.problems.append(
                Problem(line, ctx, f"the translation has {len(entry.msgstr)} characters, at most {unit.max_length}")
            )
            continue
        if unit.rich and _tags(entry.msgstr) != _tags(unit.source):
            plan.problems.append(
                Problem(
                    line, ctx, "the translation's HTML tags are not the English's: keep the same tags, in any order"
                )
            )
            continue
        if entry.msgstr == unit.translation:
            # A body's texts share one fingerprint: confirming one block does not make the whole body current.
            if unit.fuzzy and not unit.part:
                plan.confirmed.append(Change(unit, unit.translation, entry.msgstr, line))
            else:
                plan.unchanged += 1
            continue
        plan.changes.append(Change(unit, unit.translation, entry.msgstr, line))
    return plan


def _tags(html):
    """The HTML tags of ``html``, counted: rich text is stored as written, so a translation may move the English's
    tags but not add one (a script, another link) or drop one."""
    return Counter(_TAG.findall(html))


def _unknown(ctx, translatable):
    parts = split_context(ctx)
    if parts is None:
        return "not a msgctxt of the Hub (expected model:key:field)"
    model_label, key, field_name = parts
    fields = translatable.get(f"{model_label}{CONTEXT_SEPARATOR}{key}")
    if fields is None:
        return f"no {model_label} with the key {key!r}"
    if field_name not in fields:
        return f"{field_name!r} is not a translatable field of {model_label}"
    return f"{field_name!r} has no English text to translate"
