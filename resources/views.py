"""Public views of the resources app that are not Wagtail pages: the "Suggest a resource" form."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from core.models import HubSettings
from core.ratelimits import count_submission, over_limit

from .forms import SuggestionForm

# Accepted submissions per client per hour: HubSettings.suggestion_limit (5 by default: enough for a
# curator-minded volunteer with a list, too few to flood the curators' queue).
RATE_GROUP = "resources:suggest"


def _limit():
    return HubSettings.current().suggestion_limit


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    """Show the form; on a valid POST store the suggestion for curators and redirect to the thanks page.
    A filled honeypot gets the same thanks and stores nothing; a client over its limit gets a 429."""
    if request.method != "POST":
        if request.GET.get("sent"):
            return render(request, "resources/suggest_thanks.html")
        return render(request, "resources/suggest.html", {"form": SuggestionForm()})

    form = SuggestionForm(request.POST)
    limit = _limit()
    if over_limit(request, RATE_GROUP, limit):
        # The visitor keeps what they typed; nothing is validated or stored.
        return render(request, "resources/suggest.html", {"form": form, "rate_limited": True}, status=429)
    if form.is_spam:
        count_submission(request, RATE_GROUP, limit)
        return redirect(_thanks_url())
    if not form.is_valid():
        return render(request, "resources/suggest.html", {"form": form})
    suggestion = form.save(commit=False)
    suggestion.submitted_in = get_language()
    suggestion.save()
    count_submission(request, RATE_GROUP, limit)
    return redirect(_thanks_url())


def _thanks_url():
    return f"{reverse('suggest-resource')}?sent=1"
