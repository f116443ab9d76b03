"""Translated fields of the framework (django-modeltranslation): English required, English fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Behavior, EngagementLevel, Skill, Source


class RequiredEnglish(TranslationOptions):
    """Every item needs its English name; other languages fall back to English."""

    fields = ("name", "description")
    required_languages = {"en": ("name",)}
    fallback_languages = {"default": ("en",)}


@register(EngagementLevel)
class EngagementLevelTR(RequiredEnglish):
    fields = ("name", "short_description", "description")


@register(Skill)
class SkillTR(RequiredEnglish):
    pass


@register(Behavior)
class BehaviorTR(RequiredEnglish):
    pass


@register(Activity)
class ActivityTR(RequiredEnglish):
    pass


@register(Source)
class SourceTR(TranslationOptions):
    fields = ("title", "note")
    fallback_languages = {"default": ("en",)}
