"""The demo opportunities file (opportunities/data/opportunities.yaml): real, recurring Wikimedia learning
opportunities and mentorship programmes, checked whole with every problem located (the models' own checks
included), then written as published pages under the two indexes in one transaction. A second load changes
nothing; a load that would take a value away from a page is refused unless removals are allowed.

Dates are generated, never typed as a single edition: an opportunity is its first known edition plus an
open-ended RRULE, so the site always shows the next one; a programme's yearly window gives the next window not
yet closed. Every page is marked "dates to be confirmed with the organisers" until a curator ticks the mark.

The export (``/downloads/opportunities.json``, hub/downloads.py) writes the published pages in the same form, a
programme with its stored dates (``opens_on``, ``closes_on``) rather than a window, so that it loads back into
another Hub unchanged; JSON is YAML, so the same command reads it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation

from core.datafile.changes import CREATED, UNCHANGED, UPDATED, compare
from core.datafile.checker import Checker
from core.datafile.problems import at, describe
from core.datafile.sections import DataFile, SectionResult
from framework.models import EngagementLevel, Skill
from pathways.models import PathwayStep, Role
from resources.datafile import LANGUAGE_CODE, resource_language
from resources.models import ResourceLanguage

from .choices import EventFormat, OpportunityKind, Region
from .models import MentorshipIndexPage, MentorshipPage, OpportunityIndexPage, OpportunityPage
from .setup import ensure_index

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "opportunities.yaml"

OPPORTUNITIES_FILE = DataFile(
    "demo opportunities",
    unknown_sections="error",
    required_sections=("opportunities", "mentorship"),
    # /downloads/opportunities.json is this file as JSON with the licence and attribution as well.
    carried=("licence", "attribution"),
    done="Load complete.",
)

LINKS = {"levels": "level", "skills": "skill", "roles": "role"}
# An opportunity's pathway steps, as "role-slug/step-key" (the page's ``pathway_steps``).
STEPS = "steps"
COMMON = {
    "slug": "slug",
    "title": "translated!",
    "summary": "translated!",
    "description": "translated",
    "format": "format",
    "region": "region",
    "organiser": "text!",
    "organiser_url": "url",
    "languages": "languages",
    "levels": "links",
    "skills": "links",
    "roles": "links",
    "dates_confirmed": "boolean",
    "translations_reviewed": "boolean",
}
OPPORTUNITY_KEYS = {
    **COMMON,
    "kind": "kind",
    "starts": "datetime!",
    "ends": "datetime!",
    "time_zone": "text!",
    "recurrence": "text",
    "place": "translated",
    "city": "text",
    "country": "text",
    "online_url": "url",
    "registration_url": "translated url",
    "registration_deadline": "date",
    "steps": "steps",
    "cost": "translated",
    "accessibility": "translated",
    "capacity": "integer",
}
MENTORSHIP_KEYS = {
    **COMMON,
    "always_open": "boolean",
    "yearly_window": "window",
    "opens_on": "date",
    "closes_on": "date",
    "duration": "translated",
    "join_url": "url!",
    "mentors_do": "translated",
    "become_mentor": "translated",
    "become_mentor_url": "url",
    "contact": "text",
}
# File keys that are model fields under another name.
FIELD_NAMES = {
    "format": "event_format",
    "organiser": "organiser_name",
    "place": "venue_name",
}
FIELD_KEYS = {**{value: key for key, value in FIELD_NAMES.items()}, "end_date": "ends", "start_date": "starts"}


@dataclass
class Entry:
    """One page of the file, checked and ready to store."""

    slug: str
    path: str
    values: dict
    links: dict
    languages: list


def _datetime(checker, value, path):
    """``YYYY-MM-DD HH:MM`` (YAML may already have read it as a datetime) → a naive datetime."""
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        try:
            return datetime.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
        except ValueError:
            pass
    checker.error(path, f"expected a date and time as 'YYYY-MM-DD HH:MM', got {describe(value)}")
    return None


def _date(checker, value, path):
    """``YYYY-MM-DD`` (YAML may already have read it as a date) → a date."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    checker.error(path, f"expected a date as 'YYYY-MM-DD', got {describe(value)}")
    return None


