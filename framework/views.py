"""Public framework pages (being built)."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


matrix = about = skill_detail = behavior_detail = activity_detail = level_detail = _todo
