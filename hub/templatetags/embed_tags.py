"""oEmbed discovery: the ``<link rel="alternate" type="application/json+oembed">`` an embeddable page carries in
its ``<head>``, so a link pasted into a consumer (a wiki, a chat, a blog) can find the Hub's card."""

from django import template
from django.utils.html import format_html

from framework.models import EngagementLevel, Skill
from hub.embed_views import TITLE_FIELDS, oembed_url
from hub.embeds import target_for_path
from hub.i18n import field_text
from pathways.models import Role
from resources.models import ResourcePage

register = template.Library()

# Where each page's view puts the object it shows, and what that object must be. Reading the object from the
# context costs no query, and a "not found" page at an embeddable-looking path has none, so it gets no link.
_CONTEXT_OBJECTS = {
    "level": ("level", EngagementLevel),
    "skill": ("item", Skill),
    "role": ("role", Role),
    "resource": ("page", ResourcePage),
}


@register.simple_tag(takes_context=True)
def oembed_discovery(context):
    """The oEmbed discovery link for the page being rendered, or nothing when the page has no embed."""
    request = context.get("request")
    if request is None:
        return ""
    target = target_for_path(request.path)
    if target is None:
        return ""
    name, model = _CONTEXT_OBJECTS[target.kind]
    obj = context.get(name)
    if not isinstance(obj, model) or obj.slug != target.slug:
        return ""
    if target.kind == "resource" and not obj.live:
        return ""  # a draft seen in the admin's preview has no public card
    page_url = request.build_absolute_uri(request.path)
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">',
        oembed_url(request, page_url),
        field_text(obj, TITLE_FIELDS[target.kind], target.lang).value,
    )
