"""Calm abstract hero illustrations and portrait placeholders for the demo content.

Pillow only, deterministic for a given motif and seed, and fast enough to run for every
article when ``seed_demo`` loads. Shapes are drawn at twice the output size and reduced,
which gives smooth edges without a blur pass.
"""

import io
import math
import random

from PIL import Image, ImageColor, ImageDraw, ImageFont

MOTIFS = ("waves", "circles", "leaves", "sunrise", "path", "hands")
SUPERSAMPLE = 2

# Each palette: sky (top of the background), ground (bottom), then shape colors from
# light to deep. Blues, teals, soft greens and warm neutrals only.
PALETTES = (
    ("#DCEBEE", "#F6EDE1", ("#BFDCDB", "#8CC0C0", "#5A9EA3", "#2F6F7E", "#E6CBA8", "#D39C76")),
    ("#E2EBF5", "#F4E8DA", ("#C6D9EA", "#93B6D3", "#5F8DB7", "#3A6590", "#EBD3B5", "#CF9E7C")),
    ("#E4EFE8", "#F7EFE3", ("#C9E0D2", "#9CC6AE", "#6AA58A", "#3F7A63", "#EBD8B9", "#C9956E")),
    ("#F3E7DC", "#DDEAEE", ("#CFE2E6", "#9FC3CC", "#6C9DAB", "#2E5E73", "#F0D0AA", "#DB9B78")),
)


def draw_hero(motif: str, seed: int = 0, size=(1200, 675)) -> bytes:
    """Return JPEG bytes of a quiet abstract picture for ``motif`` (one of MOTIFS)."""
    if motif not in _MOTIF_PAINTERS:
        raise ValueError(f"Unknown motif {motif!r}; expected one of {', '.join(MOTIFS)}.")
    rng = random.Random(f"{motif}:{seed}")
    sky, ground, colors = PALETTES[rng.randrange(len(PALETTES))]
    width, height = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    image = _vertical_gradient((width, height), sky, ground)
    _glow(image, (rng.uniform(0.15, 0.85) * width, rng.uniform(0.1, 0.4) * height), 0.7 * height, "#FFFFFF", 0.45)
    draw = ImageDraw.Draw(image, "RGBA")
    _MOTIF_PAINTERS[motif](image, draw, rng, colors)
    image = image.reduce(SUPERSAMPLE)
    return _jpeg(image)


def draw_portrait(initials: str, color: str, size=(400, 400)) -> bytes:
    """Return JPEG bytes of a round, softly shaded placeholder portrait with initials."""
    width, height = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    base = ImageColor.getrgb(color)[:3]
    image = _vertical_gradient((width, height), _mix(base, (255, 255, 255), 0.88), _mix(base, (255, 255, 255), 0.72))
    draw = ImageDraw.Draw(image, "RGBA")
    radius = 0.42 * min(width, height)
    cx, cy = width / 2, height / 2
    draw.ellipse(_box(cx, cy, radius * 1.06), fill=(*_mix(base, (255, 255, 255), 0.55), 255))
    draw.ellipse(_box(cx, cy, radius), fill=(*base, 255))
    # A lighter crescent in the upper left gives the disc a little depth.
    draw.ellipse(_box(cx - radius * 0.18, cy - radius * 0.22, radius * 0.78), fill=(255, 255, 255, 22))
    text = "".join(initials.split()).upper()[:3] or "?"
    font = ImageFont.load_default(size=int(radius * (0.7 if len(text) < 3 else 0.52)))
    ink = (255, 255, 255) if _luminance(base) < 0.6 else (24, 40, 56)
    draw.text((cx, cy), text, font=font, fill=ink, anchor="mm")
    return _jpeg(image.reduce(SUPERSAMPLE))


# Motif painters. Each gets the supersampled RGB image, an RGBA drawing context on it,
# the seeded random generator and the palette's shape colors (light to deep).


