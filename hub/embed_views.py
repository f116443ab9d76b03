"""Embed views and the oEmbed endpoint (being built)."""

from django.http import Http404


def embed(request, kind, slug):
    """A compact, frameable card for a level, skill, role or resource."""
    raise Http404


def oembed(request):
    """The oEmbed provider endpoint."""
    raise Http404
