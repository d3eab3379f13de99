from django.urls import path

from . import views

app_name = "continuing_education"
urlpatterns = [
    path("", views.activity_list, name="activities"),
    path("submit/", views.activity_submit, name="submit"),
    path("records/<int:activity_id>/withdraw/", views.activity_withdraw, name="withdraw"),
    path("records/<int:activity_id>/proof/", views.proof_download, name="proof"),
    path("renew/<int:certificate_id>/", views.renew, name="renew"),
    path("transcript/", views.transcript_page, name="transcript"),
    path("transcript.csv", views.transcript_download_csv, name="transcript_csv"),
    path("transcript.pdf", views.transcript_download_pdf, name="transcript_pdf"),
]
