"""Fields of the hub's pages translated with wagtail-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import HomePage


@register(HomePage)
class HomePageTR(TranslationOptions):
    """The home page's lead and introduction, per language (title comes from Page)."""

    fields = ("lead", "intro")
