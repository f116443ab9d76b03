"""Fields of the ground floor's models translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import HubSettings


@register(HubSettings)
class HubSettingsTR(TranslationOptions):
    """The attribution is read in every language; names, addresses and numbers are not translated."""

    fields = ("attribution",)
