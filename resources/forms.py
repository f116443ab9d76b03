"""Public forms of the resources app: the "Suggest a resource" form."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from core.i18n import field_text
from framework.models import EngagementLevel

from .choices import OTHER_LANGUAGE
from .models import ResourceSuggestion

# Languages guides are commonly written in; a resource's language need not be one of the Hub's own.
RESOURCE_LANGUAGE_CODES = ("en", "es", "fr", "ar", "pt", "de", "it", "ru", "zh-hans", "ja", "hi", "id", "sw", "fa")


def resource_language_choices():
    """Each language named in itself (readers find their own language whatever the page's), then "other"."""
    choices = [(code, get_language_info(code)["name_local"]) for code in RESOURCE_LANGUAGE_CODES]
    return [*choices, (OTHER_LANGUAGE, _("Another language"))]


class LevelChoiceField(forms.ModelChoiceField):
    """Engagement levels by order, named in the reader's language (English when untranslated)."""

    def label_from_instance(self, obj):
        return field_text(obj, "name").value


class WebURLField(forms.URLField):
    """A URL field for web links only: Django's default also accepts ftp:// and ftps://."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class SuggestionForm(forms.ModelForm):
    """What a visitor tells us about a guide. ``website`` is a honeypot: people never see it, bots fill it."""

    url = WebURLField(
        label=_("Link to the resource"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The address where the guide can be read, starting with https:// or http://."),
    )
    language = forms.ChoiceField(label=_("Language of the resource"), choices=resource_language_choices)
    level = LevelChoiceField(
        label=_("Engagement level"),
        queryset=EngagementLevel.objects.order_by("order"),
        required=False,
        empty_label=_("Not sure"),
        help_text=_("Who the guide helps most, if you know."),
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    class Meta:
        model = ResourceSuggestion
        fields = ["title", "url", "description", "language", "level", "contact"]
        labels = {
            "title": _("Title"),
            "description": _("Why is it useful?"),
            "contact": _("Your username or email"),
        }
        help_texts = {
            "description": _("What the guide covers and who it is for (up to 2,000 characters)."),
            "contact": _("Only curators see it, and only to ask you about this suggestion."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].required = False
        # Someone reading the Hub in Spanish most likely suggests a guide in Spanish.
        if "language" not in self.initial and get_language() in RESOURCE_LANGUAGE_CODES:
            self.fields["language"].initial = get_language()
        # Codex's CSS-only components style the bare elements through these classes.
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                css = "cdx-text-area__textarea"
            elif isinstance(widget, forms.Select):
                css = "cdx-select"
            else:
                css = "cdx-text-input__input"
            widget.attrs["class"] = css
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self):
        """True when the honeypot was filled: the submission is answered politely and thrown away."""
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    @property
    def visible_fields_in_order(self):
        """The fields people fill in, without the honeypot (the template renders that one apart)."""
        return [field for field in self if field.name != "website"]
