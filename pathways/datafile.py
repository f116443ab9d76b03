"""The framework data file's `roles` section (format in docs/framework-data.md): movement roles and their
suggested steps.

Registered with ``framework.datafile.FRAMEWORK_FILE`` from ``PathwaysConfig.ready()``, so `import_framework` and
`export_framework` handle it with the framework's sections, in the same transaction.
"""

from __future__ import annotations

from django.db.models import Prefetch

from core.datafile.changes import UNCHANGED, UPDATED
from core.datafile.fields import (
    Exporter,
    Field,
    ReferencesField,
    TranslatedField,
    TranslationOriginField,
    TranslatorNotesField,
    compact_origins,
)
from core.datafile.modelsection import ModelSection, sync_object
from core.datafile.problems import DataFileError, at, describe
from core.datafile.sections import SectionResult
from framework.datafile import ProvenanceField
from framework.models import Activity, Behavior, EngagementLevel, Skill, Source

from .choices import RoleIcon
from .models import PathwayStep, Role

# The icon a role shows when the file names none; the export leaves an icon out when it is the default, so
# that a file without `icon:` keys round-trips unchanged.
DEFAULT_ICONS = {
    "content-editor": RoleIcon.EDIT,
    "patroller-administrator": RoleIcon.EYE,
    "mentor": RoleIcon.USER_MENTOR,
    "trainer": RoleIcon.LIGHTBULB,
    "event-organizer": RoleIcon.CALENDAR,
    "partnerships-coordinator": RoleIcon.NETWORK,
    "technical-contributor": RoleIcon.CODE,
    "affiliate-board-member": RoleIcon.FLAG,
    "committee-member": RoleIcon.USER_GROUP,
}

STEP_KEYS = (
    "key",
    "order",
    "level",
    "title",
    "description",
    "estimated_time",
    "first_action",
    "done_sign",
    "skills",
    "behaviors",
    "activities",
    "resources",
    "links",
    "translated_by",
)
# A step's translated texts besides its title, with the longest text each column holds (None: no limit), in the
# order the export writes them.
STEP_TEXTS = {"description": None, "estimated_time": 100, "first_action": None, "done_sign": None}
STEP_ORIGINS = TranslationOriginField(("title", *STEP_TEXTS))
STEP_REFERENCES = (
    ("skills", "skill", Skill),
    ("behaviors", "behavior", Behavior),
    ("activities", "activity", Activity),
)
LINK_KEYS = ("title", "url")


def default_icon(slug):
    """The icon of a role whose data names none."""
    return DEFAULT_ICONS.get(slug, RoleIcon.USER_GROUP)


def resource_pks():
    """``{slug: pk}`` of the resource pages (the first by tree path when two share a slug)."""
    from resources.models import ResourcePage

    pks = {}
    for slug, pk in ResourcePage.objects.order_by("path").values_list("slug", "pk"):
        pks.setdefault(slug, pk)
    return pks


def link_pairs(stream):
    """A stored links StreamField as ``[(title, url), ...]``."""
    return [(child.value["title"], child.value["url"]) for child in stream or []]


def set_links(step, attr, pks):
    """Make a step's many-to-many ``attr`` exactly ``pks``, writing only when it differs; True when it did.
    Goes through the plain manager: modelcluster's would only change the in-memory copy."""
    if {linked.pk for linked in getattr(step, attr).all()} == set(pks):
        return False
    getattr(step, attr).get_original_manager().set(pks)
    return True


# --- Role fields -------------------------------------------------------------------------------


class LevelField(Field):
    """A level slug, resolved to the level's row at write time (the levels section is written just before)."""

    def __init__(self, key):
        super().__init__(key, required=True)

    def clean(self, checker, value, path):
        return checker.reference(value, path, "levels", "level")

    def values(self, cleaned, context):
        return {f"_{self.attr}": cleaned}

    def export(self, obj, exporter):
        return [(self.key, getattr(obj, self.attr).slug)]


class IconField(Field):
    """A RoleIcon value; when absent, the role's default icon (and the export then leaves it out)."""

    def __init__(self):
        super().__init__("icon")

    def check(self, checker, item, path):
        if self.key in item:
            return checker.choice(item[self.key], at(path, self.key), RoleIcon, "icon")
        return default_icon(item.get("slug"))

    def export(self, obj, exporter):
        return [] if obj.icon == default_icon(obj.slug) else [(self.key, obj.icon)]


