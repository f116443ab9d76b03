"""Values every template needs."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import override

from core.memo import memoised
from core.request import language_of_path, whole_number

# Open Graph wants a territory with the language; these are the ones link previews recognise.
OG_LOCALES = {"en": "en_US", "es": "es_ES", "fr": "fr_FR", "ar": "ar_AR"}


def site_context(request):
    """Site name, the CSP nonce for inline scripts, and this page's stable links (``page_links``)."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        # django-csp's lazy nonce: reading it in a template is what puts it into the page's policy.
        "csp_nonce": getattr(request, "csp_nonce", ""),
        # Lazy: partial templates (embeds, includes rendered alone) never pay for the URL work.
        "page_links": SimpleLazyObject(lambda: page_links(request)),
    }


def page_links(request):
    """The absolute canonical URL of the page and its URL in every language of the site, for
    ``rel=canonical``, ``hreflang`` alternates and Open Graph. Empty outside the language prefix."""
    path = request.path_info
    lang = language_of_path(path)
    if lang is None:
        return {}
    # A listing's later pages are pages of their own; every other parameter (filters, tracking) is not.
    number = whole_number(request.GET.get("page", ""), minimum=2)
    # The same for every request to this address (core/memo.py): eight URL resolutions otherwise.
    key = (request.scheme, request.get_host(), path, number)
    return memoised("core:page-links", key, lambda: _page_links(request, path, lang, number))


def _page_links(request, path, lang, number):
    query = f"?page={number}" if number else ""
    with override(lang):
        paths = {code: translate_url(path, code) for code in settings.LANGUAGE_CODES}
    urls = {code: request.build_absolute_uri(translated) + query for code, translated in paths.items()}
    alternates = [
        {"code": code, "url": urls[code], "og_locale": OG_LOCALES.get(code, code)} for code in settings.LANGUAGE_CODES
    ]
    return {
        "canonical": urls[lang],
        "alternates": alternates,
        "x_default": urls[settings.LANGUAGE_CODE],
        "og_locale": OG_LOCALES.get(lang, lang),
        "og_locale_alternates": [alt["og_locale"] for alt in alternates if alt["code"] != lang],
        "og_image": request.build_absolute_uri(static(settings.HUB_DEFAULT_OG_IMAGE)),
    }
