from django.urls import path

from . import oid4vci_views, views

# A certificate's credential, next to its verification page: /verify/<code>/credential.json.
# /verify/ is verification's prefix, so cms.urls mounts these inside verification's include
# (these are relative to ``verify/``).
verify_urlpatterns = [
    path("<str:code>/credential.json", views.credential_json, name="credential_json"),
    path("<str:code>/credential.jwt", views.credential_jwt, name="credential_jwt"),
]

# At the site root. /issuer/ is this app's prefix.
urlpatterns = [
    path("issuer/", views.issuer_profile, name="issuer_profile"),
    path("issuer/jwks.json", views.jwks, name="issuer_jwks"),
    path("issuer/jwks/<str:key_id>", views.jwk, name="issuer_jwk"),
    path("issuer/profile.json", views.issuer_profile_json, name="issuer_profile_json"),
    path("issuer/status/<slug:slug>", views.status_list, name="status_list"),
    # An achievement's edition in another language (Open Badges' `related`), e.g. …/es.
    path(
        "issuer/achievements/<str:key>/<str:language>",
        views.achievement_edition_json,
        name="achievement_edition",
    ),
    # The did:web DID document: at /.well-known/did.json for a SITE_URL without a path, at
    # <path>/did.json (this app's did.json, under the script prefix) for one with a path.
    path(".well-known/did.json", views.issuer_did_document, name="issuer_did_document"),
    path("did.json", views.issuer_did_document, name="issuer_did_document_at_path"),
    # Add to wallet (OpenID4VCI 1.0): the issuer's metadata, then /oid4vci/, this app's prefix.
    path(
        ".well-known/openid-credential-issuer",
        oid4vci_views.credential_issuer_metadata,
        name="oid4vci_issuer_metadata",
    ),
    path(
        ".well-known/oauth-authorization-server",
        oid4vci_views.authorization_server_metadata,
        name="oid4vci_authorization_server_metadata",
    ),
    path("oid4vci/token", oid4vci_views.token, name="oid4vci_token"),
    path("oid4vci/nonce", oid4vci_views.nonce, name="oid4vci_nonce"),
    path("oid4vci/credential", oid4vci_views.credential, name="oid4vci_credential"),
    path("oid4vci/offer/<str:code>/", oid4vci_views.add_to_wallet, name="add_to_wallet"),
]
