"""The newsletter's modules import in any order: none needs another that is still half-imported
(digest.py and community_sections.py once imported each other, and community_sections first failed)."""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import newsletter

ROOT = Path(__file__).resolve().parents[2]

# Imported by django.setup() and registering something when imported (models, admin pages, signal
# receivers): importing them a second time would register twice, so they stay as setup left them.
REGISTERS_AT_SETUP = {"newsletter.apps", "newsletter.models", "newsletter.admin", "newsletter.signals"}

# A fresh interpreter; for each module in turn, every module under test is forgotten (sys.modules
# and the parent package's attribute), then that module is imported first and the rest after it.
SCRIPT = """
import importlib, sys
import django

django.setup()
modules = sys.argv[1:]
for first in modules:
    for name in modules:
        sys.modules.pop(name, None)
        parent, _, child = name.rpartition(".")
        if hasattr(sys.modules.get(parent), child):
            delattr(sys.modules[parent], child)
    for name in [first, *modules]:
        importlib.import_module(name)
    print("ok", first)
"""


def newsletter_modules():
    found = [
        info.name
        for info in pkgutil.walk_packages(newsletter.__path__, "newsletter.")
        if ".migrations" not in info.name and info.name not in REGISTERS_AT_SETUP
    ]
    return sorted(found)


def test_each_newsletter_module_imports_first_in_a_fresh_interpreter():
    modules = newsletter_modules()
    assert {"newsletter.digest", "newsletter.community_sections", "newsletter.sections"} <= set(modules)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *modules], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == [word for name in modules for word in ("ok", name)]
