"""Absolute links in API answers: to an item's HTML page under the response language's prefix, and to its detail
in this API with ``?lang=`` kept, so that a client can follow links without losing the language.

Each app registers the detail operation of each model it serves (:func:`register_detail`); any schema can then
link to any item, whichever app serves it, without importing that app's API.
"""

from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Page

from core.i18n import default_language

from .languages import response_language

_DETAIL_URL_NAMES = {}


def register_detail(model, url_name):
    """Say that the API detail of a ``model`` object is the operation named ``url_name`` (it takes ``slug``)."""
    _DETAIL_URL_NAMES[model] = url_name


def with_language(path, lang):
    """``path`` with ``?lang=`` unless ``lang`` is the default language (the API's default needs no parameter)."""
    return path if lang == default_language() else f"{path}?lang={lang}"


def public_url(obj, context):
    """Absolute URL of the item's HTML page in the response language (a Wagtail page or a model with
    ``get_absolute_url``)."""
    request = context["request"]
    with override(response_language(context)):
        path = obj.get_url(request) if isinstance(obj, Page) else obj.get_absolute_url()
    return request.build_absolute_uri(path)


def api_url(obj, context):
    """Absolute URL of the item's detail in this API, in the response language."""
    try:
        url_name = _DETAIL_URL_NAMES[type(obj)]
    except KeyError:
        raise LookupError(f"No API detail is registered for {type(obj).__name__} (core.api.links).") from None
    path = reverse(url_name, kwargs={"slug": obj.slug})
    return context["request"].build_absolute_uri(with_language(path, response_language(context)))
