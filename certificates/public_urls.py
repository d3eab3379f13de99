from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", views.verify_detail, name="verify_detail"),
    path("verify/<str:code>/certificate.pdf", views.verify_pdf_download, name="verify_pdf"),
    path("issuer/", views.issuer_profile, name="issuer_profile"),
    path("issuer/ca.pem", views.issuer_ca_pem, name="issuer_ca"),
]
