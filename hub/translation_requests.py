"""Readers' "Request this in my language" on a page not complete in theirs (issue #12, point 6).

The button sits in the translation status line (``templates/includes/translation_status.html``) of pages that the
page cache and Varnish keep for everyone, so its form carries no CSRF token (a token sets a cookie, and a page
that sets one is not cached: docs/performance.md, "The feedback form"). The endpoint is CSRF-exempt and refuses
instead a post that does not come from a page of the site (``core.request.is_same_origin``), as the feedback form
does; each client may ask for a given page once an hour and for a few pages an hour (``core.ratelimits``, in the
shared cache). Nothing about the reader is kept, only a count per page and language. The counts are left out of
the page cache's version (``PAGE_CACHE_IGNORED_MODELS``): a reader's click must not empty the cache for everyone,
so a cached page shows its count as of its last rendering; the answer to the post shows the count at once.
"""

from django.conf import settings
from django.db.models import F
from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_info
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Site

from core.i18n import current_language, default_language
from core.models import TranslationRequest
from core.ratelimits import count_submission, over_limit
from core.request import is_same_origin
from core.translation_requests import page_key, requests_for

RATE_GROUP = "hub:translation-request"


def _is_page(request, path):
    """True when ``path`` is a public page of the site: a view of ours, or a live page of the Wagtail tree."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.url_name != "wagtail_serve":
        return match.url_name not in ("translation-request", "feedback", "suggest-resource")
    site = Site.find_for_request(request)
    if site is None:
        return False
    components = [part for part in path.split("/")[2:] if part]
    try:
        page, _args, _kwargs = site.root_page.specific.route(request, components)
    except Http404:
        return False
    return page.live


def _answer(request, status, **context):
    context["language_name"] = get_language_info(current_language())["name_local"]
    return render(request, "hub/translation_request.html", context, status=status)


@csrf_exempt  # Protected by the origin check below instead; see the module's docstring.
@require_POST
def post_request(request):
    """Count one reader's request for the page they came from, in the language of this URL, and say so."""
    if not is_same_origin(request):
        return _answer(request, 403, refused=True)
    lang = current_language()
    path = request.POST.get("path", "")
    key = page_key(path, lang)
    if lang == default_language() or key is None or not _is_page(request, path):
        return _answer(request, 400, unknown=True)
    per_page = f"{RATE_GROUP}:{lang}:{key}"
    if over_limit(request, RATE_GROUP, settings.TRANSLATION_REQUESTS_PER_HOUR):
        return _answer(request, 429, limited=True, back=path)
    if over_limit(request, per_page, 1):
        return _answer(request, 200, already=True, back=path, count=requests_for(path, lang))
    count_submission(request, RATE_GROUP, settings.TRANSLATION_REQUESTS_PER_HOUR)
    count_submission(request, per_page, 1)
    row, created = TranslationRequest.objects.get_or_create(path=key, language=lang, defaults={"count": 1})
    if not created:
        TranslationRequest.objects.filter(pk=row.pk).update(count=F("count") + 1)
    return _answer(request, 200, thanked=True, back=path, count=requests_for(path, lang))
