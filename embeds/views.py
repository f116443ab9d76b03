"""Embed views and the oEmbed endpoint (DESIGN.md, Embedding).

An embed is a compact card for a level, a skill, a role's pathway or a resource that any site may frame. It
needs no cookie or session, so the views render their template without a request (no context processors, no
CSRF token) and say so to caches. ``/oembed/`` answers oEmbed 1.0 consumers with an iframe of that card.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from core.i18n import field_text
from core.request import whole_number
from framework.models import Activity, EngagementLevel, Skill
from pathways.models import PathwayStep, Role
from resources.choices import ResourceType
from resources.models import ResourcePage
from resources.queries import external_link

from .registry import EMBED_KINDS, EmbedTarget, target_for_path

# How many items of a list a card shows before "and N more": a card is a teaser, the full page has the rest.
FEW = 6

# Anonymous, identical for everyone: caches may keep a card for a while.
EMBED_MAX_AGE = 300
# Wider than any screen: larger values are taken as this.
MAX_DIMENSION = 10_000

# oEmbed: the iframe's size when the consumer sets no limit (the card itself is responsive).
DEFAULT_WIDTH = 500
DEFAULT_HEIGHT = 400
OEMBED_CACHE_AGE = 3600
PROVIDER_NAME = "Movement Learning Hub"

KIND_LABELS = {
    "level": gettext_lazy("Engagement level"),
    "skill": gettext_lazy("Skill"),
    "role": gettext_lazy("Learning pathway"),
    "resource": gettext_lazy("Resource"),
}

# The field holding each kind's title, as the card and the oEmbed answer show it.
TITLE_FIELDS = {"level": "name", "skill": "name", "role": "name", "resource": "title"}


@dataclass
class Section:
    """A short list on the card: a heading, the items (each with the field to show and an optional link)."""

    heading: str
    items: list = field(default_factory=list)
    more: int = 0
    ordered: bool = False


def _level(slug):
    return (
        EngagementLevel.objects.prefetch_related(
            Prefetch("skills", queryset=Skill.objects.order_by("category", "position", "slug")),
            Prefetch("activities", queryset=Activity.objects.order_by("position", "slug")),
        )
        .filter(slug=slug)
        .first()
    )


def _skill(slug):
    return (
        Skill.objects.prefetch_related(
            Prefetch("levels", queryset=EngagementLevel.objects.order_by("order")),
            Prefetch("activities", queryset=Activity.objects.order_by("position", "slug")),
        )
        .filter(slug=slug)
        .first()
    )


def _role(slug):
    return (
        Role.objects.select_related("entry_level", "target_level")
        .prefetch_related(Prefetch("steps", queryset=PathwayStep.objects.order_by("sort_order", "pk")))
        .filter(slug=slug)
        .first()
    )


def _resource(slug):
    # Only a published page nobody restricted: a draft or a private guide has no public card.
    return (
        ResourcePage.objects.live()
        .public()
        .filter(slug=slug)
        .prefetch_related(Prefetch("levels", queryset=EngagementLevel.objects.order_by("order")))
        .first()
    )


_LOADERS = {"level": _level, "skill": _skill, "role": _role, "resource": _resource}


def embedded_object(kind, slug):
    """The level, skill, role or live resource page an embed shows, with what its card lists; None if none."""
    loader = _LOADERS.get(kind)
    return loader(slug) if loader else None


def _linked(request, objects, name_field="name"):
    """Items for a section, each linking to its own page on the Hub (absolute: the card lives in a frame)."""
    return [
        {"obj": obj, "field": name_field, "url": request.build_absolute_uri(obj.get_absolute_url())} for obj in objects
    ]


def _section(request, heading, objects, name_field="name", link=True, ordered=False, limit=FEW):
    objects = list(objects)
    shown = objects if limit is None else objects[:limit]
    if link:
        items = _linked(request, shown, name_field)
    else:
        items = [{"obj": obj, "field": name_field, "url": ""} for obj in shown]
    return Section(heading, items, len(objects) - len(shown), ordered)


def _card_context(request, kind, obj):
    """What the card shows for each kind: its summary field and a few short lists."""
    context = {"kind": kind, "kind_label": KIND_LABELS[kind], "obj": obj, "title_field": TITLE_FIELDS[kind]}
    if kind == "level":
        context["summary_field"] = "short_description"
        context["sections"] = [
            _section(request, _("Skills"), obj.skills.all()),
            _section(request, _("Activities"), obj.activities.all()),
        ]
    elif kind == "skill":
        context["summary_field"] = "description"
        context["sections"] = [
            _section(request, _("Levels"), obj.levels.all(), limit=None),
            _section(request, _("Activities that build it"), obj.activities.all()),
        ]
    elif kind == "role":
        context["summary_field"] = "summary" if field_text(obj, "summary").value else "description"
        context["span"] = (obj.entry_level, obj.target_level)
        context["sections"] = [
            _section(request, _("Steps"), obj.steps.all(), name_field="title", link=False, ordered=True, limit=None)
        ]
    else:
        levels = list(obj.levels.all())
        languages = list(obj.languages.order_by("code"))
        context["summary_field"] = "summary"
        if obj.resource_type in ResourceType.values:
            context["kind_label"] = ResourceType(obj.resource_type).label
        context["external_link"] = external_link(obj, languages)
        context["sections"] = [_section(request, _("Levels"), levels, limit=None)]
    return context


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Consumers fetch oEmbed data from their own pages' scripts as well as from their servers.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@xframe_options_exempt
def embed(request, kind, slug):
    """A compact, frameable card for a level, skill, role or resource: no session, no cookie, any ancestor."""
    obj = embedded_object(kind, slug) if kind in EMBED_KINDS else None
    if obj is None:
        raise Http404
    target = EmbedTarget(kind, slug, request.LANGUAGE_CODE)
    context = _card_context(request, kind, obj)
    context["page_url"] = request.build_absolute_uri(target.page_path())
    # No request: the context processors would read the user (and so the session) and offer a CSRF token.
    response = HttpResponse(render_to_string("embeds/card.html", context))
    response.frame_ancestors = "*"
    patch_cache_control(response, public=True, max_age=EMBED_MAX_AGE)
    return response


def _dimension(request, name):
    """A positive integer ``maxwidth``/``maxheight`` parameter, None when absent; ValueError otherwise."""
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    value = whole_number(raw, minimum=1, maximum=MAX_DIMENSION)
    if value is None:
        raise ValueError(_("%(name)s must be a positive whole number of pixels.") % {"name": name})
    return value


@require_safe
def oembed(request):
    """The oEmbed 1.0 provider: a ``rich`` answer whose HTML is an iframe of the page's embed card."""
    url = request.GET.get("url", "").strip()
    if not url:
        return _json({"error": _("The url parameter is required.")}, status=400)
    response_format = request.GET.get("format", "json")
    if response_format == "xml":
        return _json({"error": _("Only the json format is implemented.")}, status=501)
    if response_format != "json":
        return _json({"error": _("Unknown format: use json.")}, status=400)
    try:
        maxwidth = _dimension(request, "maxwidth")
        maxheight = _dimension(request, "maxheight")
    except ValueError as error:
        return _json({"error": str(error)}, status=400)

    parts = urlsplit(url)
    not_found = _json({"error": _("No embeddable page of this site at that URL.")}, status=404)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.get_host().lower():
        return not_found
    target = target_for_path(parts.path)
    if target is None:
        return not_found
    with override(target.lang):
        obj = embedded_object(target.kind, target.slug)
        if obj is None:
            return not_found
        title = field_text(obj, TITLE_FIELDS[target.kind], target.lang).value
        width = min(DEFAULT_WIDTH, maxwidth) if maxwidth else DEFAULT_WIDTH
        height = min(DEFAULT_HEIGHT, maxheight) if maxheight else DEFAULT_HEIGHT
        frame_title = _("%(title)s on the Movement Learning Hub") % {"title": title}
        html = format_html(
            '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" data-hub-embed '
            'style="border: 1px solid #c8ccd1; border-radius: 2px; max-width: 100%;"></iframe>',
            request.build_absolute_uri(target.embed_path()),
            width,
            height,
            frame_title,
        )
    return _json(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": PROVIDER_NAME,
            "provider_url": request.build_absolute_uri("/"),
            "cache_age": OEMBED_CACHE_AGE,
            "width": width,
            "height": height,
            "html": str(html),
        }
    )


def oembed_url(request, page_url):
    """The absolute address of the oEmbed answer for ``page_url`` (for the discovery link)."""
    return request.build_absolute_uri(reverse("oembed")) + "?" + urlencode({"url": page_url, "format": "json"})