def _translated_url(checker, value, path):
    """A link per language (plain text: English), each an http(s) URL."""
    texts = checker.translated(value, path)
    if texts is None:
        return None
    urls = {code: checker.url(url, at(path, code)) for code, url in texts.items()}
    return urls if all(urls.values()) else None


def step_address(step):
    """How the file names a pathway step: ``role-slug/step-key``."""
    return f"{step.role.slug}/{step.key}"


def _window(checker, value, path):
    """``{opens: MM-DD, closes: MM-DD}`` → the two (month, day) pairs."""
    if checker.mapping(value, path) is None:
        return None
    found = {}
    for key in ("opens", "closes"):
        text = value.get(key)
        try:
            month, day = (int(part) for part in str(text).split("-"))
            datetime.date(2024, month, day)
            found[key] = (month, day)
        except (TypeError, ValueError):
            checker.error(at(path, key), f"expected a day of the year as 'MM-DD', got {describe(text)}")
    unknown = set(value) - {"opens", "closes"}
    for key in sorted(unknown, key=str):
        checker.error(at(path, key), f"unknown key {key!r}")
    return found if len(found) == 2 and not unknown else None


def next_window(window, today):
    """The registration dates of the next yearly window that has not closed by ``today``."""
    (open_month, open_day), (close_month, close_day) = window["opens"], window["closes"]
    for year in (today.year - 1, today.year, today.year + 1):
        opens = datetime.date(year, open_month, open_day)
        closes = datetime.date(year + ((close_month, close_day) < (open_month, open_day)), close_month, close_day)
        if closes >= today:
            return opens, closes
    raise AssertionError("unreachable: next year's window closes after today")


def _languages(checker, value, path):
    if not isinstance(value, list):
        checker.error(path, f"expected a list of language codes, got {describe(value)}")
        return None
    codes = []
    for index, code in enumerate(value):
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code) or code in codes:
            checker.error(at(path, index), f"{code!r} is not a language code, or is listed twice")
            return None
        codes.append(code)
    return codes


def _check(checker, key, kind, value, path):
    required = kind.endswith("!")
    kind = kind.rstrip("!")
    if kind == "translated":
        return checker.translated(value, path, required=required, max_length=255 if key == "title" else None)
    if kind == "text":
        return checker.text(value, path, required=required, max_length=300)
    if kind == "url":
        return checker.url(value, path)
    if kind == "slug":
        return checker.slug(value, path, max_length=255)
    if kind == "boolean":
        return checker.boolean(value, path)
    if kind == "integer":
        return checker.integer(value, path, minimum=1)
    if kind == "datetime":
        return _datetime(checker, value, path)
    if kind == "window":
        return _window(checker, value, path)
    if kind == "date":
        return _date(checker, value, path)
    if kind == "translated url":
        return _translated_url(checker, value, path)
    if kind == "steps":
        return checker.references(value, path, STEPS, "pathway step")
    if kind == "languages":
        return _languages(checker, value, path)
    if kind == "links":
        return checker.references(value, path, key, LINKS[key])
    choices = {"format": EventFormat, "region": Region, "kind": OpportunityKind}[kind]
    return checker.choice(value, path, choices, kind)


def _model_values(model, cleaned, languages, today):
    values = {}
    for key, value in cleaned.items():
        if key in ("languages", STEPS, *LINKS):
            continue
        if isinstance(value, dict) and key != "yearly_window":
            values.update({f"{FIELD_NAMES.get(key, key)}_{code}": value.get(code, "") for code in languages})
        elif key == "starts":
            values.update(start_date=value.date(), start_time=value.time().replace(second=0))
        elif key == "ends":
            values.update(end_date=value.date(), end_time=value.time().replace(second=0))
        elif key == "yearly_window":
            values["opens_on"], values["closes_on"] = next_window(value, today)
        else:
            values[FIELD_NAMES.get(key, key)] = value
    defaults = {"dates_confirmed": False, "translations_reviewed": False}
    if model is OpportunityPage:
        defaults.update(recurrence="", city="", country="", online_url="", capacity=None, registration_deadline=None)
        defaults.update({f"venue_name_{code}": "" for code in languages})
        defaults.update({f"registration_url_{code}": "" for code in languages})
    else:
        defaults.update(always_open=False, opens_on=None, closes_on=None, become_mentor_url="", contact="")
    if "venue_name_en" in values:
        values["venue_name"] = values["venue_name_en"]
    for name in ("description", "cost", "accessibility", "duration", "mentors_do", "become_mentor"):
        if hasattr(model, f"{name}_en"):
            defaults.update({f"{name}_{code}": "" for code in languages})
    values = {**defaults, **values}
    values.setdefault("organiser_url", "")
    values["title"], values["summary"] = values["title_en"], values["summary_en"]
    return values


