"""A tiny server-side chart helper: geometry for bar and line charts, drawn by
templates/insights/_chart.html as inline SVG (no script, nothing from a third party).

Each chart also carries its numbers as rows, shown beside it as a table, so a screen reader (or
anyone) gets the same facts as text.
"""

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 12, 36
MAX_X_LABELS = 8


def nice_ceiling(value):
    """The smallest 1, 2 or 5 × 10^n at or above `value` (at least 1): a readable top of the axis."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


@dataclass
class Series:
    name: str
    values: list
    css: str = ""


@dataclass
class Chart:
    """`labels` along the bottom, one value per label in each series."""

    slug: str
    title: str
    summary: str
    labels: list
    series: list
    kind: str = "bar"  # or "line"
    label_header: str = "Period"
    # One more text column for the table: (header, one text per label).
    extra: tuple | None = None
    geometry: dict = field(init=False)

    def __post_init__(self):
        for index, series in enumerate(self.series):
            series.css = series.css or f"series-{index + 1}"
        self.geometry = self.draw()

    @property
    def rows(self):
        """(label, [value per series]) for the table beside the chart."""
        return [
            (label, [series.values[i] for series in self.series], self.extra[1][i] if self.extra else None)
            for i, label in enumerate(self.labels)
        ]

    @property
    def is_empty(self):
        return not any(value for series in self.series for value in series.values)

    def draw(self):
        plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
        top = nice_ceiling(max([value for series in self.series for value in series.values] or [0]))
        count = max(len(self.labels), 1)
        slot = plot_w / count

        def y(value):
            return round(TOP + plot_h * (1 - value / top), 1)

        # Counts: a middle line only where it is a whole number (no "0.5 members").
        values = (0, top // 2, top) if top % 2 == 0 else (0, top)
        ticks = [{"value": value, "y": y(value), "label": f"{value:g}"} for value in values]
        # Evenly spaced from the latest (the one staff look for), so that no two labels meet; the
        # axis says "Sep 14" where the table beside says "Week of Sep 14".
        every = max(1, math.ceil(count / MAX_X_LABELS))
        x_labels = [
            {"text": label.removeprefix("Week of "), "x": round(LEFT + slot * (i + 0.5), 1)}
            for i, label in enumerate(self.labels)
            if (count - 1 - i) % every == 0
        ]
        shapes = []
        if self.kind == "line":
            for series in self.series:
                points = [(round(LEFT + slot * (i + 0.5), 1), y(value)) for i, value in enumerate(series.values)]
                shapes.append(
                    {
                        "css": series.css,
                        "points": " ".join(f"{px},{py}" for px, py in points),
                        "dots": [{"x": px, "y": py} for px, py in points],
                    }
                )
        else:
            group = slot * 0.8
            bar_w = group / max(len(self.series), 1)
            for s_index, series in enumerate(self.series):
                bars = []
                for i, value in enumerate(series.values):
                    x = LEFT + slot * i + slot * 0.1 + bar_w * s_index
                    bars.append(
                        {
                            "x": round(x, 1),
                            "y": y(value),
                            "width": round(max(bar_w - 1, 1), 1),
                            "height": round(TOP + plot_h - y(value), 1),
                        }
                    )
                shapes.append({"css": series.css, "bars": bars})
        return {
            "width": WIDTH,
            "height": HEIGHT,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "bottom": TOP + plot_h,
            "label_y": TOP + plot_h + 18,
            "ticks": ticks,
            "x_labels": x_labels,
            "shapes": shapes,
        }
