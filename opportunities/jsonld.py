"""schema.org ``Event`` data of an opportunity's page, for search engines and aggregators."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from core.i18n import field_text

from .choices import EventFormat

ATTENDANCE = {
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}

# What <script> content must not contain literally (as Django's json_script escapes it).
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _locations(page):
    places = []
    if page.is_in_person:
        address = {"@type": "PostalAddress", "addressLocality": page.city, "addressCountry": page.country}
        places.append(
            {
                "@type": "Place",
                "name": page.venue_name or page.city,
                "address": {key: value for key, value in address.items() if value},
            }
        )
    if page.is_online and page.online_url:
        places.append({"@type": "VirtualLocation", "url": page.online_url})
    return places[0] if len(places) == 1 else places


def opportunity_json_ld(page, context):
    """schema.org Event data for ``page`` at its shown occurrence, as text safe inside a ``<script>``."""
    start, end = context["occurrence"]
    organizer = {"@type": "Organization", "name": page.organiser_name}
    if page.organiser_url:
        organizer["url"] = page.organiser_url
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": field_text(page, "title").value,
        "description": field_text(page, "summary").value,
        "url": context["canonical_url"],
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventAttendanceMode": ATTENDANCE.get(page.event_format),
        "eventStatus": "https://schema.org/EventScheduled",
        "location": _locations(page),
        "organizer": organizer,
        "inLanguage": [language.code for language in context["event_languages"]],
        "isAccessibleForFree": not page.cost_en,
        "teaches": [field_text(skill, "name").value for skill in context["skills"]],
        "educationalLevel": [field_text(level, "name").value for level in context["levels"]],
    }
    if page.registration_url:
        data["offers"] = {"@type": "Offer", "url": page.registration_url, "price": 0 if not page.cost_en else None}
        data["offers"] = {key: value for key, value in data["offers"].items() if value is not None}
    if page.capacity:
        data["maximumAttendeeCapacity"] = page.capacity
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped above for a <script> element