def check_entry(checker, item, path, model, spec, languages, today):
    """Check one page of the file, the model's own checks included; an :class:`Entry`, or None."""
    before = len(checker.problems)
    for key in item:
        if key not in spec:
            checker.error(at(path, key), f"unknown key {key!r}")
    cleaned = {}
    for key, kind in spec.items():
        if key not in item:
            if kind.endswith("!"):
                checker.error(path, f"missing required key '{key}'")
            continue
        value = _check(checker, key, kind, item[key], at(path, key))
        if value is not None:
            cleaned[key] = value
    if "yearly_window" in item and ("opens_on" in item or "closes_on" in item):
        checker.error(at(path, "yearly_window"), "give either a yearly window or the dates (opens_on, closes_on)")
    if len(checker.problems) > before:
        return None
    values = _model_values(model, cleaned, languages, today)
    values.pop("slug", None)
    page = model(**values)
    with translation.override("en"):
        for field, error in page.field_errors().items():
            for message in error.messages:
                checker.error(at(path, FIELD_KEYS.get(field, field)), message)
    if len(checker.problems) > before:
        return None
    links = {name: cleaned.get(name, []) for name in (*LINKS, *([STEPS] if STEPS in spec else []))}
    return Entry(cleaned["slug"], path, values, links, cleaned.get("languages", []))


def snapshot(entry_values, links, languages):
    """A page as the change log compares it: values, then link keys sorted."""
    return {**{key: value for key, value in entry_values.items() if key != "slug"}, **links, "languages": languages}


def page_links(page):
    """The keys of what a stored page links to: ``{file key: [slug or step address, ...]}``, in the database's
    order (the steps: only for an opportunity)."""
    links = {name: [obj.slug for obj in getattr(page, name).all()] for name in LINKS}
    if isinstance(page, OpportunityPage):
        links[STEPS] = [step_address(step) for step in page.pathway_steps.all()]
    return links


def page_snapshot(page, values):
    return {
        **{key: getattr(page, key) for key in values if key != "slug"},
        **{name: sorted(keys) for name, keys in page_links(page).items()},
        "languages": sorted(language.code for language in page.languages.all()),
    }


def _export_value(page, key, kind, links):
    """One key of a page in the file's form (None: left out, the import's default)."""
    kind = kind.rstrip("!")
    field = FIELD_NAMES.get(key, key)
    if kind in ("translated", "translated url"):
        texts = {code: getattr(page, f"{field}_{code}") for code in settings.MODELTRANSLATION_LANGUAGES}
        return {code: text for code, text in texts.items() if text} or None
    if kind == "datetime":
        date, time = (page.start_date, page.start_time) if key == "starts" else (page.end_date, page.end_time)
        return f"{date.isoformat()} {time:%H:%M}"
    if kind == "date":
        # Text, not a date: the manifest's checksum is the same whether the file is read as YAML or as JSON.
        value = getattr(page, field)
        return value.isoformat() if value else None
    if kind in ("links", "steps"):
        return links[key] or None
    if kind == "languages":
        return sorted(language.code for language in page.languages.all()) or None
    if kind == "window":
        return None  # a stored programme has its dates (opens_on, closes_on), written as they are
    value = getattr(page, field)
    return value if isinstance(value, bool) or value not in ("", None) else None


