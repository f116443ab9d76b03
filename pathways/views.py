"""Public pathway pages: the roles and their map, a role's pathway as a checklist, and the pathway as one
self-contained HTML file to keep offline or as a PDF to print."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.i18n import Shown, current_language, field_text, translation_status
from core.memo import memoised
from core.pagecache import fresh_until, next_midnight
from resources.listing import read_values

from . import pdf, queries

OFFLINE_STYLESHEET = "pathways/css/offline.css"
# The licence of the Hub's content, as the site's footer states it.
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


def _render(request, template, context, shown, **kwargs):
    """Render a pathway page with the translation status of everything it shows."""
    context["translation"] = translation_status(shown)
    return render(request, template, context, **kwargs)


def _selected_levels(request, levels, warnings):
    """The levels named by ``?level=`` (read as the resource listing reads it); unknown ones are named in a
    warning and ignored."""
    values = read_values(request, "level")
    by_slug = {level.slug: level for level in levels}
    unknown = [value for value in values if value not in by_slug]
    if unknown:
        warnings.append(
            _("Ignored unknown %(facet)s: %(values)s")
            % {"facet": _("level"), "values": ", ".join(f"'{value}'" for value in unknown)}
        )
    return [by_slug[value] for value in values if value in by_slug]


@require_safe
def roles(request):
    """Every role grouped by its entry level, and a map drawing each role as a span across the levels;
    ``?level=<slug>`` keeps the roles whose span includes that level."""
    # Kept per process and content version for each ``?level=`` (core/memo.py).
    key = tuple(request.GET.getlist("level"))
    context, translation = memoised("pathways:roles", key, lambda: _roles(request))
    return render(request, "pathways/roles.html", {**context, "translation": translation})


def _roles(request):
    """The roles page's context and the translation status of what it shows."""
    levels = list(queries.levels())
    warnings = []
    selected = _selected_levels(request, levels, warnings)
    shown_roles = list(queries.roles_at(queries.roles(), selected))
    position = {level.pk: number for number, level in enumerate(levels, start=1)}
    groups = [(level, [role for role in shown_roles if role.entry_level_id == level.pk]) for level in levels]
    map_rows = []
    for role in shown_roles:
        start, end = sorted((position[role.entry_level_id], position[role.target_level_id]))
        map_rows.append({"role": role, "start": start, "end": end})
    context = {
        "levels": levels,
        "columns": [{"level": level, "number": number} for number, level in enumerate(levels, start=1)],
        "groups": [(level, group) for level, group in groups if group],
        "map_rows": map_rows,
        "selected_levels": selected,
        "selected_slugs": [level.slug for level in selected],
        "warnings": warnings,
    }
    # A card shows the summary, or the description when there is no summary.
    shown = [
        *(Shown(level, "name") for level in levels),
        *(Shown(role, "name", "summary" if role.summary_en else "description") for role in shown_roles),
    ]
    return context, translation_status(shown)


# How many of a guide's languages its label names; the rest are counted ("and 3 more").
GUIDE_LANGUAGES_SHOWN = 3