def _paint_waves(image, draw, rng, colors):
    width, height = image.size
    bands = rng.randint(4, 6)
    for index in range(bands):
        depth = index / (bands - 1)
        baseline = height * (0.32 + 0.55 * depth)
        color = colors[min(index, 3)] if index < bands - 1 else colors[3]
        points = _wave_line(rng, width, baseline, height * rng.uniform(0.025, 0.06))
        draw.polygon([*points, (width, height), (0, height)], fill=(*_rgb(color), int(120 + 100 * depth)))
        draw.line(points, fill=(255, 255, 255, 70), width=max(2, height // 300))
    # A warm band of sand along the bottom edge.
    sand = _wave_line(rng, width, height * 0.95, height * 0.015)
    draw.polygon([*sand, (width, height), (0, height)], fill=(*_rgb(colors[4]), 200))


def _paint_circles(image, draw, rng, colors):
    width, height = image.size
    for _ in range(rng.randint(6, 9)):
        radius = height * rng.uniform(0.07, 0.33)
        cx, cy = rng.uniform(0.05, 0.95) * width, rng.uniform(0.1, 0.9) * height
        color = _rgb(rng.choice(colors))
        draw.ellipse(_box(cx, cy, radius), fill=(*color, rng.randint(60, 130)))
    for _ in range(rng.randint(2, 4)):
        radius = height * rng.uniform(0.08, 0.22)
        cx, cy = rng.uniform(0.1, 0.9) * width, rng.uniform(0.15, 0.85) * height
        draw.ellipse(_box(cx, cy, radius), outline=(*_rgb(colors[3]), 110), width=height // 160)
    _glow(image, (width * rng.uniform(0.3, 0.7), height * 0.5), height * 0.35, colors[4], 0.35)


def _paint_leaves(image, draw, rng, colors):
    width, height = image.size
    # Large faded leaves in the background, then a stem carrying crisper ones.
    for _ in range(3):
        _leaf(
            draw,
            (rng.uniform(0.1, 0.9) * width, rng.uniform(0.2, 0.9) * height),
            height * rng.uniform(0.35, 0.55),
            rng.uniform(0, 2 * math.pi),
            (*_rgb(colors[0]), 110),
        )
    start = (width * rng.uniform(0.05, 0.2), height * 1.02)
    control = (width * rng.uniform(0.35, 0.55), height * rng.uniform(0.35, 0.6))
    end = (width * rng.uniform(0.8, 0.95), height * rng.uniform(0.05, 0.2))
    stem = [_bezier(start, control, end, t / 60) for t in range(61)]
    draw.line(stem, fill=(*_rgb(colors[3]), 200), width=height // 110, joint="curve")
    leaf_count = rng.randint(7, 10)
    for index in range(leaf_count):
        t = 0.12 + 0.85 * index / (leaf_count - 1)
        x, y = _bezier(start, control, end, t)
        dx, dy = _bezier_tangent(start, control, end, t)
        side = 1 if index % 2 else -1
        angle = math.atan2(dy, dx) + side * rng.uniform(0.7, 1.1)
        length = height * rng.uniform(0.18, 0.26) * (1.1 - 0.4 * t)
        color = _rgb(colors[rng.randint(1, 3)])
        _leaf(draw, (x, y), length, angle, (*color, 215), vein=(255, 255, 255, 90))
    _glow(image, end, height * 0.3, colors[4], 0.3)


def _paint_sunrise(image, draw, rng, colors):
    width, height = image.size
    horizon = height * rng.uniform(0.58, 0.66)
    sun_x, sun_r = width * rng.uniform(0.35, 0.65), height * rng.uniform(0.14, 0.2)
    _glow(image, (sun_x, horizon), sun_r * 4.5, colors[5], 0.45)
    draw.ellipse(_box(sun_x, horizon, sun_r * 1.3), fill=(*_rgb(colors[4]), 110))
    draw.ellipse(_box(sun_x, horizon, sun_r), fill=(*_mix(_rgb(colors[5]), _rgb(colors[4]), 0.35), 255))
    for _ in range(rng.randint(2, 4)):
        cy = horizon - height * rng.uniform(0.15, 0.45)
        cx, length = width * rng.uniform(0.1, 0.9), width * rng.uniform(0.12, 0.3)
        thickness = height * rng.uniform(0.012, 0.025)
        draw.rounded_rectangle(
            (cx - length / 2, cy - thickness, cx + length / 2, cy + thickness),
            radius=thickness,
            fill=(255, 255, 255, 120),
        )
    for index in range(3):
        baseline = horizon + height * (0.02 + 0.13 * index)
        points = _wave_line(rng, width, baseline, height * (0.05 - 0.01 * index), cycles=(0.6, 1.3))
        draw.polygon([*points, (width, height), (0, height)], fill=(*_rgb(colors[1 + index]), 235))


def _paint_path(image, draw, rng, colors):
    width, height = image.size
    horizon = height * rng.uniform(0.4, 0.46)
    vanish_x = width * rng.uniform(0.4, 0.6)
    _glow(image, (vanish_x, horizon), height * 0.5, colors[5], 0.35)
    for index in range(3):
        baseline = horizon + height * (0.01 + 0.14 * index)
        points = _wave_line(rng, width, baseline, height * 0.04, cycles=(0.5, 1.1))
        draw.polygon([*points, (width, height), (0, height)], fill=(*_rgb(colors[index]), 235))
    # The path in perspective: ``scale`` is 1 at the bottom edge and shrinks toward the
    # vanishing point, so its width, height on the page and sideways sway all shrink too.
    sway, phase = width * rng.uniform(0.25, 0.35), rng.uniform(0, 2 * math.pi)
    left, right = [], []
    steps = 90
    for step in range(steps + 1):
        scale = 1 - 0.95 * step / steps
        y = horizon + height * 0.02 + (height * 1.02 - horizon) * scale
        center = vanish_x + scale * sway * math.sin(phase + 2.4 * math.pi * (1 - scale) ** 0.6)
        half = width * 0.17 * scale
        left.append((center - half, y))
        right.append((center + half, y))
    draw.polygon(left + right[::-1], fill=(*_rgb(colors[4]), 240))
    draw.line(left, fill=(255, 255, 255, 90), width=height // 300)
    draw.line(right, fill=(255, 255, 255, 90), width=height // 300)


def _paint_hands(image, draw, rng, colors):
    width, height = image.size
    cx, cy = width * rng.uniform(0.46, 0.54), height * 0.34
    radius = height * rng.uniform(0.36, 0.39)
    thickness = radius * 0.34
    light = (cx, cy + radius * 0.32)
    _glow(image, light, radius * 1.6, colors[5], 0.4)
    draw.ellipse(_box(*light, radius * 0.32), fill=(*_rgb(colors[4]), 120))
    draw.ellipse(_box(*light, radius * 0.25), fill=(*_mix(_rgb(colors[5]), _rgb(colors[4]), 0.4), 255))
    palm_colors = (colors[2], colors[3]) if rng.random() < 0.5 else (colors[3], colors[2])
    # Two cupped hands forming a bowl under the light: a palm from the heel, where the
    # hands meet, then four rounded fingers side by side that carry on along the curve.
    for (heel, tip), color in zip(((92, 150), (88, 30)), palm_colors, strict=True):
        fill = (*_rgb(color), 255)
        direction = 1 if tip > heel else -1
        _crescent(draw, (cx, cy), radius, thickness, heel, tip + direction * 2, fill)
        finger_width = thickness / 4
        for finger, length in enumerate((0.3, 0.4, 0.42, 0.36)):
            # The finger nearest the bowl's inside is the shortest, as on a real hand.
            ring = radius - thickness / 2 + finger_width * (finger + 0.5)
            sweep = direction * length * radius / ring
            start = math.radians(tip)
            points = [
                (cx + ring * math.cos(start + sweep * k / 10), cy + ring * math.sin(start + sweep * k / 10))
                for k in range(11)
            ]
            draw.line(points, fill=fill, width=int(finger_width * 0.82), joint="curve")
            draw.ellipse(_box(*points[-1], finger_width * 0.41), fill=fill)


_MOTIF_PAINTERS = {
    "waves": _paint_waves,
    "circles": _paint_circles,
    "leaves": _paint_leaves,
    "sunrise": _paint_sunrise,
    "path": _paint_path,
    "hands": _paint_hands,
}


# Drawing helpers.


def _vertical_gradient(size, top, bottom):
    # Blend a one-pixel-wide column, then stretch it sideways: much cheaper than full size.
    column = (1, size[1])
    mask = Image.linear_gradient("L").resize(column)
    strip = Image.composite(Image.new("RGB", column, _rgb(bottom)), Image.new("RGB", column, _rgb(top)), mask)
    return strip.resize(size, Image.Resampling.NEAREST)


def _glow(image, center, radius, color, strength):
    """Blend a soft radial light into ``image`` around ``center``."""
    diameter = max(2, int(radius * 2))
    # The gradient reaches white only at the corners (181 at the edge midpoints), so
    # fade to nothing by 180 to keep the square's edges invisible.
    mask = Image.radial_gradient("L").point(lambda value: int(255 * strength * max(0.0, 1 - value / 180) ** 2))
    mask = mask.resize((diameter, diameter), Image.Resampling.BILINEAR)
    left, top = int(center[0] - radius), int(center[1] - radius)
    image.paste(Image.new("RGB", (diameter, diameter), _rgb(color)), (left, top), mask)


def _wave_line(rng, width, baseline, amplitude, cycles=(0.8, 2.0)):
    first = (rng.uniform(*cycles), rng.uniform(0, 2 * math.pi))
    second = (rng.uniform(1.5, 3.5), rng.uniform(0, 2 * math.pi))
    steps = 96
    return [
        (
            width * step / steps,
            baseline
            + amplitude * math.sin(2 * math.pi * first[0] * step / steps + first[1])
            + 0.3 * amplitude * math.sin(2 * math.pi * second[0] * step / steps + second[1]),
        )
        for step in range(steps + 1)
    ]


def _leaf(draw, base, length, angle, fill, vein=None):
    """A pointed leaf growing from ``base`` in direction ``angle`` (radians)."""
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    half_width = length * 0.22
    outline_a, outline_b = [], []
    for step in range(25):
        t = step / 24
        along, across = t * length, half_width * math.sin(math.pi * t) ** 0.9
        for outline, sign in ((outline_a, 1), (outline_b, -1)):
            outline.append(
                (base[0] + along * cos_a - sign * across * sin_a, base[1] + along * sin_a + sign * across * cos_a)
            )
    draw.polygon(outline_a + outline_b[::-1], fill=fill)
    if vein:
        tip = (base[0] + length * 0.9 * cos_a, base[1] + length * 0.9 * sin_a)
        draw.line([base, tip], fill=vein, width=max(2, int(length / 60)))


def _crescent(draw, center, radius, thickness, heel, tip, fill):
    """A tapered arc from ``heel`` (thick) to ``tip`` (thinner), in degrees (0 = right, 90 = down)."""
    outer, inner = [], []
    steps = 48
    for step in range(steps + 1):
        u = step / steps
        angle = math.radians(heel + (tip - heel) * u)
        half = thickness / 2 * (1 - 0.15 * u)
        for ring, offset in ((outer, half), (inner, -half)):
            ring.append(
                (center[0] + (radius + offset) * math.cos(angle), center[1] + (radius + offset) * math.sin(angle))
            )
    draw.polygon(outer + inner[::-1], fill=fill)


def _bezier(p0, p1, p2, t):
    return (
        (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t**2 * p2[0],
        (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t**2 * p2[1],
    )


def _bezier_tangent(p0, p1, p2, t):
    return (
        2 * (1 - t) * (p1[0] - p0[0]) + 2 * t * (p2[0] - p1[0]),
        2 * (1 - t) * (p1[1] - p0[1]) + 2 * t * (p2[1] - p1[1]),
    )


def _box(cx, cy, radius):
    return (cx - radius, cy - radius, cx + radius, cy + radius)


def _rgb(color):
    return ImageColor.getrgb(color)[:3] if isinstance(color, str) else tuple(color[:3])


def _mix(color, other, amount):
    """Mix ``amount`` (0 to 1) of ``other`` into ``color``."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(_rgb(color), other, strict=True))


def _luminance(color):
    red, green, blue = (channel / 255 for channel in color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


if __name__ == "__main__":
    import tempfile
    import time
    from pathlib import Path

    out = Path(tempfile.gettempdir())

    for number, motif in enumerate(MOTIFS):
        started = time.perf_counter()
        data = draw_hero(motif, seed=number)
        elapsed = (time.perf_counter() - started) * 1000
        path = out / f"demo-hero-{motif}.jpg"
        path.write_bytes(data)
        print(f"{path}: {len(data) // 1024} KiB in {elapsed:.0f} ms")
    for initials, color in (("EM", "#2F6F7E"), ("RA", "#5E7FA8"), ("IF", "#E6CBA8")):
        path = out / f"demo-portrait-{initials.lower()}.jpg"
        path.write_bytes(draw_portrait(initials, color))
        print(path)
