"""Read helpers for resource pages: their framework links, the link to the guide in the reader's language, and the
structured data search engines read. A fixed number of queries whatever the number of links."""

import datetime
import json
import re
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Value
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, override

from core.i18n import FieldText, current_language, default_language, field_text, sort_key, translation_status
from core.pagecache import fresh_until
from core.translations import is_outdated
from framework.models import EngagementLevel
from framework.queries import roles_using

from .choices import ResourceType
from .models import ResourcePage, ResourcePageTag, ResourceTag

# Known licences as the URLs schema.org expects; anything else is given as its name.
LICENCE_URLS = {
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}

_DURATION = re.compile(r"^\s*(\d+)\s*(min|mins|minutes?|h|hrs?|hours?|days?|weeks?)\s*$", re.IGNORECASE)

# What <script> content must not contain literally (as Django's json_script escapes it).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ExternalLink:
    """The guide's address for the reader: in their language when the guide has a page in it, else English."""

    url: str
    hreflang: str
    is_fallback: bool


# Languages of guides whose names Django does not translate: their names in the Hub's languages.
LANGUAGE_NAMES = {
    "tl": {"en": "Tagalog", "es": "Tagalo", "fr": "Tagalog", "ar": "التاغالوغية"},
    "zh": {"en": "Chinese", "es": "Chino", "fr": "Chinois", "ar": "الصينية"},
}


def sorted_tags(tags, lang=None):
    """``tags`` in alphabetical order of their labels in ``lang`` (default: the reader's), slug breaking ties."""
    return sorted(tags, key=lambda tag: (sort_key(field_text(tag, "label", lang).value), tag.slug))


def language_name(language, lang=None):
    """The name of a guide's language (a ``ResourceLanguage``) in ``lang`` (default: the reader's), as a
    ``FieldText``: Django's translated name, ours for the few it lacks, and the language's own name, marked as
    being in that language, for the rest."""
    lang = lang or current_language()
    code = language.code
    ours = LANGUAGE_NAMES.get(code, {}).get(lang)
    if ours:
        return FieldText(ours, lang, False)
    try:
        info = get_language_info(code.lower())
    except KeyError:
        return FieldText(language.name, code, lang != code)
    with override(lang):
        return FieldText(str(info["name_translated"]), lang, False)


def sorted_languages(languages, lang=None):
    """``languages`` (ResourceLanguage rows) in alphabetical order of their names in ``lang``, code breaking ties."""
    return sorted(languages, key=lambda language: (sort_key(language_name(language, lang).value), language.code))


def with_card_links(resources, levels=None, tags=None):
    """Give each of ``resources`` its levels (in the framework's order) as ``card_levels`` and its tags (in the
    reader's alphabetical order of their labels) as ``card_tags``, for the listing's cards, read straight from the
    link tables. Prefetching ``levels`` and ``tags`` cost as much again in Python as the queries, through
    modelcluster's and taggit's managers (a related manager and a queryset built per card and relation).

    ``levels`` and ``tags`` (``{pk: object}``) are objects the caller already holds, such as the listing's facet
    options, which name every level and tag of the resources it lists: with them both link tables are read in one
    query and only the objects not among them are fetched (normally none). Without them, two queries."""
    by_pk = {resource.pk: resource for resource in resources}
    for resource in resources:
        resource.card_levels, resource.card_tags = [], []
    if not by_pk:
        return resources
    if levels is None or tags is None:
        level_links = ResourcePage.levels.through.objects.filter(resourcepage_id__in=by_pk).select_related(
            "engagementlevel"
        )
        for link in level_links:
            by_pk[link.resourcepage_id].card_levels.append(link.engagementlevel)
        for link in ResourcePageTag.objects.filter(content_object_id__in=by_pk).select_related("tag"):
            by_pk[link.content_object_id].card_tags.append(link.tag)
    else:
        _attach_known_links(by_pk, dict(levels), dict(tags))
    for resource in resources:
        resource.card_levels.sort(key=lambda level: (level.order, level.pk))
        resource.card_tags = sorted_tags(resource.card_tags)
    return resources


