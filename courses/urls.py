from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("lessons/<int:lesson_id>/incomplete/", views.lesson_incomplete, name="lesson_incomplete"),
]
