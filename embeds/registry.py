"""What can be embedded, and where: one registry of embeddable kinds, each declared once.

An entry (:class:`EmbedKind`) says all that embedding needs to know about a kind: its model, how to load one
object with what its card lists, its title field and label, its card's context and template, and the public page
that shows it. The embed view, the oEmbed provider, the discovery link and the share panel read only the
registry. The kinds themselves are declared in ``embeds/kinds.py``; adding one is one ``registry.register(...)``
there, plus a template when the shared card (``embeds/card.html``) does not fit.

A card lives at ``/<lang>/embed/<kind>/<slug>/``, its page at the kind's own address; both differ between
languages only in the prefix (slugs are not translated).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import override

from core.i18n import field_text
from core.request import language_of_path

# The card every kind uses unless its entry names another (which may extend this one's blocks).
CARD_TEMPLATE = "embeds/card.html"


@dataclass(frozen=True)
class ViewPage:
    """A public page served by one of our URL patterns: its URL name and the keyword that carries the slug."""

    url_name: str
    kwarg: str = "slug"

    def path(self, slug):
        """The page's path in the active language."""
        return reverse(self.url_name, kwargs={self.kwarg: slug})

    def slug_in(self, match):
        """The slug a resolved path (``ResolverMatch``) shows when it is this page, else None."""
        return match.kwargs.get(self.kwarg) if match.view_name == self.url_name else None


@dataclass(frozen=True)
class TreePage:
    """A Wagtail page at ``<parent>/<slug>/`` below the site root, served by Wagtail's catch-all route."""

    parent: str

    def path(self, slug):
        """The page's path in the active language."""
        return reverse("wagtail_serve", args=[f"{self.parent}/{slug}/"])

    def slug_in(self, match):
        """The slug a resolved path shows when it is a child of ``parent``, else None (the caller checks that a
        live page has it)."""
        if match.url_name != "wagtail_serve" or not match.args:
            return None
        parts = [part for part in match.args[0].split("/") if part]
        return parts[1] if len(parts) == 2 and parts[0] == self.parent else None


def _always(obj):
    return True


@dataclass(frozen=True, eq=False)
class EmbedKind:
    """One embeddable kind, declared once.

    ``name`` is the URL segment (``/<lang>/embed/<name>/<slug>/``); ``objects()`` returns the queryset a card
    reads, prefetching what the card lists so that a card costs a fixed number of queries; ``card(request, obj)``
    returns what the card shows besides the title (``summary_field``, ``sections``…); ``page`` is the public page
    (:class:`ViewPage` or :class:`TreePage`) and ``context_name`` where that page's view puts the object, which the
    discovery link reads instead of querying again; ``has_card(obj)`` tells whether an object a page shows has a
    public card at all (a draft seen in the admin's preview has none).
    """

    name: str
    model: type
    label: Any  # a lazy translation, read in the reader's language
    title_field: str
    page: ViewPage | TreePage
    context_name: str
    objects: Callable[[], Any]
    card: Callable[[Any, Any], dict]
    template: str = CARD_TEMPLATE
    has_card: Callable[[Any], bool] = _always

    def load(self, slug):
        """The object with ``slug`` and what its card lists, or None when there is none (or none public)."""
        return self.objects().filter(slug=slug).first()

    def title(self, obj, lang=None):
        """The object's title in ``lang`` (default: the active language), English when it is not translated."""
        return field_text(obj, self.title_field, lang).value

    def card_context(self, request, obj):
        """The template context of ``obj``'s card: what every card shows, then what this kind adds."""
        context = {"kind": self.name, "kind_label": self.label, "obj": obj, "title_field": self.title_field}
        context.update(self.card(request, obj))
        return context


@dataclass(frozen=True)
class EmbedTarget:
    """An embeddable thing: its kind, its slug and the language of the page it was found on."""

    kind: EmbedKind
    slug: str
    lang: str

    def embed_path(self):
        """Path of the compact embed, e.g. ``/es/embed/skill/communication/``."""
        with override(self.lang):
            return reverse("embed", kwargs={"kind": self.kind.name, "slug": self.slug})

    def page_path(self):
        """Path of the full public page the embed stands for, e.g. ``/es/framework/skills/communication/``
        (the inverse of :func:`target_for_path`)."""
        with override(self.lang):
            return self.kind.page.path(self.slug)


class EmbedRegistry:
    """The embeddable kinds by name. A kind's name and its public page belong to it alone, so a path maps to
    one kind at most."""

    def __init__(self):
        self._kinds = {}

    def register(self, kind):
        """Add ``kind``; refuses a name or a page that another kind already has. Returns the kind."""
        for other in self._kinds.values():
            if kind.name == other.name or kind.page == other.page:
                raise ImproperlyConfigured(f"The embed kind {kind.name!r} clashes with {other.name!r}.")
        self._kinds[kind.name] = kind
        return kind

    def unregister(self, name):
        """Remove the kind called ``name`` and return it (KeyError when there is none)."""
        return self._kinds.pop(name)

    def get(self, name):
        """The kind called ``name``, or None."""
        return self._kinds.get(name)

    def __iter__(self):
        return iter(list(self._kinds.values()))

    def target_for_path(self, path):
        """The embeddable thing a public page path shows (``/es/framework/skills/communication/``), or None.
        Nothing is read from the database: the caller checks that the object exists."""
        path = urlsplit(path).path
        lang = language_of_path(path)
        if lang is None:
            return None
        try:
            with override(lang):
                match = resolve(path)
        except Resolver404:
            return None
        for kind in self:
            slug = kind.page.slug_in(match)
            if slug:
                return EmbedTarget(kind, slug, lang)
        return None


# The one registry; embeds/kinds.py fills it when the app is ready.
registry = EmbedRegistry()


def target_for_path(path):
    """The embeddable thing a public page path shows, or None (see :meth:`EmbedRegistry.target_for_path`)."""
    return registry.target_for_path(path)
