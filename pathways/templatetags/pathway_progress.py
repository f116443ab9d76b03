"""The "My pathways" overview (the roles page and the home page): the pathways this browser has ticked steps in,
and how far each is. The ticks never leave the browser (pathways/static/pathways/js/checklist.js keeps them in
localStorage), so the page carries what the script needs to name them, the same for every visitor and so
cacheable (docs/performance.md): each role's name in the page's language, its address and its step ids."""

from django import template

from core.i18n import field_text
from core.memo import memoised

from .. import queries

register = template.Library()


def overview_data():
    """One entry per role that has steps: ``slug``, ``name`` (with ``lang`` when it is the English fallback),
    ``url`` and ``steps`` (the step ids as the checklist stores them, strings)."""
    data = []
    for role in queries.roles_with_step_ids():
        steps = [str(step.pk) for step in role.steps.all()]
        if not steps:
            continue
        name = field_text(role, "name")
        entry = {"slug": role.slug, "name": name.value, "url": role.get_absolute_url(), "steps": steps}
        if name.is_fallback:
            entry["lang"] = name.lang
        data.append(entry)
    return data


@register.inclusion_tag("pathways/includes/my_pathways.html")
def my_pathways():
    """The overview's section, hidden until the script finds ticks in this browser's storage."""
    return {"roles": memoised("pathways:overview", None, overview_data)}
