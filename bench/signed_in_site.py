"""Kindred itself, with two signed-in pages of nothing (bench/signed_in_urls.py), served by gunicorn
like the site (`gunicorn signed_in_site:application`, from bench/): what every signed-in page costs
before it shows anything of its own. Measured beside the signed-in pages, without a target."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.settings import *  # noqa: E402, F403 - the site's own settings, every one

ROOT_URLCONF = "signed_in_urls"
os.environ["DJANGO_SETTINGS_MODULE"] = "signed_in_site"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
