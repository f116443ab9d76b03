"""The public "Announce a learning opportunity" form: what an organiser tells curators, checked with the model's
own rules, stored as a draft page that only a curator can publish."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.i18n import current_language

from .choices import EventFormat, OpportunityKind
from .models import OpportunityPage

FIELDS = (
    "title",
    "summary",
    "kind",
    "event_format",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "time_zone",
    "recurrence",
    "venue_name",
    "city",
    "country",
    "online_url",
    "registration_url",
    "registration_deadline",
    "organiser_name",
    "organiser_url",
)


class AnnounceForm(forms.Form):
    """``website`` is a honeypot: people never see it, bots fill it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("What is it about?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(label=_("Kind"), choices=OpportunityKind.choices)
    event_format = forms.ChoiceField(label=_("Format"), choices=EventFormat.choices)
    start_date = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_date = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.CharField(
        label=_("Time zone"), max_length=64, initial="UTC", help_text=_("An IANA name, e.g. Africa/Nairobi.")
    )
    recurrence = forms.CharField(
        label=_("Repeats (RRULE)"),
        max_length=300,
        required=False,
        help_text=_("Optional, e.g. FREQ=MONTHLY;BYDAY=3WE."),
    )
    venue_name = forms.CharField(label=_("Place"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    online_url = forms.URLField(label=_("Joining link"), max_length=500, required=False, assume_scheme="https")
    registration_url = forms.URLField(
        label=_("Registration link"), max_length=500, required=False, assume_scheme="https"
    )
    registration_deadline = forms.DateField(
        label=_("Registration deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    organiser_name = forms.CharField(label=_("Organiser"), max_length=200)
    organiser_url = forms.URLField(label=_("Organiser's page"), max_length=500, required=False, assume_scheme="https")
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs["class"] = "cdx-text-area__textarea"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "cdx-select"
            else:
                widget.attrs["class"] = "cdx-text-input__input"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self):
        """True when the honeypot was filled."""
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    @property
    def visible_fields_in_order(self):
        """The fields people fill in, without the honeypot."""
        return [field for field in self if field.name != "website"]

    def page(self):
        """The unsaved draft page from the cleaned data, texts in the reader's language (and English, which the
        admin needs, until a curator writes it)."""
        data = {name: self.cleaned_data.get(name) for name in FIELDS}
        lang = current_language()
        values = {name: value for name, value in data.items() if value is not None}
        for name in ("title", "summary", "venue_name", "registration_url"):
            text = values.pop(name, "") or ""
            values.update({f"{name}_en": text, f"{name}_{lang}": text, name: text})
        return OpportunityPage(live=False, **values)

    def clean(self):
        """The model's own rules (zone, rule, dates, link or place), as errors on the fields at fault."""
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for field, error in self.page().field_errors().items():
            self.add_error(field if field in self.fields else None, error)
        return cleaned

    def save(self, index):
        """Store the announcement as a draft under ``index`` (never published here); returns the page."""
        page = self.page()
        base = slugify(page.title_en)[:60] or "opportunity"
        slug, number = base, 1
        taken = set(OpportunityPage.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        page.slug = slug
        index.add_child(instance=page)
        page.save_revision()
        return page
