from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("accounts/welcome/", views.onboarding, name="onboarding"),
    path("accounts/settings/", views.account_settings, name="settings"),
    path("accounts/export/", views.export_data, name="export"),
    path("accounts/delete/", views.delete_account, name="delete"),
    path("accounts/deleted/", views.account_deleted, name="deleted"),
    path("members/<int:pk>/", views.member_detail, name="member-detail"),
    # Where Profile.avatar's files are (MEDIA_URL + RandomName folder), whoever serves other uploads.
    path("media/avatars/<str:name>", views.avatar, name="avatar"),
]
