"""Resources for the listing tests: an index, a small vocabulary of levels, skills and languages, seven
live guides and a draft with known facets, plus readers of what the listing shows."""

import datetime
import re

import pytest
from django.utils import timezone

from framework.models import EngagementLevel, Skill
from hub.models import HomePage
from resources.models import ResourceIndexPage, ResourceLanguage, ResourcePage

URL = "/en/resources/"
TODAY = timezone.localdate()


def make_index():
    """The resource index under the home page (the existing one when there is one)."""
    existing = ResourceIndexPage.objects.first()
    if existing is not None:
        return existing
    index = ResourceIndexPage(title="Resources", title_en="Resources", title_es="Recursos", slug="resources")
    HomePage.objects.get().add_child(instance=index)
    return index


def make_resource(index, title, *, resource_type="guide", levels=(), skills=(), tags=(), languages=(), **extra):
    """A live resource page under ``index``, linked to the given framework items, tags and languages."""
    extra.setdefault("summary_en", f"What {title} is about.")
    extra.setdefault("first_published_at", timezone.now())
    page = ResourcePage(
        title=title,
        title_en=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        resource_type=resource_type,
        live=extra.pop("live", True),
        **extra,
    )
    index.add_child(instance=page)
    if levels or skills or tags or languages:
        page.levels.set(levels)
        page.skills.set(skills)
        page.languages.set(languages)
        page.tags.set(list(tags))
        page.save()
    return page


def make_vocabulary():
    """Four levels, two skills and two resource languages, as the facets know them."""
    levels = {
        slug: EngagementLevel.objects.create(slug=slug, order=n, name_en=slug.title(), name_es=f"{slug}-es")
        for n, slug in enumerate(["fundamental", "emerging", "expanding", "elevated"], start=1)
    }
    skills = {
        slug: Skill.objects.create(slug=slug, name_en=slug.title(), name_es=f"{slug}-es", category="interpersonal")
        for slug in ["communication", "research"]
    }
    languages = {code: ResourceLanguage.objects.create(code=code, name=code.upper()) for code in ["en", "es"]}
    return levels, skills, languages


def make_many(index, count, levels, prefix="Bulk", skills=None, languages=None):
    """``count`` resources, each with two levels and two tags, for pagination and query budgets; with ``skills``
    and ``languages`` each also gets one of each and a Spanish title, as the demo guides are linked: every facet
    then has options to name."""
    level_list = list(levels.values())
    skill_list, language_list = list((skills or {}).values()), list((languages or {}).values())
    for n in range(count):
        linked = {}
        if skill_list and language_list:
            linked = {
                "skills": [skill_list[n % len(skill_list)]],
                "languages": [language_list[n % len(language_list)]],
                "title_es": f"{prefix} recurso {n:03d}",
            }
        make_resource(
            index,
            f"{prefix} resource {n:03d}",
            resource_type=["guide", "course", "toolkit"][n % 3],
            levels=[level_list[n % 4], level_list[(n + 1) % 4]],
            tags=[f"tag{n % 5}", "shared"],
            **linked,
        )


@pytest.fixture
def listing_resources(home_page):
    """Seven live resources and one draft with known types, levels, skills, tags and languages."""
    index = make_index()
    levels, skills, langs = make_vocabulary()
    lv, sk = levels, skills
    days = datetime.timedelta(days=1)
    spec = [
        # title, type, levels, skills, tags, languages, reviewed days ago
        ("Alpha guide", "guide", ["fundamental"], ["communication"], ["newcomers"], ["en"], 10),
        ("Bravo guide", "guide", ["emerging"], [], ["newcomers", "events"], ["en", "es"], 700),
        ("Charlie course", "course", ["fundamental", "emerging"], ["communication"], ["events"], ["es"], 30),
        ("Delta course", "course", ["expanding"], ["research"], [], ["en"], 5),
        ("Echo toolkit", "toolkit", ["emerging"], ["research"], ["newcomers"], ["en"], 50),
        ("Foxtrot video", "video", ["elevated"], [], [], ["es"], 1),
        ("Golf guide", "guide", ["emerging", "expanding"], ["communication", "research"], ["events"], ["en"], 20),
    ]
    pages = {}
    for n, (title, kind, level_slugs, skill_slugs, tags, codes, reviewed) in enumerate(spec):
        pages[title] = make_resource(
            index,
            title,
            resource_type=kind,
            levels=[lv[slug] for slug in level_slugs],
            skills=[sk[slug] for slug in skill_slugs],
            tags=tags,
            languages=[langs[code] for code in codes],
            last_reviewed=TODAY - reviewed * days,
            # Published one day apart: Alpha first, Golf last.
            first_published_at=timezone.now() - (len(spec) - n) * days,
        )
    make_resource(index, "Hotel draft", levels=[lv["fundamental"]], tags=["newcomers"], live=False)
    return {"index": index, "pages": pages, "levels": levels}


def titles(response):
    """The result titles in the order the page lists them."""
    return [resource.title_en for resource in response.context["results"]]


def counts(response, param):
    """{option value: count} for one facet as the page shows it."""
    facet = next(facet for facet in response.context["facets"] if facet.param == param)
    return {option.value: option.count for option in facet.options}


def warnings(response):
    """The warnings the page shows, as text."""
    return [str(warning) for warning in response.context["warnings"]]
