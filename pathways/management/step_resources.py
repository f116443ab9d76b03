"""The step-to-resource mapping (pathways/data/step_resources.yaml): checked whole, every problem located, then
each listed step's guides set to exactly the file's in one transaction. A second run changes nothing.

Steps are named by role slug and step key (``content-editor: {step-2: [...]}``); a whole number names a step by
its order, as the file did before steps had keys. A guide a step loses is a removal: refused unless
``--allow-removals`` is given."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import translation

from core.datafile import manifest
from core.datafile.changes import UNCHANGED, UPDATED
from core.datafile.problems import ManifestMismatch, RemovalsRefused
from framework.importer import DataFileError, ImportReport, Problem, SectionResult, describe, parse_yaml

from ..importer import resource_pks, set_links
from ..models import PathwayStep

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "step_resources.yaml"


def _step_address(role_steps, by_key, step_id, step_path, role_slug):
    """The step a mapping key names: a step key (``step-2``), or a whole number (the step's order, as the file
    addressed steps before they had keys). Returns ``(step, problem)``."""
    if isinstance(step_id, str) and step_id in by_key:
        return by_key[step_id], None
    if isinstance(step_id, int) and not isinstance(step_id, bool):
        if step_id in role_steps:
            return role_steps[step_id], None
        known = ", ".join(str(known) for known in sorted(role_steps))
        return None, Problem(step_path, f"unknown step {step_id} of role {role_slug!r} (it has {known})")
    if isinstance(step_id, str):
        known = ", ".join(by_key)
        return None, Problem(step_path, f"unknown step {step_id!r} of role {role_slug!r} (it has {known})")
    return None, Problem(step_path, f"expected a step's key (e.g. step-1), got {describe(step_id)}")


def plan_links(document, skip_missing=False):
    """Check a parsed mapping against the roles, steps and resource pages in the database; returns
    ``(plan, problems, skipped)``, the plan being ``[(path, step, [resource slug, ...]), ...]``. With
    ``skip_missing`` a step naming a resource that is not on the site is left untouched (its slugs listed in
    ``skipped``) instead of being a problem."""
    if not isinstance(document, dict):
        return [], [Problem("", f"the top level must be a mapping of role slugs, got {describe(document)}")], []
    steps, keys = {}, {}
    for step in PathwayStep.objects.select_related("role").prefetch_related("resources").order_by("sort_order", "pk"):
        steps.setdefault(step.role.slug, {}).setdefault(step.sort_order, step)
        keys.setdefault(step.role.slug, {})[step.key] = step
    resources = resource_pks()
    plan, problems, skipped = [], [], []
    for role_slug, by_step in document.items():
        path = str(role_slug)
        if role_slug not in steps:
            problems.append(Problem(path, f"unknown role {role_slug!r} (or a role without steps)"))
            continue
        if not isinstance(by_step, dict):
            problems.append(Problem(path, f"expected a mapping of step keys to lists, got {describe(by_step)}"))
            continue
        for step_id, slugs in by_step.items():
            step_path = f"{path}.{step_id}"
            step, problem = _step_address(steps[role_slug], keys[role_slug], step_id, step_path, role_slug)
            if problem is not None:
                problems.append(problem)
                continue
            if not isinstance(slugs, list):
                problems.append(Problem(step_path, f"expected a list of resource slugs, got {describe(slugs)}"))
                continue
            found, ok, seen = [], True, set()
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
                    found.append(slug)
                    seen.add(slug)
                    continue
                ok = False
            if ok:
                plan.append((step_path, step, found))
    return plan, problems, skipped


def link_document(document, *, dry_run=False, allow_removals=False, skip_missing=False):
    """Check the manifest (when there is one) and validate ``document`` whole, then set the steps' resources in
    one transaction (rolled back in a dry run). Raises :class:`DataFileError` listing every problem, or
    :class:`RemovalsRefused` listing every guide a step would lose, having written nothing."""
    document, mismatches = manifest.verify(document)
    if mismatches:
        raise ManifestMismatch(mismatches)
    report = ImportReport(dry_run=dry_run, done="Links complete.")
    result = report.results["steps"] = SectionResult(creates=False)
    # Page slugs are translated: look them up in the default language, as the resources were loaded.
    with translation.override("en"), transaction.atomic():
        plan, problems, skipped = plan_links(document, skip_missing=skip_missing)
        if problems:
            raise DataFileError(problems)
        if skipped:
            report.notices.append(f"resources not on this site, left out: {', '.join(sorted(set(skipped)))}")
        pks = resource_pks()
        for path, step, slugs in plan:
            before = sorted(page.slug for page in step.resources.all())
            status = UPDATED if set(before) != set(slugs) else UNCHANGED
            item = f"step {step.key!r} of role {step.role.slug!r}"
            report.changes.record(path, item, status, before, sorted(slugs))
            result.count(status)
        if report.changes.removals and not allow_removals:
            raise RemovalsRefused(report.changes.removals, report=report)
        for _path, step, slugs in plan:
            set_links(step, "resources", [pks[slug] for slug in slugs])
        if dry_run:
            transaction.set_rollback(True)
    return report


def link_file(path=DEFAULT_PATH, *, dry_run=False, allow_removals=False, skip_missing=False):
    """Read, validate and apply the mapping file at ``path`` (see :func:`link_document`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem(str(path), "no such file")]) from None
    document, problems = parse_yaml(text)
    if problems:
        raise DataFileError(problems)
    return link_document(document, dry_run=dry_run, allow_removals=allow_removals, skip_missing=skip_missing)