def default_step_key(order):
    """The key of a step whose data names none: what the migration that introduced keys named existing steps."""
    return f"step-{order}"


class StepsField(Field):
    """``suggested_steps``: the role's steps, matched by ``key``; written by :class:`RoleSection`."""

    def __init__(self):
        super().__init__("suggested_steps")

    def default(self):
        return []

    def clean(self, checker, value, path):
        entries = checker.entries(value, path)
        if entries is None:
            return None
        resources = None
        steps = []
        first_seen = {}
        keys_seen = {}
        for _index, step_path, item in entries:
            for key in item:
                if key not in STEP_KEYS:
                    checker.error(at(step_path, key), "unknown key")
            step = {"path": step_path}
            if "order" not in item:
                checker.error(step_path, "missing required key 'order'")
            else:
                order = checker.integer(item["order"], at(step_path, "order"), minimum=0, maximum=2**31 - 1)
                if order is not None and order in first_seen:
                    checker.error(at(step_path, "order"), f"order {order} is already used by {first_seen[order]}")
                elif order is not None:
                    first_seen[order] = step_path
                step["order"] = order
            key = self.clean_key(checker, item, step_path, step.get("order"))
            if key is not None and key in keys_seen:
                checker.error(at(step_path, "key"), f"key {key!r} is already used by {keys_seen[key]}")
            elif key is not None:
                keys_seen[key] = step_path
            step["key"] = key
            if "level" not in item:
                checker.error(step_path, "missing required key 'level'")
            else:
                step["level"] = checker.reference(item["level"], at(step_path, "level"), "levels", "level")
            if "title" not in item:
                checker.error(step_path, "missing required key 'title'")
            else:
                step["title"] = checker.translated(item["title"], at(step_path, "title"), required=True, max_length=200)
            for key, max_length in STEP_TEXTS.items():
                step[key] = checker.translated(item.get(key, {}), at(step_path, key), max_length=max_length)
            for key, label, _model in STEP_REFERENCES:
                step[key] = checker.references(item.get(key, []), at(step_path, key), key, label)
            # Absent means "leave the step's guides as they are": link_pathway_resources and the admin set them.
            if "resources" in item:
                if resources is None:
                    resources = resource_pks()
                resources_path = at(step_path, "resources")
                step["resources"] = self.clean_resources(checker, item["resources"], resources_path, resources)
            if "links" in item:
                step["links"] = self.clean_links(checker, item["links"], at(step_path, "links"))
            step["translation_origin"] = STEP_ORIGINS.check(checker, item, step_path) or {}
            steps.append(step)
        return steps

    def clean_key(self, checker, item, path, order):
        """The step's key: the file's, else ``step-<order>`` (files written before steps had keys)."""
        if "key" in item:
            return checker.slug(item["key"], at(path, "key"))
        return default_step_key(order) if order is not None else None

    def clean_resources(self, checker, value, path, known):
        """Resource page slugs; checked only when the database has resource pages (they load after the framework)."""
        if not isinstance(value, list):
            checker.error(path, f"expected a list of resource slugs, e.g. [a, b], got {describe(value)}")
            return None
        ok = True
        seen = set()
        for index, slug in enumerate(value):
            if not isinstance(slug, str):
                checker.error(at(path, index), "expected a resource slug")
                ok = False
            elif slug in seen:
                checker.error(at(path, index), f"resource {slug!r} is listed twice")
                ok = False
            elif known and slug not in known:
                checker.error(at(path, index), f"unknown resource {slug!r}")
                ok = False
            seen.add(slug)
        return list(value) if ok else None

    def clean_links(self, checker, value, path):
        """``[{title: {en, es…}, url: URL or {en: URL, es: URL…}}]``, English required in both."""
        entries = checker.entries(value, path)
        if entries is None:
            return None
        links = []
        ok = True
        for _index, link_path, item in entries:
            for key in item:
                if key not in LINK_KEYS:
                    checker.error(at(link_path, key), "unknown key")
                    ok = False
            title = checker.translated(item.get("title"), at(link_path, "title"), required=True, max_length=200)
            urls = item.get("url")
            url_path = at(link_path, "url")
            if isinstance(urls, dict):
                urls = {code: url for code, url in urls.items() if checker.language(code, url_path, url)}
                urls = {code: checker.url(url, at(url_path, code)) for code, url in urls.items()}
                if "en" not in urls:
                    checker.error(url_path, "the English URL ('en') is required")
                    urls = None
                elif None in urls.values():
                    urls = None
            else:
                url = checker.url(urls, url_path)
                urls = {"en": url} if url else None
            if title is None or urls is None:
                ok = False
            else:
                links.append({"title": title, "url": urls})
        return links if ok else None

    def values(self, cleaned, context):
        return {"_steps": cleaned or []}

    def export(self, obj, exporter):
        steps = [self.export_step(step, exporter) for step in obj.steps.all()]
        return [(self.key, steps)] if steps else []

    def export_step(self, step, exporter):
        """One step in the file's format, keys in a fixed order."""
        item = {"key": step.key, "order": step.sort_order, "level": step.level.slug}
        for key in ("title", *STEP_TEXTS):
            texts = {code: getattr(step, f"{key}_{code}") for code in exporter.languages}
            texts = {code: text for code, text in texts.items() if text}
            if texts:
                item[key] = texts
        for key, _label, model in STEP_REFERENCES:
            slugs = [linked.slug for linked in exporter.ordered(model, getattr(step, key).all())]
            # The data file lists behaviors only where a step has some; skills and activities always.
            if slugs or key != "behaviors":
                item[key] = slugs
        resources = sorted(step.resources.all(), key=lambda page: page.path)
        if resources:
            item["resources"] = [page.slug for page in resources]
        links = self.export_links(step, exporter.languages)
        if links:
            item["links"] = links
        if step.translation_origin:
            item["translated_by"] = compact_origins(step.translation_origin, exporter.languages)
        return item

    def export_links(self, step, languages):
        """The links in the file's format: each language's text only where it differs from English."""
        english = link_pairs(step.links_en)
        links = [{"title": {"en": title}, "url": {"en": url}} for title, url in english]
        for code in languages:
            pairs = link_pairs(getattr(step, f"links_{code}")) if code != "en" else []
            # Links are paired by position; a language whose list has another length (edited in the admin)
            # cannot be paired and is left out.
            if len(pairs) != len(english):
                continue
            for link, (title, url), (title_en, url_en) in zip(links, pairs, english, strict=True):
                if title != title_en:
                    link["title"][code] = title
                if url != url_en:
                    link["url"][code] = url
        for link in links:
            if list(link["url"]) == ["en"]:
                link["url"] = link["url"]["en"]
        return links


