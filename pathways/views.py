"""Public pathway pages (being built)."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


roles = role_detail = role_offline = _todo
