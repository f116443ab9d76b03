"""Calendar files beside the opportunity pages, under /<lang>/opportunities/ (the pages themselves are Wagtail's)."""

from django.urls import path

from . import views

app_name = "opportunities"

urlpatterns = [
    path("feed.ics", views.feed, name="feed"),
    path("announce/", views.announce, name="announce"),
    path("<slug:slug>/calendar.ics", views.ics, name="ics"),
]
