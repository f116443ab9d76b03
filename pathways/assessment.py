"""The "Where do I start?" self-assessment (being built)."""

from django.http import Http404


def start(request):
    """The questionnaire and its answer."""
    raise Http404
