"""Embed views and the oEmbed endpoint (docs/architecture.md, Decisions: embedding).

An embed is a compact card of one of the registered kinds (``embeds/kinds.py``) that any site may frame. It needs
no cookie or session, so the views render their template without a request (no context processors, no CSRF
token) and say so to caches. ``/oembed/`` answers oEmbed 1.0 consumers with an iframe of that card.
"""

from urllib.parse import urlencode, urlsplit

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from core.models import HubSettings
from core.request import whole_number

from .registry import EmbedTarget, registry, target_for_path

# Anonymous, identical for everyone: caches may keep a card for a while.
EMBED_MAX_AGE = 300
# Wider than any screen: larger values are taken as this.
MAX_DIMENSION = 10_000

# oEmbed: the iframe's size when the consumer sets no limit (the card itself is responsive).
DEFAULT_WIDTH = 500
DEFAULT_HEIGHT = 400
OEMBED_CACHE_AGE = 3600


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Consumers fetch oEmbed data from their own pages' scripts as well as from their servers.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request, kind, slug):
    """A compact, frameable card of a registered kind: no session, no cookie, any ancestor."""
    entry = registry.get(kind)
    obj = entry.load(slug) if entry else None
    if obj is None:
        raise Http404
    target = EmbedTarget(entry, slug, request.LANGUAGE_CODE)
    context = entry.card_context(request, obj)
    context["page_url"] = request.build_absolute_uri(target.page_path())
    # No request: the context processors would read the user (and so the session) and offer a CSRF token.
    response = HttpResponse(render_to_string(entry.template, context))
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
        obj = target.kind.load(target.slug)
        if obj is None:
            return not_found
        title = target.kind.title(obj, target.lang)
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
            "provider_name": HubSettings.current().provider_name,
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
