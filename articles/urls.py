from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("resources/", views.article_index, name="article-index"),
    path("resources/topics/<slug:topic_slug>/", views.article_index, name="topic-detail"),
    path("resources/preview/<int:pk>/", views.article_preview, name="article-preview"),
    path("resources/<slug:slug>/", views.article_detail, name="article-detail"),
    path("experts/<slug:slug>/", views.expert_detail, name="expert-detail"),
]