def _attach_known_links(by_pk, levels, tags):
    """``with_card_links`` from objects already held: one query for both link tables (each row says which table it
    comes from), one more per kind of object the caller did not hold (cached counts older than a write that
    bypassed the signals)."""
    level_rows = (
        ResourcePage.levels.through.objects.filter(resourcepage_id__in=by_pk)
        .annotate(kind=Value(0))
        .values_list("resourcepage_id", "engagementlevel_id", "kind")
    )
    tag_rows = (
        ResourcePageTag.objects.filter(content_object_id__in=by_pk)
        .annotate(kind=Value(1))
        .values_list("content_object_id", "tag_id", "kind")
    )
    rows = list(level_rows.order_by().union(tag_rows.order_by(), all=True))
    for kind, known, model in ((0, levels, EngagementLevel), (1, tags, ResourceTag)):
        missing = {option for _resource, option, row_kind in rows if row_kind == kind and option not in known}
        if missing:
            known.update(model.objects.in_bulk(missing))
    for resource, option, kind in rows:
        if kind == 0:
            by_pk[resource].card_levels.append(levels[option])
        else:
            by_pk[resource].card_tags.append(tags[option])


def popular_tags(limit):
    """The ``limit`` tags on the most live, public resources, most used first (one query), as ``ResourceTag``
    objects."""
    shown = ResourcePage.objects.live().public().values("pk")
    return list(
        ResourceTag.objects.filter(tagged_resources__content_object__in=shown)
        .annotate(uses=Count("tagged_resources"))
        .order_by("-uses", "slug")[:limit]
    )


def iso_duration(text):
    """``"45 min"`` → ``"PT45M"``, ``"2 h"`` → ``"PT2H"``, ``"5 weeks"`` → ``"P5W"``; None for ranges and prose."""
    match = _DURATION.match(text or "")
    if not match:
        return None
    amount, unit = match.group(1), match.group(2).lower()
    if unit.startswith("m"):
        return f"PT{amount}M"
    if unit.startswith("h"):
        return f"PT{amount}H"
    if unit.startswith("d"):
        return f"P{amount}D"
    return f"P{amount}W"


def external_link(page, languages):
    """The link to open the guide: the reader's language version, else the English one (whose language is the
    resource's only language when it has just one, e.g. a Spanish-original guide)."""
    text = field_text(page, "external_url")
    if not text.value:
        return None
    if text.lang == current_language() and not text.is_fallback and text.lang != default_language():
        return ExternalLink(text.value, text.lang, False)
    hreflang = languages[0].code if len(languages) == 1 else default_language()
    return ExternalLink(text.value, hreflang, text.is_fallback)


def json_ld(page, *, url, levels, skills, tags, languages):
    """schema.org LearningResource data for the page, as text safe inside a ``<script>`` element."""
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": field_text(page, "title").value,
        "description": field_text(page, "summary").value,
        "url": url,
        "inLanguage": [language.code for language in languages],
        "learningResourceType": str(ResourceType(page.resource_type).label)
        if page.resource_type in ResourceType.values
        else page.resource_type,
        "educationalLevel": [field_text(level, "name").value for level in levels],
        "teaches": [field_text(skill, "name").value for skill in skills],
        "keywords": ", ".join(field_text(tag, "label").value for tag in tags),
        "dateModified": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "license": LICENCE_URLS.get(page.licence, page.licence),
        "timeRequired": iso_duration(field_text(page, "estimated_time", "en").value),
    }
    if page.external_url_en:
        data["sameAs"] = page.external_url_en
    if page.maintainer:
        data["maintainer"] = {"@type": "Organization", "name": page.maintainer}
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped above for a <script> element


def resource_page_context(request, page):
    """Template context for a resource page beyond its own fields: five queries for the linked objects (the
    pathways recommending the guide included, found through the steps' reverse relation)."""
    levels = list(page.levels.order_by("order"))
    skills = list(page.skills.order_by("position", "slug"))
    tags = sorted_tags(page.tags.all())
    languages = list(page.languages.order_by("code"))
    # The request's host, like the page's canonical link: the Site record's hostname may be a placeholder.
    canonical_url = request.build_absolute_uri(page.get_url(request))
    lang = current_language()
    if not page.needs_review:
        # The page says "not reviewed since" from the day after its review date: it holds until then.
        fresh_until(page.review_due + datetime.timedelta(days=1))
    return {
        "levels": levels,
        "skills": skills,
        "roles": roles_using(page),
        "tags": tags,
        "resource_languages": languages,
        "external_link": external_link(page, languages),
        "canonical_url": canonical_url,
        "json_ld": json_ld(page, url=canonical_url, levels=levels, skills=skills, tags=tags, languages=languages),
        "translation": translation_status([page]),
        # The body is a StreamField: {% tr %} cannot wrap it, so the template marks the fallback itself.
        "body_is_fallback": lang != default_language()
        and not getattr(page, f"body_{lang}", None)
        and bool(page.body_en),
        "body_is_outdated": lang != default_language() and is_outdated(page, "body", lang),
    }
