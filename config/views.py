import errno
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve


@never_cache
def healthz(request):
    """Database and cache reachable? 200 with "ok" for each, 503 when either is down."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any failure is a failed check, whatever the driver raises
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        # The Redis cache fails open (returns None instead of raising), so a round trip tells.
        token = uuid.uuid4().hex
        cache.set("healthz", token, 10)
        checks["cache"] = "ok" if cache.get("healthz") == token else "error: no round trip"
    except Exception as exc:
        checks["cache"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def media(request, path):
    """Public uploads (article pictures, expert portraits) when no web server serves them (SERVE_MEDIA).
    A name the file system refuses (longer than it allows) is a name no file has: 404, not 500."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise  # a real fault (permissions, too many open files) stays a 500, with its traceback
        raise Http404("No such file.") from exc
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
