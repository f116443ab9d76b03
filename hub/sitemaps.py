"""The sitemap with language alternates (being built)."""

from django.http import Http404


def sitemap(request):
    """/sitemap.xml."""
    raise Http404
