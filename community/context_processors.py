from .models import Notification


def notifications(request):
    """The unread count in the header, counted only when a page shows it (lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return {"unread_notifications": unread}
