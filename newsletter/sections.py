"""What a digest is made of: sections of items. Every section builder (digest.py's own and
community_sections.py's) imports these from here, so the builders never import each other."""

from dataclasses import dataclass, field


@dataclass
class Item:
    title: str
    path: str
    text: str = ""
    meta: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    more_path: str = ""
    more_label: str = ""
