"""Template tags shared by every app: translated fields with honest fallbacks, language links, the panels that
higher apps add to a page (core/panels.py)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, get_language_info
from django.utils.translation import gettext as _
from wagtail.templatetags.wagtailcore_tags import richtext

from core.i18n import FieldText, current_language, field_text
from core.panels import render_panels
from core.search import highlight as highlight_terms
from core.translation_requests import requests_for
from core.translations import is_outdated

register = template.Library()


@register.simple_tag
def tr(obj, field, rich=False, highlight=None):
    """Render ``obj.field`` in the reader's language. An English fallback is wrapped in an element with
    ``lang="en"`` (and ``dir="ltr"`` on right-to-left pages) and the one fallback style; no hint text, which would
    land inside headings and sentences (the page says once how complete it is). ``highlight``: search terms
    (``core.search.terms``) whose words are marked in a plain field."""
    text = field_text(obj, field)
    if rich:
        body = richtext(text.value) if text.value else ""
        tag = "div"
    else:
        body = highlight_terms(text.value, highlight, text.lang) if highlight else text.value
        tag = "span"
    if not text.is_fallback:
        if text.lang != settings.MODELTRANSLATION_DEFAULT_LANGUAGE and is_outdated(obj, field, text.lang):
            return outdated_marker(obj, field, body, rich)
        # Escaped here, and marked safe, so that ``{% tr … as name %}`` holds HTML as the fallback's does: a filter
        # that reads HTML (truncatewords_html) then escapes nothing a second time ("Programs &amp;amp; Events").
        return conditional_escape(body)
    # English inside a right-to-left page keeps its own direction.
    direction = "ltr" if get_language_bidi() else ""
    return format_html(
        '<{tag} lang="{lang}"{dir_attr} class="hub-fallback">{body}</{tag}>',
        tag=tag,
        lang=text.lang,
        dir_attr=format_html(' dir="{}"', direction) if direction else "",
        body=body,
    )


def outdated_marker(obj, field, body, rich):
    """A translation made from an older English text, marked as such. Rich text (a block) carries the current
    English in a ``<details>``, one click away without script; an inline text, which may sit inside a heading or a
    link, carries only the mark, and the page's translation notice links to the English page."""
    english = getattr(obj, f"{field}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", "") or ""
    message = _("This translation may be out of date")
    direction = format_html(' dir="{}"', "ltr") if get_language_bidi() else ""
    if not rich:
        return format_html('<span class="hub-outdated" title="{}">{}</span>', message, conditional_escape(body))
    return format_html(
        '<div class="hub-outdated">{body}<details class="hub-outdated__english"><summary>{summary}</summary>'
        '<div lang="en"{dir_attr}>{english}</div></details></div>',
        body=conditional_escape(body),
        summary=_("This translation may be out of date: show the English"),
        dir_attr=direction,
        english=richtext(english) if english else "",
    )


@register.simple_tag(takes_context=True)
def language_url(context, code):
    """The current page's address in the language ``code`` (the translation notice's link to the English)."""
    request = context.get("request")
    return translate_url(request.get_full_path() if request else "/", code)


@register.simple_tag
def shown(text):
    """Render a ``core.i18n.FieldText`` (a name already chosen for the reader) marked as :func:`tr` marks a
    fallback when it is in another language than the page's: ``lang`` and, on right-to-left pages or for a
    right-to-left text on a left-to-right page, the direction of its own language."""
    if not isinstance(text, FieldText):
        return text or ""
    if text.lang == current_language():
        return text.value
    try:
        text_bidi = get_language_info(text.lang)["bidi"]
    except KeyError:
        text_bidi = None
    direction = ""
    if text_bidi is None:
        direction = "auto"
    elif text_bidi != get_language_bidi():
        direction = "rtl" if text_bidi else "ltr"
    return format_html(
        '<span lang="{lang}"{dir_attr} class="hub-fallback">{body}</span>',
        lang=text.lang,
        dir_attr=format_html(' dir="{}"', direction) if direction else "",
        body=text.value,
    )


@register.simple_tag
def tr_text(obj, field):
    """The plain value of ``obj.field`` in the reader's language or English, for attributes and titles."""
    return field_text(obj, field).value


@register.simple_tag
def tr_own(obj, field):
    """``obj.field`` in the reader's language only (empty when it would fall back to English): for a listing
    whose own text describes it only when translated, a translated generic sentence otherwise."""
    text = field_text(obj, field)
    return "" if text.is_fallback else text.value


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, to_home=False):
    """Links to the current page in every language of the site (to each language's home page
    with ``to_home``, for pages such as "not found" that have no counterpart)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = current_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = f"/{code}/" if to_home else translate_url(path, code)
        info = get_language_info(code)
        links.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current, "bidi": info["bidi"]}
        )
    return {"links": links}


@register.simple_tag
def tr_map(mapping):
    """Render a ``{"en": …, "es": …}`` mapping from a data file in the reader's language, marking an
    English fallback the same way as :func:`tr`."""
    if not isinstance(mapping, dict):
        return mapping or ""
    lang = current_language()
    if mapping.get(lang):
        return mapping[lang]
    english = mapping.get(settings.MODELTRANSLATION_DEFAULT_LANGUAGE, "")
    if not english:
        return ""
    direction = mark_safe(' dir="ltr"') if get_language_bidi() else ""  # noqa: S308 (a constant)
    return format_html('<span lang="en"{} class="hub-fallback">{}</span>', direction, english)


@register.simple_tag
def translation_note(obj):
    """The translators' note for the reader's language, if its wording is marked as uncertain."""
    notes = getattr(obj, "translation_notes", None) or {}
    return notes.get(current_language()) or {}


@register.simple_tag(takes_context=True)
def page_panels(context, slot, obj):
    """The panels registered for ``slot`` (core/panels.py), rendered for ``obj``, in order."""
    return render_panels(context, slot, obj)


@register.filter
def startswith(value, prefix):
    """Whether the text ``value`` starts with ``prefix`` (the header marks the section a page belongs to)."""
    return bool(prefix) and str(value or "").startswith(str(prefix))


@register.simple_tag(takes_context=True)
def translation_requests(context):
    """How many readers asked for the current page in its language (one query; only the pages not complete in
    that language show it)."""
    request = context.get("request")
    if request is None:
        return 0
    return requests_for(request.path, current_language())
