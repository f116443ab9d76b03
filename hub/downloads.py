"""Bulk downloads of the framework and pathways data (being built)."""

from django.http import Http404


def download(request, name):
    """A bulk download file (JSON, or CSV files zipped)."""
    raise Http404
