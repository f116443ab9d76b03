"""oEmbed discovery, the ``<link rel="alternate" type="application/json+oembed">`` an embeddable page carries in
its ``<head>`` so that a link pasted into a consumer (a wiki, a chat, a blog) can find the Hub's card; and the
share panel's link, embed snippet and wikitext."""

import html

from django import template
from django.utils.html import format_html

from core.memo import memoised_for
from embeds.registry import target_for_path
from embeds.views import oembed_url

register = template.Library()

EMBED_HEIGHT = 400


@register.simple_tag(takes_context=True)
def oembed_discovery(context):
    """The oEmbed discovery link for the page being rendered, or nothing when the page has no embed."""
    request = context.get("request")
    if request is None:
        return ""
    # The same for every visitor of this address while the content stays the same (core/memo.py); an address
    # with no link (a page not found) is not kept.
    key = (request.scheme, request.get_host(), request.path)
    return memoised_for(request, "embeds:discovery", key, lambda: _discovery(context, request), keep=bool)


def _discovery(context, request):
    target = target_for_path(request.path)
    if target is None:
        return ""
    # The object the page's view put in its context, where its kind says: reading it costs no query, and a
    # "not found" page at an embeddable-looking path has none, so it gets no link.
    kind = target.kind
    obj = context.get(kind.context_name)
    if not isinstance(obj, kind.model) or obj.slug != target.slug or not kind.has_card(obj):
        return ""  # has_card: e.g. a draft seen in the admin's preview has no public card
    page_url = request.build_absolute_uri(request.path)
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">',
        oembed_url(request, page_url),
        kind.title(obj, target.lang),
    )


@register.simple_tag(takes_context=True)
def share_links(context):
    """What the share panel offers for a page of a registered embeddable kind, in the reader's language: the
    page link, the iframe snippet for its embed and a wikitext link; None elsewhere."""
    request = context.get("request")
    if request is None:
        return None
    target = target_for_path(request.path)
    if target is None:
        return None
    url = request.build_absolute_uri(request.path)
    embed_url = request.build_absolute_uri(target.embed_path())
    # The captured title is escaped HTML; the snippets are plain text that the template escapes once.
    title = html.unescape(str(context.get("page_title", ""))) or url
    iframe = (
        f'<iframe src="{html.escape(embed_url)}" width="100%" height="{EMBED_HEIGHT}" '
        f'title="{html.escape(title)}" loading="lazy"></iframe>'
    )
    # Wikitext ends the link text at "]"; a bracket in a title would cut it short.
    wikitext = f"[{url} {title.replace('[', '(').replace(']', ')')}]"
    return {"url": url, "embed_url": embed_url, "iframe": iframe, "wikitext": wikitext, "title": title}
