"""Models of the resources app: the resource pages, the languages resources come in, and community
suggestions."""

from .pages import ResourceIndexPage, ResourceLanguage, ResourcePage, ResourcePageTag, ResourceTag
from .suggestions import ResourceSuggestion

__all__ = [
    "ResourceIndexPage",
    "ResourceLanguage",
    "ResourcePage",
    "ResourcePageTag",
    "ResourceSuggestion",
    "ResourceTag",
]
