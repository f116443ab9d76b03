"""Run by tests/hub/test_nothing_lost_languages.py in a copy of the project (not collected as a test): prints, as
JSON, every translated column of every row in the four first languages, the provenance and fingerprint records,
the translated texts kept in revisions, and what a reader sees of each page in each of those languages."""

import html
import json
import os
import re
import sys

import django

KEPT = ("en", "es", "fr", "ar")
RECORDS = ("translation_origin", "translation_sources", "data")


def plain(value):
    """A JSON-able form of a column value (a StreamField's raw blocks, dates as text)."""
    if hasattr(value, "raw_data"):
        return list(value.raw_data)
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def columns():
    """``{model label: [row…]}``: each row's translated columns in ``KEPT`` and its JSON records."""
    from modeltranslation.translator import translator

    dump = {}
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy:
            continue
        options = translator.get_options_for_model(model)
        names = [f"{field}_{code}".replace("-", "_") for field in options.all_fields for code in KEPT]
        present = {field.attname for field in model._meta.concrete_fields}
        names = [name for name in names if name in present]
        names += [name for name in RECORDS if name in present]
        rows = model._base_manager.order_by("pk").values("pk", *names)
        dump[model._meta.label] = [{key: plain(value) for key, value in row.items()} for row in rows]
    return dump


def revisions():
    """The texts of ``KEPT`` kept in each page revision (what a revert brings back)."""
    from wagtail.models import Revision

    suffixes = tuple(f"_{code}" for code in KEPT)
    return {
        str(revision.pk): {key: value for key, value in revision.content.items() if key.endswith(suffixes)}
        for revision in Revision.objects.order_by("pk")
    }


MAIN = re.compile(r"<main\b[^>]*>(.*?)</main>", re.S)
HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"[^>]*\bdir=\"([^\"]+)\"")
SKIPPED = re.compile(r"<(script|style)\b.*?</\1>|<input[^>]*csrfmiddlewaretoken[^>]*>", re.S)
TAG = re.compile(r"<[^>]+>")


def visible(page):
    """The text a reader sees in the page's main part, whitespace folded."""
    found = MAIN.search(page)
    text = SKIPPED.sub(" ", found.group(1) if found else page)
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def pages(languages):
    """``{language: {page path: {status, lang, dir, text}}}`` for every live page of the site, as a reader gets it."""
    from django.test import Client
    from django.utils import translation
    from wagtail.models import Page

    client = Client()
    seen = {}
    for code in languages:
        seen[code] = {}
        for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
            with translation.override(code):
                url = page.get_url()
            response = client.get(url)
            markup = response.content.decode()
            attrs = HTML_LANG.search(markup)
            seen[code][page.url_path] = {
                "url": url,
                "status": response.status_code,
                "lang": attrs.group(1) if attrs else "",
                "dir": attrs.group(2) if attrs else "",
                "text": visible(markup),
            }
    return seen


def admin_edit_form(language):
    """The fields of a guide's edit form in the admin that end in ``_<language>`` (inputs by name, StreamFields by
    the id of the element the editor's script fills in)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from resources.models import ResourcePage

    user = get_user_model().objects.create_superuser("probe", "probe@example.org", "probe")  # noqa: S106
    client = Client()
    client.force_login(user)
    page = ResourcePage.objects.live().order_by("path").first()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    names = re.findall(r'(?:name|id)="([a-z_]+_' + language + r')"', response.content.decode())
    user.delete()
    return {"status": response.status_code, "fields": sorted(set(names))}


def main():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    django.setup()
    from django.conf import settings

    languages = list(settings.LANGUAGE_CODES)
    new = [code for code in languages if code not in KEPT]
    result = {
        "languages": languages,
        "columns": columns(),
        "revisions": revisions(),
        "pages": pages([*KEPT, *new]),
    }
    if new:
        result["admin"] = admin_edit_form(new[0])
    json.dump(result, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
