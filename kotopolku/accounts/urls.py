from django.urls import path

from kotopolku.accounts import oidc, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("login/code/", two_factor_views.second_factor, name="two_factor"),
    path("login/authenticator/", two_factor_views.enrol, name="two_factor_enrol"),
    path("login/recovery-codes/", two_factor_views.recovery_codes, name="recovery_codes"),
    path("oidc/start/", oidc.oidc_start, name="oidc_start"),
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
    path("users/", views.user_index, name="user_list"),
    path("users/new/", views.user_edit, name="user_create"),
    path("users/<uuid:uuid>/", views.user_edit, name="user_edit"),
    path("users/<uuid:uuid>/roles/", views.membership_create, name="membership_create"),
    path(
        "users/<uuid:uuid>/authenticator/reset/",
        views.second_factor_reset_view,
        name="second_factor_reset",
    ),
    path("security/", two_factor_views.security, name="security"),
    path(
        "users/<uuid:uuid>/roles/<int:membership_id>/end/", views.membership_remove, name="membership_remove"
    ),
]
