from django.urls import path

from . import views

# A certificate's credential, next to its verification page: /verify/<code>/credential.json.
# /verify/ is verification's prefix, so cms.urls mounts these inside verification's include
# (these are relative to ``verify/``).
verify_urlpatterns = [
    path("<str:code>/credential.json", views.credential_json, name="credential_json"),
    path("<str:code>/credential.jwt", views.credential_jwt, name="credential_jwt"),
]

# At the site root.
urlpatterns = [
    path("issuer/jwks.json", views.jwks, name="issuer_jwks"),
    path("issuer/profile.json", views.issuer_profile_json, name="issuer_profile_json"),
    path("issuer/status/<slug:slug>", views.status_list, name="status_list"),
]
