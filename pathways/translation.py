"""Translated fields of roles and pathway steps: English required, English fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import PathwayStep, Role


@register(Role)
class RoleTR(TranslationOptions):
    fields = ("name", "summary", "description")
    required_languages = {"en": ("name",)}
    fallback_languages = {"default": ("en",)}


@register(PathwayStep)
class PathwayStepTR(TranslationOptions):
    """The external links too: a Spanish step may point at the Spanish page of a course."""

    fields = ("title", "description", "estimated_time", "first_action", "done_sign", "links")
    required_languages = {"en": ("title",)}
    fallback_languages = {"default": ("en",)}
