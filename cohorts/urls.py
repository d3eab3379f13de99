from django.urls import path

from . import views

app_name = "cohorts"
urlpatterns = [
    path("", views.home, name="home"),
    path("cohort/<int:cohort_id>/", views.cohort, name="cohort"),
    path("cohort/<int:cohort_id>/join/", views.join, name="join"),
    path("cohort/<int:cohort_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:session_id>/", views.session, name="session"),
    path("<int:session_id>/event.ics", views.session_ics, name="session_ics"),
    path("<int:session_id>/check-in/", views.checkin, name="checkin"),
    path("<int:session_id>/roster/", views.roster, name="roster"),
    path("<int:session_id>/code/", views.issue_code, name="issue_code"),
    path("check-ins/<int:checkin_id>/confirm/", views.confirm_checkin, name="confirm_checkin"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("outside/new/", views.outside_new, name="outside_new"),
    path(
        "outside/<int:record_id>/certificate/",
        views.outside_certificate,
        name="outside_certificate",
    ),
    path("outside/<int:record_id>/withdraw/", views.outside_withdraw, name="outside_withdraw"),
]
