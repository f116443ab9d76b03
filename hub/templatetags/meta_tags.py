"""Template tags for what a page says about itself to other sites: its title and description captured
once for the ``<head>``, link previews, and the share panel's link, embed snippet and wikitext."""

import html

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from hub.embeds import target_for_path

register = template.Library()

# Link previews cut descriptions around here (Open Graph consumers show about two lines).
DESCRIPTION_LENGTH = 300

EMBED_HEIGHT = 400


class CaptureNode(template.Node):
    """Renders its contents into a context variable instead of the page."""

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The contents are already escaped by the template engine; whitespace from template layout is noise.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: render once, reuse as ``{{ name }}``. base.html wraps the
    ``title`` and ``description`` blocks in it, so each page states its title and description once and the
    ``<title>``, meta description, Open Graph and Twitter tags all reuse them."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter
def plaintext(value, length=DESCRIPTION_LENGTH):
    """Rich text as one line of plain text for a description (tags dropped, entities decoded, shortened)."""
    text = " ".join(html.unescape(strip_tags(str(value or ""))).split())
    return Truncator(text).chars(int(length))


@register.simple_tag(takes_context=True)
def share_links(context):
    """What the share panel offers for an embeddable page (level, skill, role, resource) in the reader's
    language: the page link, the iframe snippet for its embed and a wikitext link; None elsewhere."""
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
