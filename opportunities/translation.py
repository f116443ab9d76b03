"""Translated fields of the opportunities app (wagtail-modeltranslation for pages): English fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import MentorshipIndexPage, MentorshipPage, OpportunityIndexPage, OpportunityPage


@register(OpportunityIndexPage)
class OpportunityIndexPageTR(TranslationOptions):
    fields = ("intro",)
    fallback_languages = {"default": ("en",)}


@register(MentorshipIndexPage)
class MentorshipIndexPageTR(TranslationOptions):
    fields = ("intro",)
    fallback_languages = {"default": ("en",)}


@register(OpportunityPage)
class OpportunityPageTR(TranslationOptions):
    """Title comes from Page; links may differ per language (a Spanish registration form)."""

    fields = ("summary", "description", "venue_name", "cost", "accessibility", "registration_url")
    fallback_languages = {"default": ("en",)}


@register(MentorshipPage)
class MentorshipPageTR(TranslationOptions):
    fields = ("summary", "description", "mentors_do", "duration", "become_mentor")
    fallback_languages = {"default": ("en",)}
