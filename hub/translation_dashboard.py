"""What the translators' dashboard shows (issue #12, point 2): per language and content type, how many fields are
complete, outdated, missing and awaiting review, and, for a drill-down, each object's state with a link to its
edit form opened on the language and how many readers asked for it in that language.

Every kind of content comes from ``hub.translated_content`` (the list ``translation_status`` and the PO exchange
use) and is read once, as ``.values()`` of only the columns the counts need (``core.translations.tally``): the
table reads one query per model, a drill-down one for its model (or one per model for all of them) plus one for
the requests and one for the site's root, whatever the amount of content. The views are in
``hub/translation_dashboard_admin.py``."""

import csv
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from core.i18n import FieldTally, default_language
from core.models import TranslationRequest
from core.translation_requests import page_key
from core.translations.tally import add_up, object_state, read_rows
from framework.models import FrameworkInfo
from hub.translated_content import MappingTexts, content_types
from pathways.models import PathwayStep, Role

#: What each kind is called on the dashboard (the keys are the labels of ``hub.translated_content``).
KIND_TITLES = {
    "levels": _("Levels"),
    "skills": _("Skills"),
    "behaviors": _("Behaviors"),
    "activities": _("Activities"),
    "sources": _("Sources"),
    "about (context)": _("About page (context)"),
    "roles": _("Roles"),
    "pathway steps": _("Pathway steps"),
    "self-assessment": _("Self-assessment"),
    "home page": _("Home page"),
    "resource index": _("Resource index"),
    "resources": _("Resources"),
    "tags": _("Tags"),
}


def languages():
    """The languages translated from English, in the settings' order."""
    return [code for code in settings.MODELTRANSLATION_LANGUAGES if code != default_language()]


def language_name(code):
    """The language's name in the admin's language."""
    return translation.get_language_info(code)["name_translated"]


@dataclass(frozen=True)
class Kind:
    """A kind of translated content as the dashboard names it (``slug`` in its addresses)."""

    slug: str
    label: str
    title: str
    source: object  # the ContentKind of hub.translated_content


def kinds():
    """Every kind of translated content, in the order of ``hub.translated_content`` (nothing is read yet)."""
    return [
        Kind(slugify(kind.label), kind.label, KIND_TITLES.get(kind.label, kind.label), kind) for kind in content_types()
    ]


def kind_for(slug):
    """The :class:`Kind` named ``slug``, or None."""
    return next((kind for kind in kinds() if kind.slug == slug), None)


# --- Reading the objects --------------------------------------------------------------------------------------


def _extra_columns(model):
    concrete = {field.name for field in model._meta.concrete_fields}
    extra = [name for name in ("slug", "key") if name in concrete]
    if issubclass(model, Page):
        extra.append("url_path")
    if model is PathwayStep:
        extra += ["role_id", "role__slug"]
    return extra


def read_kind(kind):
    """The objects of ``kind`` as rows of only the columns the dashboard needs, in one query (the self-assessment
    from its file)."""
    model = kind.source.model
    if model is None:
        return kind.source.objects
    if model is FrameworkInfo:
        return [
            MappingTexts(row["data"], owner=SimpleNamespace(key=row["key"], pk=row["pk"]))
            for row in model.objects.values("pk", "key", "data")
        ]
    queryset = model.objects.all()
    if model is PathwayStep:
        queryset = queryset.order_by("role__position", "role__slug", "sort_order", "key")
    return read_rows(queryset, extra=_extra_columns(model))


# --- The table -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One language and kind: the field counts (``core.i18n.FieldTally``) and how many await review."""

    tally: object
    unreviewed: int

    @property
    def percent(self):
        """Percent complete, an outdated translation counting as half (as on the pages)."""
        return self.tally.percent


def table(selected_kinds, selected_languages):
    """``[(kind, {lang: Cell})]`` for the kinds and languages asked for, plus the totals row ``(None, {...})``."""
    rows = []
    for kind in selected_kinds:
        objects = read_kind(kind)
        cells = {}
        for lang in selected_languages:
            tally, unreviewed = add_up(object_state(obj, lang) for obj in objects)
            cells[lang] = Cell(tally, unreviewed)
        rows.append((kind, cells))
    rows.append((None, {lang: _sum([cells[lang] for _kind, cells in rows]) for lang in selected_languages}))
    return rows


def _sum(cells):
    return Cell(
        FieldTally(
            sum(cell.tally.current for cell in cells),
            sum(cell.tally.outdated for cell in cells),
            sum(cell.tally.missing for cell in cells),
        ),
        sum(cell.unreviewed for cell in cells),
    )


def language_totals(selected_languages):
    """``{lang: Cell}`` over all content: the admin home's panel."""
    return table(kinds(), selected_languages)[-1][1]


