"""The step-to-resource mapping (pathways/data/step_resources.yaml): checked whole, every problem located, then
each listed step's guides set to exactly the file's in one transaction. A second run changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import translation

from framework.importer import UNCHANGED, UPDATED, DataFileError, Problem, SectionResult, describe, parse_yaml

from ..importer import resource_pks, set_links
from ..models import PathwayStep

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "step_resources.yaml"


@dataclass
class LinkReport:
    """What a run did (in a dry run: would do), counted in steps."""

    result: SectionResult
    dry_run: bool = False
    skipped: tuple = ()

    def lines(self):
        """Human-readable lines for the command's output."""
        verb = "would be " if self.dry_run else ""
        lines = [f"steps: {self.result.updated} {verb}updated, {self.result.unchanged} unchanged"]
        if self.skipped:
            lines.append(f"resources not on this site, left out: {', '.join(sorted(set(self.skipped)))}")
        lines.append("Dry run: nothing was written." if self.dry_run else "Links complete.")
        return lines


def plan_links(document, skip_missing=False):
    """Check a parsed mapping against the roles, steps and resource pages in the database; returns
    ``(plan, problems, skipped)``, the plan being ``[(step, [resource pk, ...]), ...]``. With ``skip_missing``
    a step naming a resource that is not on the site is left untouched (its slugs listed in ``skipped``)
    instead of being a problem."""
    if not isinstance(document, dict):
        return [], [Problem("", f"the top level must be a mapping of role slugs, got {describe(document)}")], []
    steps = {}
    for step in PathwayStep.objects.select_related("role").prefetch_related("resources").order_by("sort_order", "pk"):
        steps.setdefault(step.role.slug, {}).setdefault(step.sort_order, step)
    resources = resource_pks()
    plan, problems, skipped = [], [], []
    for role_slug, by_order in document.items():
        path = str(role_slug)
        if role_slug not in steps:
            problems.append(Problem(path, f"unknown role {role_slug!r} (or a role without steps)"))
            continue
        if not isinstance(by_order, dict):
            problems.append(Problem(path, f"expected a mapping of step orders to lists, got {describe(by_order)}"))
            continue
        role_steps = steps[role_slug]
        for order, slugs in by_order.items():
            step_path = f"{path}.{order}"
            if isinstance(order, bool) or not isinstance(order, int):
                problems.append(Problem(step_path, f"expected a step's order (a whole number), got {describe(order)}"))
                continue
            if order not in role_steps:
                known = ", ".join(str(known) for known in sorted(role_steps))
                problems.append(Problem(step_path, f"unknown step {order} of role {role_slug!r} (it has {known})"))
                continue
            if not isinstance(slugs, list):
                problems.append(Problem(step_path, f"expected a list of resource slugs, got {describe(slugs)}"))
                continue
            pks, ok, seen = [], True, set()
            for index, slug in enumerate(slugs):
                slug_path = f"{step_path}[{index}]"
                if not isinstance(slug, str):
                    problems.append(Problem(slug_path, f"expected a resource slug, got {describe(slug)}"))
                elif slug in seen:
                    problems.append(Problem(slug_path, f"resource {slug!r} is listed twice"))
                elif slug not in resources and skip_missing:
                    # The whole step is left as it is: setting a shorter list would drop a curator's links.
                    skipped.append(slug)
                elif slug not in resources:
                    problems.append(Problem(slug_path, f"unknown resource {slug!r}"))
                else:
                    pks.append(resources[slug])
                    seen.add(slug)
                    continue
                ok = False
            if ok:
                plan.append((role_steps[order], pks))
    return plan, problems, skipped


def link_document(document, *, dry_run=False, skip_missing=False):
    """Validate ``document`` whole, then set the steps' resources in one transaction (rolled back in a dry
    run). Raises :class:`DataFileError` listing every problem, having written nothing."""
    # Page slugs are translated: look them up in the default language, as the resources were loaded.
    with translation.override("en"), transaction.atomic():
        plan, problems, skipped = plan_links(document, skip_missing=skip_missing)
        if problems:
            raise DataFileError(problems)
        result = SectionResult()
        for step, pks in plan:
            result.count(UPDATED if set_links(step, "resources", pks) else UNCHANGED)
        if dry_run:
            transaction.set_rollback(True)
    return LinkReport(result, dry_run=dry_run, skipped=tuple(skipped))


def link_file(path=DEFAULT_PATH, *, dry_run=False, skip_missing=False):
    """Read, validate and apply the mapping file at ``path`` (see :func:`link_document`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem(str(path), "no such file")]) from None
    document, problems = parse_yaml(text)
    if problems:
        raise DataFileError(problems)
    return link_document(document, dry_run=dry_run, skip_missing=skip_missing)
