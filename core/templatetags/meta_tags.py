"""Template tags for what a page says about itself: its title and description captured once for the
``<head>`` and link previews."""

import html

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()

# Link previews cut descriptions around here (Open Graph consumers show about two lines).
DESCRIPTION_LENGTH = 300


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
