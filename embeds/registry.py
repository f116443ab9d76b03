"""What can be embedded, and where: the one place that maps a public page to its embed and back.

An embeddable page is a level, a skill, a role's pathway or a resource. Its embed lives at
``/<lang>/embed/<kind>/<slug>/``; both differ between languages only in the prefix.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse
from django.utils.translation import override

from core.request import language_of_path

EMBED_KINDS = ("level", "skill", "role", "resource")

# URL names of the public pages that have an embed, and the embed kind they map to.
_PAGE_KINDS = {
    "framework:level": ("level", "level"),
    "framework:skill": ("skill", "slug"),
    "pathways:role": ("role", "slug"),
}


@dataclass(frozen=True)
class EmbedTarget:
    """An embeddable thing: its kind, its slug and the language of the page it was found on."""

    kind: str
    slug: str
    lang: str

    def embed_path(self):
        """Path of the compact embed, e.g. ``/es/embed/skill/communication/``."""
        with override(self.lang):
            return reverse("embed", kwargs={"kind": self.kind, "slug": self.slug})

    def page_path(self):
        """Path of the full public page the embed stands for, e.g. ``/es/framework/skills/communication/``
        (the inverse of :func:`target_for_path`)."""
        with override(self.lang):
            if self.kind == "resource":
                return reverse("wagtail_serve", args=[f"resources/{self.slug}/"])
            name = next(name for name, (kind, _kwarg) in _PAGE_KINDS.items() if kind == self.kind)
            return reverse(name, kwargs={_PAGE_KINDS[name][1]: self.slug})


def target_for_path(path):
    """The embeddable thing a public page path shows (``/es/framework/skills/communication/``), or None.
    Resource pages are Wagtail pages at ``/<lang>/resources/<slug>/``; the slug is checked by the caller."""
    path = urlsplit(path).path
    lang = language_of_path(path)
    if lang is None:
        return None
    try:
        with override(lang):
            match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in _PAGE_KINDS:
        kind, kwarg = _PAGE_KINDS[match.view_name]
        return EmbedTarget(kind, match.kwargs[kwarg], lang)
    if match.url_name == "wagtail_serve":
        parts = [part for part in match.args[0].split("/") if part] if match.args else []
        if len(parts) == 2 and parts[0] == "resources":
            return EmbedTarget("resource", parts[1], lang)
    return None
