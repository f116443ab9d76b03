"""Public views of the resources app that are not Wagtail pages: the "Suggest a resource" form."""

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from core.models import HubSettings
from core.request import client_address

from .forms import SuggestionForm

# Accepted submissions per client per window: HubSettings.suggestion_limit (5 by default: enough for a
# curator-minded volunteer with a list, too few to flood the curators' queue).
SUGGESTION_WINDOW = 60 * 60  # seconds
RATE_KEY_PREFIX = "resources:suggest:"


def _rate_key(request):
    return f"{RATE_KEY_PREFIX}{client_address(request)}"


def _over_limit(request):
    """True when this client has used up its submissions for the current window."""
    return (cache.get(_rate_key(request)) or 0) >= HubSettings.current().suggestion_limit


def _count_submission(request):
    """Count one submission. ``add`` starts the window only when none is open; ``incr`` is atomic on Redis."""
    key = _rate_key(request)
    cache.add(key, 0, timeout=SUGGESTION_WINDOW)
    try:
        cache.incr(key)
    except ValueError:
        # The window closed between add and incr: this submission opens the next one.
        cache.set(key, 1, timeout=SUGGESTION_WINDOW)


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    """Show the form; on a valid POST store the suggestion for curators and redirect to the thanks page.
    A filled honeypot gets the same thanks and stores nothing; a client over its limit gets a 429."""
    if request.method != "POST":
        if request.GET.get("sent"):
            return render(request, "resources/suggest_thanks.html")
        return render(request, "resources/suggest.html", {"form": SuggestionForm()})

    form = SuggestionForm(request.POST)
    if _over_limit(request):
        # The visitor keeps what they typed; nothing is validated or stored.
        return render(request, "resources/suggest.html", {"form": form, "rate_limited": True}, status=429)
    if form.is_spam:
        _count_submission(request)
        return redirect(_thanks_url())
    if not form.is_valid():
        return render(request, "resources/suggest.html", {"form": form})
    suggestion = form.save(commit=False)
    suggestion.submitted_in = get_language()
    suggestion.save()
    _count_submission(request)
    return redirect(_thanks_url())


def _thanks_url():
    return f"{reverse('suggest-resource')}?sent=1"
