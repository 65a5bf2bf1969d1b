"""Everything stored about a member, in one place.

Each app registers its part once, in its AppConfig.ready(): how to export it (JSON-able data),
how to erase it (rows and files) and how to hide it (when staff suspend the member). Export,
deletion and suspension walk this list, so a new app cannot be forgotten by one and not the others;
tests/accounts/test_data.py checks that every table pointing at a member is covered.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MemberData:
    name: str
    export: Callable  # (user) -> JSON-able data
    erase: Callable | None = None  # (user) -> None; deletes rows and their files
    hide: Callable | None = None  # (user, *, reason) -> int, how many things were hidden


_parts: dict[str, MemberData] = {}


def register(name, *, export, erase=None, hide=None):
    _parts[name] = MemberData(name=name, export=export, erase=erase, hide=hide)


def parts():
    return list(_parts.values())