class PagesSection:
    """A list of pages of one model under its index, matched by slug; exported from the published pages (the
    download /downloads/opportunities.json), so that the export loads back into another Hub."""

    comment = ""
    existing_keys = None

    def __init__(self, name, model, index_model, spec, label, *, order):
        self.name, self.model, self.index_model, self.spec, self.label = name, model, index_model, spec, label
        self.order = order

    def prefetches(self):
        """What comparing and exporting a page reads: its languages and links, in the framework's order."""
        found = [
            "languages",
            Prefetch("levels", queryset=EngagementLevel.objects.order_by("order", "slug")),
            Prefetch("skills", queryset=Skill.objects.order_by("position", "slug")),
            Prefetch("roles", queryset=Role.objects.order_by("position", "slug")),
        ]
        if STEPS in self.spec:
            steps = PathwayStep.objects.select_related("role").order_by("role__position", "role__slug", "sort_order")
            found.append(Prefetch("pathway_steps", queryset=steps))
        return found

    def export(self):
        """The live, public pages in tree order, each key as the file writes it (a fixed number of queries)."""
        pages = self.model.objects.live().public().order_by("path").prefetch_related(*self.prefetches())
        items = []
        for page in pages:
            links = page_links(page)
            values = ((key, _export_value(page, key, kind, links)) for key, kind in self.spec.items())
            items.append({key: value for key, value in values if value is not None})
        return items

    def validate(self, data, context):
        """Every problem of every entry, located; slugs unique; links must name what the database holds."""
        context.declare("levels", EngagementLevel.objects.values_list("slug", flat=True))
        context.declare("skills", Skill.objects.values_list("slug", flat=True))
        context.declare("roles", Role.objects.values_list("slug", flat=True))
        if STEPS in self.spec:
            context.declare(
                STEPS, map(step_address, PathwayStep.objects.select_related("role").only("key", "role__slug"))
            )
        checker = Checker(context)
        entries, seen = [], {}
        today = timezone.localdate()
        for _index, path, item in checker.entries(data, self.name) or []:
            slug = item.get("slug")
            if isinstance(slug, str) and slug in seen:
                checker.error(at(path, "slug"), f"{slug!r} is already used by {seen[slug]}")
                continue
            seen[slug] = path
            entry = check_entry(checker, item, path, self.model, self.spec, context.languages, today)
            if entry is not None:
                entries.append(entry)
        context.cleaned[self.name] = entries
        return checker.problems

    def write(self, data, context):
        """Compare every page first, noting changes and removals; unless refused, write those that change."""
        result = SectionResult()
        index, created = ensure_index(self.index_model)
        if created:
            context.report.notices.append(f"{self.label} index page created.")
        existing = {page.slug: page for page in self.model.objects.child_of(index).prefetch_related(*self.prefetches())}
        plan = []
        for entry in context.cleaned[self.name]:
            page = existing.get(entry.slug)
            after = snapshot(entry.values, {k: sorted(v) for k, v in entry.links.items()}, sorted(entry.languages))
            if page is None:
                status, before = CREATED, None
            else:
                before = page_snapshot(page, entry.values)
                status = UPDATED if compare(before, after)[0] else UNCHANGED
            context.changes.record(entry.path, f"{self.label} {entry.slug!r}", status, before, after)
            result.count(status)
            plan.append((page, entry, status))
        if context.refused:
            return result
        objects = {
            "levels": {obj.slug: obj for obj in EngagementLevel.objects.all()},
            "skills": {obj.slug: obj for obj in Skill.objects.all()},
            "roles": {obj.slug: obj for obj in Role.objects.all()},
        }
        if STEPS in self.spec:
            objects[STEPS] = {step_address(step): step for step in PathwayStep.objects.select_related("role")}
        language_cache = {language.code: language for language in ResourceLanguage.objects.all()}
        for page, entry, status in plan:
            if status == UNCHANGED:
                continue
            if page is None:
                page = self.model(slug=entry.slug, live=False, **entry.values)
                index.add_child(instance=page)
            else:
                for attr, value in entry.values.items():
                    setattr(page, attr, value)
            for name, keys in entry.links.items():
                relation = "pathway_steps" if name == STEPS else name
                getattr(page, relation).set([objects[name][key] for key in keys])
            page.languages.set([resource_language(code, language_cache) for code in entry.languages])
            page.save_revision().publish()
        return result


OPPORTUNITIES = PagesSection(
    "opportunities", OpportunityPage, OpportunityIndexPage, OPPORTUNITY_KEYS, "opportunity", order=10
)
MENTORSHIP = PagesSection("mentorship", MentorshipPage, MentorshipIndexPage, MENTORSHIP_KEYS, "programme", order=20)
