import functools

from accounts.models import Profile

from . import safety
from .services import unread_count


def notifications(request):
    """The unread count in the header, counted only when a page shows it (lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    if hasattr(request, "unread_notifications"):  # counted already (community/pages.py)
        return {"unread_notifications": request.unread_notifications}
    return {"unread_notifications": lambda: unread_count(user)}


def crisis_support(request):
    """The crisis panel's resources, once, on the first page that shows it after a member's words
    matched a warning phrase (the flag is taken from the session only when a page asks)."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated or safety.SUPPORT_SESSION_KEY not in session:
        return {}

    @functools.cache
    def support():
        if not session.pop(safety.SUPPORT_SESSION_KEY, False):
            return None
        region = Profile.objects.filter(user=user).values_list("region", flat=True).first()
        local, international = safety.resources_for_region(region)
        return {"local": local, "international": international, "emergency_note": safety.EMERGENCY_NOTE}

    return {"crisis_support": support}
