"""The listing's facet options, written in one pass.

A facet's options were one ``{% include %}`` each, with a ``{% tr %}`` and a ``{% blocktranslate count %}``
inside: the skill and tag facets make that about 170 sub-templates per rendering of ``/resources/``, a sixth of
the page's time. The markup is the same as the include's was; the names keep the fallback marking (``{% shown %}``)."""

from django import template
from django.utils.html import format_html_join
from django.utils.translation import ngettext

from core.templatetags.hub_tags import shown

register = template.Library()


@register.simple_tag
def facet_options(facet, options, part=""):
    """The checkboxes of ``options`` (a facet's top or folded options); ``part`` keeps their ids apart."""
    rows = []
    for number, option in enumerate(options, start=1):
        # The option's name for the reader (a FieldText), marked as {% tr %} marks a fallback.
        label = shown(option.label)
        rows.append(
            (
                facet.param,
                part,
                number,
                facet.param,
                option.value,
                " checked" if option.selected else "",
                facet.param,
                part,
                number,
                label,
                option.count,
                ngettext("result", "results", option.count),
            )
        )
    return format_html_join(
        "",
        '<div class="cdx-checkbox hub-listing__option">\n'
        '        <div class="cdx-checkbox__wrapper">\n'
        '          <input id="facet-{}-{}{}" class="cdx-checkbox__input" type="checkbox" name="{}" value="{}"{}>\n'
        '          <span class="cdx-checkbox__icon"></span>\n'
        '          <div class="cdx-checkbox__label cdx-label">\n'
        '            <label for="facet-{}-{}{}" class="cdx-label__label">\n'
        '              <span class="cdx-label__label__text">{}\n'
        '                <span class="hub-listing__count">({}<span class="hub-visually-hidden"> {}</span>)</span>'
        "</span>\n"
        "            </label>\n"
        "          </div>\n"
        "        </div>\n"
        "      </div>\n",
        rows,
    )
