"""The step-to-resource mapping (pathways/data/step_resources.yaml): checked whole, every problem located, then
each listed step's guides set to exactly the file's in one transaction. A second run changes nothing.

Steps are named by role slug and step key (``content-editor: {step-2: [...]}``); a whole number names a step by
its order, as the file did before steps had keys. A guide a step loses is a removal: refused unless
``--allow-removals`` is given. The file's top-level keys are role slugs, so its one section takes the whole
document; it is registered with :data:`STEP_LINKS_FILE` from ``PathwaysConfig.ready()``.
"""

from __future__ import annotations

from pathlib import Path

from core.datafile.changes import UNCHANGED, UPDATED
from core.datafile.problems import Problem, describe
from core.datafile.sections import DataFile, SectionResult

from .datafile import resource_pks, set_links
from .models import PathwayStep

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "step_resources.yaml"

STEP_LINKS_FILE = DataFile("step links", whole_document=True, done="Links complete.")


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


class StepLinksSection:
    """The whole mapping: each listed step's guides set to exactly the listed resource pages. With the
    ``skip_missing`` option, a step naming a resource that is not on the site is left as it is."""

    name = "steps"
    order = 10
    comment = ""
    export = None
    existing_keys = None

    def validate(self, document, context):
        """Every unknown role, step or resource, and every guide listed twice."""
        return plan_links(document, skip_missing=context.options.get("skip_missing", False))[1]

    def write(self, document, context):
        """Set the planned steps' guides, noting each change and each guide a step loses."""
        plan, _problems, skipped = plan_links(document, skip_missing=context.options.get("skip_missing", False))
        if skipped:
            context.report.notices.append(f"resources not on this site, left out: {', '.join(sorted(set(skipped)))}")
        result = SectionResult(creates=False)
        for path, step, slugs in plan:
            before = sorted(page.slug for page in step.resources.all())
            status = UPDATED if set(before) != set(slugs) else UNCHANGED
            context.changes.record(path, f"step {step.key!r} of role {step.role.slug!r}", status, before, sorted(slugs))
            result.count(status)
        if context.refused:
            return result
        pks = resource_pks()
        for _path, step, slugs in plan:
            set_links(step, "resources", [pks[slug] for slug in slugs])
        return result


STEP_LINKS = StepLinksSection()
