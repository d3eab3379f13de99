from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.home, name="home"),
    path("start/<int:version_id>/", views.start, name="start"),
    path("<int:application_id>/", views.detail, name="detail"),
    path("documents/<int:document_id>/", views.document, name="document"),
    path("letter/<str:token>/", views.letter, name="letter"),
    path("board/", views.queue, name="queue"),
    path("board/<int:application_id>/", views.review, name="review"),
    path("board/letters/<int:referee_id>/", views.letter_file, name="letter_file"),
    path("board/exam-results/", views.exam_import, name="exam_import"),
]
