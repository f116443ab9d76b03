"""Data files made of sections: each top-level key of a file is handled by a registered section, which checks
its data, writes it and exports it. A :class:`DataFile` holds one kind of file's registry (the framework file,
the demo resources, the step links) and runs an import: the manifest first, then every section's checks, then
every section's writes in one transaction, refused as a whole when a section found a problem or a removal that
is not allowed. Apps register their sections from their ``AppConfig.ready()``; nothing here knows any app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from . import manifest, yamlio
from .changes import ChangeLog
from .problems import DataFileError, ManifestMismatch, Problem, RemovalsRefused, describe

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
    """The outcome of an import: a result per written section, notices (skipped sections, pages made on the
    way), and the change log: every item created or updated, and every removal."""

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
    section can check its references to an earlier one), what the sections checked (``cleaned``, for their own
    writes), the command's options, whether this is a dry run and removals are allowed, and the report the
    sections write their changes and notices to."""

    def __init__(self, document=None, *, data_file=None, dry_run=False, allow_removals=False, options=None):
        self.document = document if isinstance(document, dict) else {}
        self.data_file = data_file
        self.dry_run = dry_run
        self.allow_removals = allow_removals
        self.options = options or {}
        self.languages = tuple(settings.MODELTRANSLATION_LANGUAGES)
        self.changes = ChangeLog()
        done = data_file.done if data_file is not None else "Import complete."
        self.report = ImportReport(changes=self.changes, dry_run=dry_run, done=done)
        self.cleaned: dict[str, Any] = {}
        self._keys: dict[str, set[str] | None] = {}

    @property
    def refused(self):
        """True once the sections have found a removal that is not allowed: the import will be refused, and a
        section may skip writing (nothing it writes would be kept)."""
        return bool(self.changes.removals) and not self.allow_removals

    def declare(self, section_name, keys):
        """Record the keys (slugs, ids) that a section's data defines, or that another file's items may use."""
        self._keys[section_name] = set(keys)

    def keys(self, section_name):
        """The keys a reference to ``section_name`` may use: those the file declares when it has that section,
        else those already in the database. None when the file has the section but it could not be read, so
        that references to it are not reported a second time."""
        if section_name not in self._keys:
            section = self.data_file.get(section_name) if self.data_file is not None else None
            if section_name in self.document:
                self._keys[section_name] = None
            elif section is not None and section.existing_keys is not None:
                self._keys[section_name] = set(section.existing_keys())
            else:
                self._keys[section_name] = set()
        return self._keys[section_name]


# --- Sections and data files ---------------------------------------------------------------------


@dataclass
class Section:
    """A top-level key of a data file: ``validate(data, context)`` returns a list of :class:`Problem` (and
    should ``context.declare()`` its keys), ``write(data, context)`` upserts, notes its changes in
    ``context.changes`` and returns a :class:`SectionResult`, ``export()`` returns the data to write back (None
    for nothing). Sections run by ``order``; ``existing_keys()`` lists the keys in the database, for files that
    leave the section out. Any object with these attributes registers as well (``ModelSection`` does)."""

    name: str
    order: int
    validate: Callable[[Any, ImportContext], list[Problem]]
    write: Callable[[Any, ImportContext], SectionResult]
    export: Callable[[], Any] | None = None
    existing_keys: Callable[[], Iterable[str]] | None = None
    comment: str = ""


