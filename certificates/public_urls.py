"""The issuer's root certificate, at the site root. (The certificate pages under /verify/ are
verification's; the issuer's profile page at /issuer/ is credentials'.)"""

from django.urls import path

from . import views

urlpatterns = [
    path("issuer/ca.pem", views.issuer_ca_pem, name="issuer_ca"),
    path("issuer/crl/<slug:root_id>.crl", views.issuer_crl, name="issuer_crl"),
]
