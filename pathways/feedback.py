"""Readers' feedback on a guide's page or a pathway step: "Did this help? yes / no" and "Report a problem".

Why the form carries no CSRF token: it sits on the guide and pathway pages, which the page cache and Varnish
keep for every anonymous visitor, and neither stores a response that sets a cookie, as ``{% csrf_token %}``
does (docs/performance.md, "The feedback form"). A token on those pages would make them uncacheable, and a
token in a cached page would reach other visitors. So the endpoint is CSRF-exempt, and a forged post from
another site is refused by an ``Origin``/``Referer`` check instead (``core.request.is_same_origin``); the
honeypot and the per-client rate limit in the shared cache are the suggestion form's. Nothing a visitor posts
here is tied to a session, so there is no session to ride on: the check only keeps other sites from sending
reports through their visitors' browsers.
"""

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.panels import register_panel
from core.ratelimits import count_submission, over_limit
from core.request import is_same_origin
from resources.models import ResourcePage

from .choices import FeedbackKind, ProblemReason
from .models import FEEDBACK_TEXT_MAX_LENGTH, Feedback, PathwayStep

RATE_GROUP = "pathways:feedback"
# The value of ``?feedback=`` on the page the reader comes back to: the thanks are shown there
# (registered with the page cache for resource pages and pathway pages).
THANKS_PARAM = "feedback"


def feedback_form_context(request, resource=None, step=None, heading_level=2):
    """What ``pathways/includes/feedback_form.html`` shows for ``resource`` (a resource page) or ``step`` (a
    pathway step): the form's fields and the thanks when the reader has just sent one. No query."""
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


def register_panels():
    """The form on a guide's page, as the ``resource`` slot's panel (core/panels.py)."""
    register_panel(
        "resource",
        "feedback",
        "pathways/includes/feedback_form.html",
        lambda request, page: feedback_form_context(request, resource=page),
    )


# The largest primary key a database column holds (a bigint): a larger number in a hidden field is refused by the
# form, not passed to the database (SQLite raises OverflowError, PostgreSQL "bigint out of range").
LARGEST_ID = 2**63 - 1


class FeedbackForm(forms.Form):
    """One reader's answer. Exactly one of ``resource`` and ``step`` names the page; ``website`` is the honeypot."""

    resource = forms.IntegerField(required=False, min_value=1, max_value=LARGEST_ID, widget=forms.HiddenInput)
    step = forms.IntegerField(required=False, min_value=1, max_value=LARGEST_ID, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=FeedbackKind.choices, widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=ProblemReason.choices, required=False, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Anything to add? (optional)"),
        max_length=FEEDBACK_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "cdx-text-area__textarea"}),
        help_text=_("Up to 1,000 characters. Curators read it; please do not include personal details."),
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.target = None

    @property
    def is_spam(self):
        """True when the honeypot was filled: answered as a success, stored nowhere."""
        return bool(self.data.get("website", "").strip())

    def clean(self):
        data = super().clean()
        resource_id, step_id = data.get("resource"), data.get("step")
        if bool(resource_id) == bool(step_id):
            raise forms.ValidationError(_("This feedback does not name a page of the Hub."), code="no_page")
        if resource_id:
            self.target = ResourcePage.objects.live().public().filter(pk=resource_id).first()
        else:
            self.target = PathwayStep.objects.select_related("role").filter(pk=step_id).first()
        if self.target is None:
            raise forms.ValidationError(_("The page this feedback is about no longer exists."), code="no_page")
        if data.get("kind") == FeedbackKind.PROBLEM:
            if not data.get("reason"):
                self.add_error("reason", _("Choose what is wrong."))
        else:
            # "Yes" and "No" are one click each: nothing else is kept with them.
            data["reason"], data["text"] = "", ""
        return data

    def save(self):
        """Store the feedback with its page and the language the reader used."""
        data = self.cleaned_data
        target = {"resource": self.target} if isinstance(self.target, ResourcePage) else {"step": self.target}
        return Feedback.objects.create(
            **target, language=get_language(), kind=data["kind"], reason=data["reason"], text=data["text"]
        )


def page_of(target):
    """The page the feedback was sent from, with the thanks parameter and the anchor of the form."""
    if isinstance(target, ResourcePage):
        return f"{target.url}?{THANKS_PARAM}=sent#feedback"
    return f"{target.role.get_absolute_url()}?{THANKS_PARAM}={target.pk}#step-{target.pk}"


def _answer(request, form, status, **context):
    """A page of its own for what cannot go back to the guide: errors, the rate limit, a refused origin."""
    back = page_of(form.target).split("?", 1)[0] if form is not None and form.target is not None else None
    return render(request, "pathways/feedback.html", {"form": form, "back": back, **context}, status=status)


@csrf_exempt  # Protected by the origin check below instead; see the module's docstring.
@require_POST
def post_feedback(request):
    """Store a reader's feedback and send them back to the page with thanks (POST, redirect, GET)."""
    if not is_same_origin(request):
        return _answer(request, None, 403, refused=True)
    limit = settings.FEEDBACK_PER_HOUR
    form = FeedbackForm(request.POST)
    if over_limit(request, RATE_GROUP, limit):
        form.is_valid()  # only to find the page to link back to
        return _answer(request, form, 429, rate_limited=True)
    valid = form.is_valid()
    if form.is_spam:
        count_submission(request, RATE_GROUP, limit)
        if form.target is not None:
            return redirect(page_of(form.target))
        return _answer(request, form, 400)
    if not valid:
        return _answer(request, form, 400)
    form.save()
    count_submission(request, RATE_GROUP, limit)
    return redirect(page_of(form.target))
