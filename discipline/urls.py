from django.urls import path

from . import views

app_name = "discipline"
urlpatterns = [
    path("new/", views.complaint_new, name="new"),
    path("received/", views.complaint_received, name="received"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
]
