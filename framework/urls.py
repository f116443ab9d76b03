"""Public framework pages under /<lang>/framework/."""

from django.urls import path

from . import views

app_name = "framework"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("about/", views.about, name="about"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill"),
    path("behaviors/<slug:slug>/", views.behavior_detail, name="behavior"),
    path("activities/<slug:slug>/", views.activity_detail, name="activity"),
    path("<slug:level>/", views.level_detail, name="level"),
]
