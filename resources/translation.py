"""Translated fields of the resources app (wagtail-modeltranslation for pages)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ResourceIndexPage, ResourcePage


@register(ResourceIndexPage)
class ResourceIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ResourcePage)
class ResourcePageTR(TranslationOptions):
    """Title comes from Page; the external link too may differ per language (a Spanish page of the guide)."""

    fields = ("summary", "body", "external_url", "audience", "estimated_time")
    fallback_languages = {"default": ("en",)}
