"""The filters of both listings and of the calendar feeds, read from GET parameters.

Every filter is a plain link (``?format=online&lang=ar&skill=event-organizing&month=2027-03``): options of one
filter are OR'ed, filters are AND'ed. Unknown values are ignored and named in a warning, never an error page;
a filter backed by the database costs one query to check its values, whatever the amount of content."""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.request import MAX_VALUE_LENGTH, clean_text, read_values
from framework.models import EngagementLevel, Skill
from pathways.models import Role
from resources.models import ResourceLanguage

from .choices import EventFormat, OpportunityKind, Region

# ASCII digits only: a month in other digits is not one a reader meant to type in a link.
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# How a month may be written in a link, for the page cache's registration (parse_month checks the rest).
MONTH = _MONTH


@dataclass
class Filter:
    """One multi-valued filter: its parameter, its label, the options it offers and those selected."""

    param: str
    label: object
    choices: object = None
    model: object = None
    key: str = "slug"
    relation: str = ""
    selected: list = field(default_factory=list)

    def known(self, values):
        """The values among ``values`` that name something that exists."""
        if not values:
            return set()
        if self.choices is not None:
            return set(values) & set(self.choices.values)
        return set(self.model.objects.filter(**{f"{self.key}__in": values}).values_list(self.key, flat=True))

    def condition(self, page_model):
        """The condition on ``page_model`` for the selected values."""
        if self.choices is not None:
            return Q(**{f"{self.relation}__in": self.selected})
        through = getattr(page_model, self.relation).through
        target = self.model._meta.model_name
        source = f"{page_model._meta.model_name}_id"
        return Q(pk__in=through.objects.filter(**{f"{target}__{self.key}__in": self.selected}).values(source))


def opportunity_filters():
    """The filters of the opportunities listing and feed."""
    return [
        Filter("format", _("format"), choices=EventFormat, relation="event_format"),
        Filter("kind", _("kind"), choices=OpportunityKind, relation="kind"),
        Filter("lang", _("language"), model=ResourceLanguage, key="code", relation="languages"),
        Filter("level", _("level"), model=EngagementLevel, relation="levels"),
        Filter("skill", _("skill"), model=Skill, relation="skills"),
        Filter("role", _("role"), model=Role, relation="roles"),
        Filter("region", _("region"), choices=Region, relation="region"),
    ]


def mentorship_filters():
    """The filters of the mentorship listing (no kind: every programme is a programme)."""
    return [item for item in opportunity_filters() if item.param != "kind"]


@dataclass
class Selection:
    """What a request selects: the filters with their values, a month, whether the archive is shown, and what
    was ignored."""

    filters: list
    month: datetime.date | None = None
    archive: bool = False
    warnings: list = field(default_factory=list)

    def conditions(self, page_model):
        """The filters' conditions on ``page_model``."""
        return [item.condition(page_model) for item in self.filters if item.selected]

    def params(self):
        """The selection as query-string pairs (without the archive switch)."""
        pairs = [(item.param, value) for item in self.filters for value in item.selected]
        if self.month:
            pairs.append(("month", self.month.strftime("%Y-%m")))
        return pairs

    def query_string(self, **extra):
        """``?…`` for the selection plus ``extra`` (empty values left out)."""
        pairs = self.params() + [(key, value) for key, value in extra.items() if value]
        return "?" + urlencode(pairs) if pairs else ""

    @property
    def is_filtered(self):
        return bool(self.month or any(item.selected for item in self.filters))


def month_bounds(month):
    """The first day of ``month`` and of the month after."""
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return month, following


def parse_month(text):
    """The first day of the month ``text`` names (``YYYY-MM``, years 1901 to 2999), or None."""
    match = _MONTH.fullmatch(text)
    if match and 1 <= int(match.group(2)) <= 12 and 1900 < int(match.group(1)) < 3000:
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)
    return None


def read_selection(request, filters, *, with_month=True):
    """Read the filters, the month (``YYYY-MM``) and the archive switch (``show=archive``) from ``request``."""
    selection = Selection(filters)
    for item in filters:
        values = read_values(request, item.param)
        known = item.known(values)
        unknown = [value for value in values if value not in known]
        if unknown:
            selection.warnings.append(
                _("Ignored unknown %(filter)s: %(values)s")
                % {"filter": item.label, "values": ", ".join(f"'{value}'" for value in unknown)}
            )
        item.selected = [value for value in values if value in known]
    raw_month = clean_text(request.GET.get("month", ""), MAX_VALUE_LENGTH)
    if raw_month and with_month:
        month = parse_month(raw_month)
        if month is None:
            selection.warnings.append(
                _("Ignored month '%(value)s': write a month as YYYY-MM, e.g. 2027-03.") % {"value": raw_month}
            )
        selection.month = month
    show = clean_text(request.GET.get("show", ""), MAX_VALUE_LENGTH)
    if show and show != "archive":
        selection.warnings.append(_("Ignored unknown view '%(value)s'.") % {"value": show})
    selection.archive = show == "archive"
    return selection


def options(filters):
    """``(filter, [(value, label)])`` for each filter: a choice filter's choices, or the objects of its model
    (one query each), levels in their order and the others by name."""
    from core.i18n import field_text

    offered = []
    for item in filters:
        if item.choices is not None:
            choices = list(item.choices.choices)
        elif item.model is ResourceLanguage:
            choices = [(language.code, language.name) for language in ResourceLanguage.objects.order_by("code")]
        else:
            objects = list(item.model.objects.all())
            if item.model is EngagementLevel:
                objects.sort(key=lambda obj: obj.order)
            else:
                objects.sort(key=lambda obj: field_text(obj, "name").value.casefold())
            choices = [(getattr(obj, item.key), field_text(obj, "name").value) for obj in objects]
        offered.append((item, choices))
    return offered
