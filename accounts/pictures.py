"""Members' pictures (community updates, avatars): sent only once a view has checked who asks.

They are community content, so they get what community pages get: signed-in members only, gone
the moment their update or profile is hidden or deleted (the view looks the row up on every
request; the file lingering changes nothing). Names are random (images.RandomName), responses are
`private` so no shared cache keeps a copy, and `nosniff` so a browser never treats one as anything
but an image. With MEDIA_ACCEL_REDIRECT_PREFIX set, nginx sends the file (X-Accel-Redirect to an
`internal` location) and Python only decides; without it, Django streams it.
Article pictures and expert portraits are public and stay cacheable (config/views.py).
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.views.static import serve

# The member's browser may keep a picture for an hour: they have seen it already.
CACHE_CONTROL = "private, max-age=3600"


def private_picture_response(request, picture):
    """The response for `picture` (a FieldFile) once the caller has checked `request.user` may see it."""
    if settings.MEDIA_ACCEL_REDIRECT_PREFIX:
        content_type = mimetypes.guess_type(picture.name)[0] or "application/octet-stream"
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + quote(picture.name)
    else:
        response = serve(request, picture.name, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
