"""List sections backed by a model: each item of the section is a row, matched by its key, checked and stored by
the section's fields, and compared before and after its write so that the change log sees every removal."""

from __future__ import annotations

from dataclasses import dataclass

from .changes import CREATED, UNCHANGED, UPDATED
from .checker import Checker
from .fields import Exporter
from .problems import DataFileError, at
from .sections import SectionResult


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


@dataclass
class Row:
    """One checked item of a list section, ready to write."""

    key: str
    path: str
    position: int
    values: dict
    links: dict


class ModelSection:
    """A list section whose items are rows of ``model``, matched by a key (``slug``; sources: ``id`` → ``key``),
    each key of an item handled by one of ``fields``. It registers as it is (it has a section's attributes)."""

    def __init__(self, name, order, model, fields, *, key="slug", key_attr="slug", key_max_length=80, comment=""):
        self.name = name
        self.order = order
        self.model = model
        self.fields = fields
        self.key = key
        self.key_attr = key_attr
        self.key_max_length = key_max_length
        self.comment = comment

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
