"""Translated fields of the resources app (wagtail-modeltranslation for pages)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ResourceIndexPage, ResourcePage, ResourceTag


@register(ResourceIndexPage)
class ResourceIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ResourcePage)
class ResourcePageTR(TranslationOptions):
    """Title comes from Page; the external link too may differ per language (a Spanish page of the guide)."""

    fields = ("summary", "body", "external_url", "audience", "estimated_time")
    fallback_languages = {"default": ("en",)}


@register(ResourceTag)
class ResourceTagTR(TranslationOptions):
    """What readers see of a tag; its name (what the admin and taggit match on) and slug stay one per tag."""

    fields = ("label",)
    fallback_languages = {"default": ("en",)}
