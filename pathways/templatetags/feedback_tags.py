"""The feedback form ("Did this help?" and "Report a problem") for a pathway step, as a template tag of the
pathways app, which owns the feedback. A guide's page gets the same form as a panel (``pathways.feedback``,
registered on the ``resource`` slot: core/panels.py), so resources neither imports pathways nor loads this
library."""

from django import template

from ..feedback import feedback_form_context

register = template.Library()


@register.inclusion_tag("pathways/includes/feedback_form.html", takes_context=True)
def feedback_form(context, resource=None, step=None, heading_level=2):
    """The two small forms for ``resource`` (a resource page) or ``step`` (a pathway step), and the thanks when
    the reader has just sent one. No query: the page and its step are already loaded."""
    return feedback_form_context(context["request"], resource=resource, step=step, heading_level=heading_level)
