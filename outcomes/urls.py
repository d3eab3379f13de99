from django.urls import path

from outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("outcomes/", views.outcomes_dashboard, name="dashboard"),
    path("outcomes/table.csv", views.table_csv, name="table_csv"),
    path("outcomes/report.csv", views.funder_report_csv, name="report_csv"),
    path("outcomes/report.pdf", views.funder_report_pdf, name="report_pdf"),
]
