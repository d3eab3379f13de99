"""The issuer's public pages, at the site root. (The certificate pages under /verify/ are
verification's.)"""

from django.urls import path

from . import views

urlpatterns = [
    path("issuer/", views.issuer_profile, name="issuer_profile"),
    path("issuer/ca.pem", views.issuer_ca_pem, name="issuer_ca"),
]
