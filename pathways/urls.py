"""Public pathway pages under /<lang>/pathways/."""

from django.urls import path

from . import assessment, views

app_name = "pathways"

urlpatterns = [
    path("", views.roles, name="roles"),
    path("start/", assessment.start, name="start"),
    path("<slug:slug>/", views.role_detail, name="role"),
    path("<slug:slug>/offline/", views.role_offline, name="role-offline"),
    path("<slug:slug>/pathway.pdf", views.role_pdf, name="role-pdf"),
]
