"""Page panels: what a higher app adds to the pages of a lower one without that page knowing it (docs/architecture.md,
"Add a panel to a page of a lower floor"). A page's template names a slot and the object it shows,
``{% page_panels "level" level %}`` (``hub_tags``); an app registers, from its ``AppConfig.ready()``, a panel for
that slot: a template and a function that returns the template's context (or None to show nothing). The
registry knows no app: the framework's templates never load a tag library of opportunities, and the Python of
framework never imports it.

Slots in use: ``level``, ``skill``, ``behavior`` and ``activity`` (a framework item's page, by its kind), ``role``
(a role's pathway page), ``resource`` (a guide's page) and ``home``. A panel's function runs on every render of
its page: it reads what it shows in a fixed number of queries (the page budgets of tests/queries.py count it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class Panel:
    """One registered panel: rendered with ``template`` and the context ``context(request, obj)`` returns (None:
    nothing shown), after the slot's panels of a lower ``order`` (ties: by ``name``)."""

    slot: str
    name: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


_panels: dict[str, dict[str, Panel]] = {}


def register_panel(slot, name, template, context, *, order=100):
    """Add a panel to ``slot`` (from an ``AppConfig.ready()``); registering the same ``name`` again replaces it
    (``ready()`` may run twice in one process)."""
    panel = Panel(slot, name, template, context, order)
    _panels.setdefault(slot, {})[name] = panel
    return panel


def unregister_panel(slot, name):
    """Remove a panel (tests); returns it, or None."""
    return _panels.get(slot, {}).pop(name, None)


def panels(slot):
    """The panels registered for ``slot``, in the order they are shown."""
    return sorted(_panels.get(slot, {}).values(), key=lambda panel: (panel.order, panel.name))


def render_panels(context, slot, obj):
    """Every panel of ``slot`` for ``obj``, rendered in order, as an inclusion tag renders its template: a
    fresh context that keeps the page's CSRF token and autoescaping, not the page's variables."""
    request = context.get("request")
    parts = []
    for panel in panels(slot):
        values = panel.context(request, obj)
        if values is None:
            continue
        template = context.template.engine.get_template(panel.template)
        new_context = context.new(values)
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        parts.append(template.render(new_context))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a template's own (escaped) output
