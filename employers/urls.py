from django.urls import path

from . import report_views, views, webhook_views

app_name = "employers"
urlpatterns = [
    path("employer/", views.home, name="home"),
    path("employer/access/", views.access_request, name="access"),
    path("employer/roster/add/", views.roster_add, name="roster_add"),
    path("employer/roster/import/", views.roster_import, name="roster_import"),
    path("employer/roster.csv", views.roster_export, name="roster_export"),
    path("employer/roster/<int:entry_id>/remove/", views.roster_remove, name="roster_remove"),
    path("employer/bulk/", views.bulk_verify, name="bulk"),
    path("employer/api-keys/", views.api_keys_page, name="api_keys"),
    path("employer/api-keys/<int:key_id>/revoke/", views.api_key_revoke, name="api_key_revoke"),
    path(
        "employer/roster/<int:entry_id>/report/",
        report_views.report_create,
        name="report_create",
    ),
    path("employer/reports/", report_views.report_list, name="reports"),
    path(
        "employer/reports/<str:report_id>.pdf",
        report_views.report_pdf,
        name="report_pdf",
    ),
    path("employer/webhooks/", webhook_views.webhooks_page, name="webhooks"),
    path(
        "employer/webhooks/<int:endpoint_id>/",
        webhook_views.webhook_detail,
        name="webhook_detail",
    ),
    path(
        "employer/webhooks/<int:endpoint_id>/remove/",
        webhook_views.webhook_remove,
        name="webhook_remove",
    ),
    path(
        "employer/webhooks/<int:endpoint_id>/enable/",
        webhook_views.webhook_enable,
        name="webhook_enable",
    ),
    path(
        "employer/webhooks/deliveries/<int:delivery_id>/replay/",
        webhook_views.webhook_replay,
        name="webhook_replay",
    ),
    # Trainees: create and revoke links; employers (or anyone the trainee allows) open them.
    path("share/", views.share, name="share"),
    path("share/<int:link_id>/revoke/", views.share_revoke, name="share_revoke"),
    path(
        "share/transcript-credential.json",
        views.my_transcript_credential,
        name="my_transcript_credential",
    ),
    path("shared/<str:token>/", views.shared, name="shared"),
    # The transcript the holder chose to share, by the same token (404 unless it is shared).
    path(
        "shared/<str:token>/transcript.pdf",
        views.shared_transcript_pdf,
        name="shared_transcript_pdf",
    ),
    path(
        "shared/<str:token>/transcript.csv",
        views.shared_transcript_csv,
        name="shared_transcript_csv",
    ),
    # The same, as a signed 1EdTech CLR 2.0 credential (JSON).
    path(
        "shared/<str:token>/transcript-credential.json",
        views.shared_transcript_credential,
        name="shared_transcript_credential",
    ),
]
