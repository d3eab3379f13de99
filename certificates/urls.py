from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("", views.certification_overview, name="overview"),
    path("attest/<int:version_id>/", views.attest, name="attest"),
    path("supervision/", views.supervision_log, name="supervision"),
    path("supervision/<int:entry_id>/delete/", views.supervision_delete, name="supervision_delete"),
    path("supervision/review/", views.supervision_queue, name="supervision_queue"),
    path("supervision/review/<int:entry_id>/", views.supervision_review, name="supervision_review"),
    path("certificates/<int:certificate_id>/relinquish/", views.relinquish, name="relinquish"),
    path("certificates/<int:certificate_id>/pdf/", views.certificate_pdf, name="pdf_language"),
    path(
        "certificates/<int:certificate_id>/extension/",
        views.extension_request,
        name="extension_request",
    ),
    path("provisional/", views.provisional_queue, name="provisional_queue"),
    path(
        "provisional/extensions/<int:request_id>/",
        views.extension_decide,
        name="extension_decide",
    ),
    path(
        "provisional/<int:certificate_id>/convert/",
        views.provisional_convert,
        name="provisional_convert",
    ),
]
