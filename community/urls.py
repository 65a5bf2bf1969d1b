from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "community"
urlpatterns = [
    path("activities/", views.feed, name="feed"),
    path("search/", views.search, name="search"),
    # The community search's old address (in bookmarks and history) goes to the one search box.
    path("activities/search/", RedirectView.as_view(pattern_name="community:search", query_string=True)),
    path("activities/<int:pk>/", views.post_detail, name="post-detail"),
    path("activities/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("activities/<int:pk>/delete/", views.post_delete, name="post-delete"),
    # Where Post.image's files are (MEDIA_URL + RandomName folder), whoever serves other uploads.
    path("media/posts/<str:name>", views.post_picture, name="post-picture"),
    path("comments/article/<int:article_id>/", views.article_comment, name="article-comment"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment-edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment-delete"),
    path("hugs/<str:kind>/<int:pk>/", views.hug, name="hug"),
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
    path("questions/", views.question_list, name="question-list"),
    path("questions/ask/", views.question_ask, name="question-ask"),
    path("questions/<int:pk>/", views.question_detail, name="question-detail"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question-delete"),
    path("answers/<int:pk>/best/", views.answer_best, name="answer-best"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer-edit"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer-delete"),
    path("members/", views.member_list, name="member-list"),
    path("members/<int:pk>/team/", views.team_toggle, name="team-toggle"),
    path("members/<int:pk>/mute/", views.mute_toggle, name="mute-toggle"),
    path("notifications/", views.notification_list, name="notifications"),
    path("help/crisis/", views.crisis_help, name="crisis-help"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
]
