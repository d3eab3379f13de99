from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("", views.home, name="home"),
    path("request/<int:instrument_id>/", views.request_evaluation, name="request"),
    path("<int:evaluation_id>/", views.detail, name="detail"),
    path("<int:evaluation_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:evaluation_id>/schedule/", views.schedule, name="schedule"),
    path("<int:evaluation_id>/score/", views.score, name="score"),
    path("<int:evaluation_id>/second-rating/", views.take_second_rating, name="take_second"),
]
