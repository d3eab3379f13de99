"""/verify/…, mounted by cms.urls at ``verify/``: one app owns the prefix. Literal paths come
before ``<str:code>/`` so that a word such as ``pdf`` is never read as a code."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.verify_lookup, name="verify_lookup"),
    path("pdf/", views.verify_pdf, name="verify_pdf_upload"),
    path("report/<str:report_id>/", views.report_detail, name="verify_report"),
    path("<str:code>/", views.verify_detail, name="verify_detail"),
    path("<str:code>/certificate.pdf", views.verify_pdf_download, name="verify_pdf"),
]
