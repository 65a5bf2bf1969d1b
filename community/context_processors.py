from .services import unread_count


def notifications(request):
    """The unread count in the header, counted only when a page shows it (lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    return {"unread_notifications": lambda: unread_count(user)}