def _language_name(code):
    """A language's name in that language (``Español``), or the code when Django does not know it."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def _guides(resources, links, lang):
    """A step's guides, on the Hub and elsewhere, those the reader can read in ``lang`` first (otherwise in the
    step's order). Each is ``{"item" (a resource page) or "title" and "url", "hreflang", "languages", "more"}``:
    ``languages`` are ``(code, name)`` pairs, the reader's language first, then English, at most
    ``GUIDE_LANGUAGES_SHOWN`` of them; ``more`` counts the others."""
    guides = []
    for resource in resources:
        codes = [(language.code, language.name) for language in resource.languages.all()]
        guides.append({"item": resource, "codes": codes})
    for link in links:
        guides.append({**link, "codes": [(link["hreflang"], _language_name(link["hreflang"]))]})
    for guide in guides:
        codes = sorted(guide.pop("codes"), key=lambda pair: (_base(pair[0]) != lang, _base(pair[0]) != "en"))
        guide["in_reader_language"] = bool(codes) and _base(codes[0][0]) == lang
        guide["hreflang"] = codes[0][0] if codes else ""
        guide["languages"] = codes[:GUIDE_LANGUAGES_SHOWN]
        guide["more"] = len(codes) - len(guide["languages"])
    # A stable sort: within each group the guides keep the step's order.
    return sorted(guides, key=lambda guide: not guide["in_reader_language"])


def _base(code):
    """The language of a BCP 47 code without its region or script (``pt`` for ``pt-BR``)."""
    return code.split("-")[0].lower()


def _pathway(slug):
    """A role and its steps as the pathway pages show them, plus what counts for the translation status."""
    role = queries.role_page(slug)
    lang = current_language()
    steps = []
    shown = [role]
    for step in role.steps.all():
        resources = list(step.resources.all())
        steps.append(
            {
                "step": step,
                "skills": list(step.skills.all()),
                "behaviors": list(step.behaviors.all()),
                "activities": list(step.activities.all()),
                "guides": _guides(resources, queries.step_links(step, lang), lang),
            }
        )
        shown.append(step)
        shown.append(Shown(step.level, "name"))
        shown.extend(Shown(item, "name") for item in (*step.skills.all(), *step.behaviors.all()))
        shown.extend(Shown(item, "name") for item in step.activities.all())
        shown.extend(Shown(resource, "title", "summary") for resource in resources)
    return role, steps, shown


@require_safe
def role_detail(request, slug):
    """A role's pathway: its ordered steps as a checklist the reader can tick off in their own browser."""
    # Kept per process and content version (core/memo.py); the offline file and the PDF change their copy.
    role, steps, shown = memoised("pathways:role", slug, lambda: _pathway(slug))
    # The status line reads every field the page shows: kept with the pathway.
    context = {
        "role": role,
        "steps": steps,
        "translation": memoised("pathways:role-status", slug, lambda: translation_status(shown)),
    }
    return render(request, "pathways/role.html", context)


def _absolute_pathway(request, slug):
    """The pathway's context for a file read away from the site (the offline file, the PDF): every link an
    absolute address, a guide that lives elsewhere linked where it lives, and the address of the live page."""
    role, steps, shown = _pathway(slug)
    absolute = request.build_absolute_uri
    for entry in steps:
        entry["level_url"] = absolute(entry["step"].level.get_absolute_url())
        for key in ("skills", "behaviors", "activities"):
            entry[key] = [{"item": item, "url": absolute(item.get_absolute_url())} for item in entry[key]]
        # A guide that lives elsewhere is linked where it lives, since the Hub's page needs a connection anyway.
        for guide in entry["guides"]:
            if "item" in guide:
                guide["url"] = absolute(guide["item"].get_url(request))
                guide["external_url"] = guide["item"].external_url
    context = {"role": role, "steps": steps, "page_url": absolute(role.get_absolute_url())}
    return context, shown


@require_safe
def role_offline(request, slug):
    """The pathway as one HTML file to download: styles inlined, no scripts, every link an absolute address
    written out beside it (the Hub's pages and the guides themselves), the date it was made and the licence."""
    context, shown = _absolute_pathway(request, slug)
    made_on = timezone.localdate()
    # The file says the day it was made: the page cache may keep it until that day ends, no longer.
    fresh_until(next_midnight(made_on))
    with open(finders.find(OFFLINE_STYLESHEET), encoding="utf-8") as stylesheet:
        styles = stylesheet.read()
    context.update(
        made_on=made_on,
        licence_url=LICENCE_URL,
        # Our own stylesheet file, read from disk: nothing in it comes from a reader.
        styles=mark_safe(styles),  # noqa: S308
    )
    response = _render(request, "pathways/role_offline.html", context, shown)
    response["Content-Disposition"] = f'attachment; filename="pathway-{context["role"].slug}-{current_language()}.html"'
    return response


@require_safe
def role_pdf(request, slug):
    """The pathway as a PDF to print or share (pathways/pdf.py): rendered once per language until the content
    changes, downloaded under the role's name."""

    def build():
        context, shown = _absolute_pathway(request, slug)
        context["translation"] = translation_status(shown)
        label = gettext("Open the latest version of this pathway on the Hub:")
        return field_text(context["role"], "name").value, pdf.render(context, label)

    name, content = pdf.cached(request, build)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = pdf.disposition(name, slug, current_language())
    return response
