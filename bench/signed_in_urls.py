"""The site's pages, and two signed-in pages that show nothing of their own (bench/signed_in_site.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from config.urls import urlpatterns as site


@login_required
def session_only(request):
    """The session and the member's row read, then a constant answer."""
    return HttpResponse("Signed in.")


@login_required
def layout_only(request):
    """The community layout (header, menus, footer, unread count) around an empty page."""
    return render(request, "community/base.html", {})


urlpatterns = [
    path("bench/signed-in/nothing/", session_only),
    path("bench/signed-in/layout/", layout_only),
    *site,
]
