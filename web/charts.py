"""An indicator's values over time against its target, as a small SVG drawn on the server.

A chart library would be one more script to serve and keep; a line of a few points with a
dashed target needs only coordinates, so the server computes them and the template writes
the SVG (it prints, needs no JavaScript, and the table of values stays beside it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40  # room for the axis labels
INSET = 36  # the first and last points sit this far inside the axes, so their labels fit


@dataclass
class Point:
    x: float
    y: float
    period: str
    value: str


@dataclass
class Chart:
    points: list[Point] = field(default_factory=list)
    target: float | None = None  # y of the target line
    target_text: str = ""
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (y, label) on the value axis
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def is_target(observation: dict[str, Any]) -> bool:
    """A value recorded as the target (its period or unit says so)."""
    return "target" in f"{observation.get('period') or ''} {observation.get('unit') or ''}".casefold()


def chart(observations: list[dict[str, Any]]) -> Chart | None:
    """The chart of the numeric values in period order, or None with fewer than two."""
    values = [o for o in observations if isinstance(o.get("number"), int | float) and not is_target(o)]
    targets = [o for o in observations if isinstance(o.get("number"), int | float) and is_target(o)]
    if len(values) < 2:
        return None
    numbers = [float(o["number"]) for o in values] + [float(o["number"]) for o in targets[-1:]]
    low, high = min([*numbers, 0.0]), max(numbers)
    if high == low:
        high = low + 1
    span_x = WIDTH - LEFT - RIGHT - 2 * INSET
    span_y = HEIGHT - TOP - BOTTOM

    def y_of(v: float) -> float:
        return TOP + span_y * (1 - (v - low) / (high - low))

    step = span_x / (len(values) - 1)
    out = Chart([Point(LEFT + INSET + i * step, y_of(float(o["number"])), str(o.get("period") or ""),
                       str(o.get("value") or o["number"])) for i, o in enumerate(values)])
    out.ticks = [(y_of(v), f"{v:g}") for v in (low, (low + high) / 2, high)]
    if targets:
        out.target = y_of(float(targets[-1]["number"]))
        out.target_text = f"target {targets[-1].get('value') or targets[-1]['number']}"
    return out