class DataFile:
    """One kind of data file and its sections.

    ``unknown_sections`` says what a top-level key no section handles is: ``"skip"`` (a notice: the section of an
    app that is not installed) or ``"error"``. ``whole_document`` gives the whole document to the one section
    registered (a file whose top-level keys are data, such as role slugs). ``required_sections`` must be in
    every file. ``carried`` are top-level keys that are not data (a download's ``licence`` and ``attribution``),
    skipped with a notice whatever ``unknown_sections`` says. ``header`` leads the export's text; ``done`` ends
    the command's output."""

    def __init__(
        self,
        name,
        *,
        header="",
        unknown_sections="skip",
        required_sections=(),
        whole_document=False,
        carried=(),
        done="Import complete.",
    ):
        self.name = name
        self.header = header
        self.unknown_sections = unknown_sections
        self.required_sections = tuple(required_sections)
        self.whole_document = whole_document
        self.carried = tuple(carried)
        self.done = done
        self._sections = {}

    # The registry.

    def register(self, section, *, replace=False):
        """Add a section (from an ``AppConfig.ready()``); a second section with the same name is an error unless
        ``replace`` is true (``ready()`` may run twice in one process)."""
        if section.name in self._sections and not replace:
            raise ValueError(f"A {self.name} data file section named {section.name!r} is already registered.")
        self._sections[section.name] = section
        return section

    def unregister(self, name):
        """Remove a section from the registry (tests); returns it, or None."""
        return self._sections.pop(name, None)

    def get(self, name):
        """The registered section called ``name``, or None."""
        return self._sections.get(name)

    def sections(self):
        """The registered sections, in the order they are validated, written and exported."""
        return sorted(self._sections.values(), key=lambda section: (section.order, section.name))

    # Importing.

    def context(self, document=None, **kwargs):
        """A fresh :class:`ImportContext` for ``document`` in this kind of file."""
        return ImportContext(document, data_file=self, **kwargs)

    def _parts(self, document):
        if self.whole_document:
            return [(section, document) for section in self.sections()]
        return [(section, document[section.name]) for section in self.sections() if section.name in document]

    def validate_document(self, document, context=None):
        """Check a parsed document (without its manifest) with every registered section; returns ``(problems,
        notices)``. Notices name top-level keys that no installed app handles, when such keys are skipped."""
        context = context or self.context(document)
        if document is None:
            return [Problem("", "the file is empty")], []
        if not isinstance(document, dict):
            what = "a mapping" if self.whole_document else "a mapping of sections"
            return [Problem("", f"the top level must be {what}, got {describe(document)}")], []
        problems, notices = [], []
        if not self.whole_document:
            expected = ", ".join(f"'{section.name}'" for section in self.sections())
            for key in document:
                if key == manifest.KEY:
                    continue
                if not isinstance(key, str):
                    problems.append(Problem(str(key), "section names must be text"))
                elif key in self.carried and self.get(key) is None:
                    notices.append(f"{key}: carried by the download, not imported; skipped")
                elif self.get(key) is None and self.unknown_sections == "error":
                    problems.append(Problem(key, f"unknown section (expected only {expected})"))
                elif self.get(key) is None:
                    notices.append(f"{key}: no installed app imports this section; skipped")
            problems.extend(
                Problem("", f"missing the '{name}' section") for name in self.required_sections if name not in document
            )
        for section, data in self._parts(document):
            problems.extend(section.validate(data, context))
        return problems, notices

    def import_document(self, document, *, dry_run=False, allow_removals=False, **options):
        """Check the manifest (when the document has one) and validate ``document`` whole, then write every
        registered section it has in one transaction (rolled back in a dry run). Raises
        :class:`DataFileError` listing every problem, :class:`ManifestMismatch`, or :class:`RemovalsRefused`
        listing every value the file would remove when ``allow_removals`` is false; each having written
        nothing. ``options`` reach the sections as ``context.options``."""
        document, mismatches = manifest.verify(document)
        if mismatches:
            raise ManifestMismatch(mismatches)
        context = self.context(document, dry_run=dry_run, allow_removals=allow_removals, options=options)
        report = context.report
        # The default language active: modeltranslation fills the untranslated base columns with English, and
        # translated slugs are looked up in English.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            problems, notices = self.validate_document(document, context)
            if problems:
                raise DataFileError(problems)
            report.notices[:0] = notices
            with transaction.atomic():
                for section, data in self._parts(document):
                    report.results[section.name] = section.write(data, context)
                if context.refused:
                    # Raising inside the transaction rolls back what the sections wrote.
                    raise RemovalsRefused(context.changes.removals, report=report)
                if dry_run:
                    transaction.set_rollback(True)
        return report

    def import_file(self, path, **kwargs):
        """Read, validate and import the data file at ``path`` (see :meth:`import_document`)."""
        return self.import_document(yamlio.read_document(path), **kwargs)

    # Exporting.

    def export_document(self):
        """The database's content as a document: one entry per registered section that has data."""
        document = {}
        for section in self.sections():
            data = section.export() if section.export is not None else None
            if data is not None:
                document[section.name] = data
        return document

    def dump_document(self, document):
        """The YAML text of a document: the header, its manifest first when it has one, then the sections in
        registry order, each after its comment."""
        parts = [self.header] if self.header else []
        if manifest.KEY in document:
            parts.append(yamlio.dump_section(manifest.KEY, document[manifest.KEY], manifest.COMMENT))
        for section in self.sections():
            if section.name in document:
                parts.append(yamlio.dump_section(section.name, document[section.name], section.comment))
        return "\n".join(parts)

    def export_text(self):
        """The whole export as YAML text, led by its manifest."""
        return self.dump_document(manifest.with_manifest(self.export_document()))