# --- The drill-down -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One object in a drill-down: its kind, its name, its state in the language, how many readers asked for it
    in that language, and the address of its edit form opened on the language (empty: edited elsewhere)."""

    kind: Kind
    name: str
    identifier: str
    state: object
    requests: int
    edit_url: str

    @property
    def order(self):
        """Untranslated first, then partly translated, outdated, awaiting review, done; most-requested first in
        each group."""
        state = self.state
        if state.untranslated:
            group = 0
        elif state.missing:
            group = 1
        elif state.outdated:
            group = 2
        elif state.unreviewed:
            group = 3
        else:
            group = 4
        return (group, -self.requests, self.name.casefold(), self.identifier)


def _site_root_path():
    """The ``url_path`` of the default site's root page (the public paths of pages are relative to it)."""
    row = Site.objects.filter(is_default_site=True).values_list("root_page__url_path", flat=True).first()
    return row or "/"


def _public_key(model, row, lang, root_path):
    """The object's public page as the request counts name it (``core.translation_requests.page_key``), or None."""
    if issubclass(model, Page):
        url_path = getattr(row, "url_path", "") or ""
        if not url_path.startswith(root_path):
            return None
        return "/" + url_path[len(root_path) :]
    if model is PathwayStep:
        # A step is read on its role's page.
        model, slug = Role, row.role__slug
    else:
        slug = getattr(row, "slug", None)
    if slug is None or not hasattr(model, "get_absolute_url"):
        return None
    with translation.override(lang):
        try:
            return page_key(model(slug=slug).get_absolute_url(), lang)
        except NoReverseMatch:
            return None


def _edit_url(model, row, lang):
    """The object's edit form opened on ``lang`` (``?lang=``, read by ``core/static/core/js/admin_language.js``),
    or "" for content edited in a data file."""
    if issubclass(model, Page):
        url = reverse("wagtailadmin_pages:edit", args=[row.pk])
    elif model is PathwayStep:
        url = reverse(Role.snippet_viewset.get_url_name("edit"), args=[quote(row.role_id)])
    elif hasattr(model, "snippet_viewset"):
        url = reverse(model.snippet_viewset.get_url_name("edit"), args=[quote(row.pk)])
    else:
        return ""
    return f"{url}?lang={lang}"


def field_label(model, name):
    """A field's name as its edit form labels it (``name`` itself when the model has no such field)."""
    if model is None or model is FrameworkInfo:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _name(row):
    for field in row.translated_fields:
        value = getattr(row, f"{field}_{default_language()}", None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _identifier(model, row):
    if model is PathwayStep:
        return f"{row.role__slug}/{row.key}"
    return str(getattr(row, "slug", None) or getattr(row, "key", None) or "")


def drill_down(selected_kinds, lang):
    """The objects of ``selected_kinds`` in ``lang`` as :class:`Item` objects, untranslated and most-requested
    first."""
    requests = dict(TranslationRequest.objects.filter(language=lang).values_list("path", "count"))
    root_path = _site_root_path() if any(_is_pages(kind) for kind in selected_kinds) else "/"
    items = []
    for kind in selected_kinds:
        model = kind.source.model
        for position, row in enumerate(read_kind(kind)):
            state = object_state(row, lang)
            if model is None or model is FrameworkInfo:
                owner = getattr(row, "owner", None)
                name = owner.key if owner is not None else kind.title
                items.append(Item(kind, str(name), str(position), state, 0, ""))
                continue
            count = requests.get(_public_key(model, row, lang, root_path), 0)
            items.append(Item(kind, _name(row), _identifier(model, row), state, count, _edit_url(model, row, lang)))
    return sorted(items, key=lambda item: item.order)


def _is_pages(kind):
    model = kind.source.model
    return model is not None and issubclass(model, Page)


# --- CSV ------------------------------------------------------------------------------------------------------


def csv_response(filename, header, rows):
    """An attachment of ``rows`` under ``header`` as UTF-8 CSV (with a byte-order mark, so that a spreadsheet
    opens Arabic text as UTF-8)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(cell) for cell in header])
    for row in rows:
        writer.writerow(row)
    return response


def table_csv(rows, selected_languages):
    """The table as CSV: one line per kind and language."""
    header = [_("content type"), _("language"), _("fields"), _("complete"), _("outdated"), _("missing")]
    header += [_("unreviewed"), _("percent complete")]
    lines = []
    for kind, cells in rows:
        for lang in selected_languages:
            cell = cells[lang]
            tally = cell.tally
            name = kind.slug if kind is not None else "all"
            lines.append([name, lang, tally.wanted, tally.current, tally.outdated, tally.missing, cell.unreviewed])
            lines[-1].append(cell.percent)
    return csv_response("translations.csv", header, lines)


def drill_down_csv(items, lang, kind_slug):
    """A drill-down as CSV: one line per object."""
    header = [_("content type"), _("identifier"), _("name"), _("language"), _("fields"), _("missing fields")]
    header += [_("outdated fields"), _("unreviewed fields"), _("requests"), _("edit form")]
    lines = [
        [
            item.kind.slug,
            item.identifier,
            item.name,
            lang,
            item.state.wanted,
            " ".join(item.state.missing),
            " ".join(item.state.outdated),
            " ".join(item.state.unreviewed),
            item.requests,
            item.edit_url,
        ]
        for item in items
    ]
    return csv_response(f"translations-{lang}-{kind_slug or 'all'}.csv", header, lines)
