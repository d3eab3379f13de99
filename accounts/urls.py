from django.contrib.auth import views as auth_views
from django.urls import path

from core.ratelimit import ratelimit

from . import views
from .forms import PasswordResetForm

urlpatterns = [
    path(
        "login/",
        views.SignInView.as_view(),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path(
        "email/confirm/<uuid:public_id>/<str:token>/",
        views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("signup/confirm/<uidb64>/<token>/", views.signup_confirm, name="signup_confirm"),
    path(
        "password/reset/",
        ratelimit("account-email", rate_setting="RATELIMIT_ACCOUNT_EMAIL", methods=("POST",))(
            auth_views.PasswordResetView.as_view(form_class=PasswordResetForm)
        ),
        name="password_reset",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
