"""The feedback form ("Did this help?" and "Report a problem") for a guide's page or a pathway step. A template
tag of the pathways app, which owns the feedback; the resource page's template loads it as the level pages load
``opportunity_tags`` (docs/architecture.md), so the Python of resources stays unaware of it."""

from django import template

from ..choices import FeedbackKind, ProblemReason
from ..feedback import THANKS_PARAM
from ..models import FEEDBACK_TEXT_MAX_LENGTH

register = template.Library()


@register.inclusion_tag("pathways/includes/feedback_form.html", takes_context=True)
def feedback_form(context, resource=None, step=None, heading_level=2):
    """The two small forms for ``resource`` (a resource page) or ``step`` (a pathway step), and the thanks when
    the reader has just sent one. No query: the page and its step are already loaded."""
    request = context["request"]
    sent = request.GET.get(THANKS_PARAM, "")
    if resource is not None:
        field, target_id, prefix = "resource", resource.pk, "feedback"
        just_sent = sent == "sent"
    else:
        field, target_id, prefix = "step", step.pk, f"step-{step.pk}-feedback"
        just_sent = sent == str(step.pk)
    return {
        "field": field,
        "target_id": target_id,
        "prefix": prefix,
        "is_step": step is not None,
        "just_sent": just_sent,
        "heading_level": heading_level,
        "reasons": [
            {"value": value, "label": label, "id": f"{prefix}-reason-{value}"} for value, label in ProblemReason.choices
        ],
        "kinds": FeedbackKind,
        "max_length": FEEDBACK_TEXT_MAX_LENGTH,
    }
