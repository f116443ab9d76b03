"""Embedding's URLs. ``hub/urls.py`` includes ``urlpatterns`` under the language prefix at ``embed/`` (a card is
in one language) and ``provider_patterns`` outside it (an oEmbed consumer asks about a URL, which names its
language)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:kind>/<slug:slug>/", views.embed, name="embed"),
]

provider_patterns = [
    path("oembed/", views.oembed, name="oembed"),
]
