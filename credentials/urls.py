from django.urls import path

from . import views

# Mounted at the site root next to certificates.public_urls; these paths are more specific
# than `verify/<code>/`, so the two never compete.
urlpatterns = [
    path("verify/<str:code>/credential.json", views.credential_json, name="credential_json"),
    path("verify/<str:code>/credential.jwt", views.credential_jwt, name="credential_jwt"),
    path("issuer/jwks.json", views.jwks, name="issuer_jwks"),
    path("issuer/profile.json", views.issuer_profile_json, name="issuer_profile_json"),
    path("issuer/status/<slug:slug>", views.status_list, name="status_list"),
]