# --- The section -------------------------------------------------------------------------------


class RoleSection(ModelSection):
    """Roles matched by slug; each role's steps matched by ``key`` and set to the file's (a step the file no longer
    lists is a removal, made only with ``--allow-removals``)."""

    def queryset(self):
        """The roles with everything their export reads, in a fixed number of queries however many there are."""
        steps = Prefetch(
            "steps",
            queryset=PathwayStep.objects.order_by("sort_order", "pk")
            .select_related("level")
            .prefetch_related("skills", "behaviors", "activities", "resources"),
        )
        return (
            Role.objects.select_related("entry_level", "target_level")
            .prefetch_related("sources", steps)
            .order_by(*Role._meta.ordering)
        )

    def export(self):
        """The roles in their order, each with its steps."""
        roles = list(self.queryset())
        if not roles:
            return None
        exporter = Exporter()
        return [{self.key: role.slug, **self.snapshot_fields(role, exporter)} for role in roles]

    def snapshot_fields(self, role, exporter):
        """The role's keys as the export writes them."""
        item = {}
        for fld in self.fields:
            item.update(fld.export(role, exporter))
        return item

    def write(self, data, context):
        """Upsert the roles in file order, then their steps; roles only in the database are left alone."""
        rows, problems = self.clean(data, context)
        if problems:
            raise DataFileError(problems)
        existing = {role.slug: role for role in self.queryset()}
        targets = {
            "levels": dict(EngagementLevel.objects.values_list("slug", "pk")),
            "sources": dict(Source.objects.values_list("key", "pk")),
            **{key: dict(model.objects.values_list("slug", "pk")) for key, _label, model in STEP_REFERENCES},
        }
        exporter = Exporter()
        result = SectionResult()
        for row in rows:
            current = existing.get(row.key)
            before = self.snapshot(current, exporter) if current is not None else None
            current_steps = list(current.steps.all()) if current is not None else []
            values = dict(row.values)
            steps = values.pop("_steps")
            values["entry_level_id"] = targets["levels"][values.pop("_entry_level")]
            values["target_level_id"] = targets["levels"][values.pop("_target_level")]
            sources = [targets["sources"][key] for key in row.links["sources"][2]]
            role, status = sync_object(Role, current, values, {"sources": sources})
            if self.write_steps(role, current_steps, steps, targets, context) and status == UNCHANGED:
                status = UPDATED
            after = self.snapshot(self.queryset().get(pk=role.pk), exporter) if status == UPDATED else None
            context.changes.record(row.path, self.label(row.key), status, before, after)
            result.count(status)
        result.not_in_file = len(set(existing) - {row.key for row in rows})
        return result

    def write_steps(self, role, current, steps, targets, context):
        """Make the role's steps those of the file, matched by key; True when anything was written."""
        existing = {step.key: step for step in current}
        changed = False
        resources = None
        for step in steps:
            values = {"key": step["key"], "sort_order": step["order"], "level_id": targets["levels"][step["level"]]}
            for key in ("title", *STEP_TEXTS):
                values.update({f"{key}_{code}": step[key].get(code) for code in context.languages})
            values.update(STEP_ORIGINS.values(step["translation_origin"], context))
            m2m = {key: [targets[key][slug] for slug in step[key]] for key, _label, _model in STEP_REFERENCES}
            if "resources" in step:
                if resources is None:
                    resources = resource_pks()
                m2m["resources"] = [resources[slug] for slug in step["resources"] if slug in resources]
            links = self.link_values(step.get("links") or [], context.languages)
            changed |= self.sync_step(role, existing.pop(step["key"], None), values, links, m2m)
        if existing:
            # Steps the file no longer lists; the change log has them as removals.
            PathwayStep.objects.filter(pk__in=[step.pk for step in existing.values()]).delete()
            changed = True
        return changed

    def link_values(self, links, languages):
        """``{links_xx: [(title, url), ...]}``: English, and each language that has a text of its own (the
        others falling back to English); a language without any stays empty, so the site falls back."""
        values = {}
        for code in languages:
            if code != "en" and not any(code in link["title"] or code in link["url"] for link in links):
                values[f"links_{code}"] = []
                continue
            values[f"links_{code}"] = [
                (link["title"].get(code, link["title"]["en"]), link["url"].get(code, link["url"]["en"]))
                for link in links
            ]
        return values

    def sync_step(self, role, step, values, links, m2m):
        """Create or update one step (writing nothing that is already so); True when anything was written."""
        changed = step is None
        if step is None:
            step = PathwayStep(role=role, **values)
        else:
            for attr, value in values.items():
                current = getattr(step, attr)
                if current != value and not (current in (None, "") and value in (None, "")):
                    setattr(step, attr, value)
                    changed = True
        for attr, pairs in links.items():
            if link_pairs(getattr(step, attr)) != pairs:
                setattr(step, attr, [{"type": "link", "value": {"title": t, "url": u}} for t, u in pairs])
                changed = True
        if changed:
            # save() fires post_save, which keeps the search index in step.
            step.save()
        for attr, pks in m2m.items():
            changed |= set_links(step, attr, pks)
        return changed


ROLES = RoleSection(
    "roles",
    70,
    Role,
    [
        TranslatedField("name", required=True, max_length=200),
        TranslatorNotesField(),
        ProvenanceField(),
        ReferencesField("sources", section="sources", label="source", target=Source, target_key="key"),
        TranslatedField("description"),
        TranslatedField("summary", max_length=300),
        TranslationOriginField(("name", "summary", "description")),
        IconField(),
        LevelField("entry_level"),
        LevelField("target_level"),
        StepsField(),
    ],
    comment="Movement roles and the suggested steps into each (the pathways app).",
)
