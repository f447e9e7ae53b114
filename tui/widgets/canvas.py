"""A grid of terminal cells to draw on, aware of double-width (CJK) characters."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from shiftcell.tui.words.textwidth import cells


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells (a wide character never half shown)."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        size = cells(ch)
        if used + size > width:
            break
        out.append(ch)
        used += size
    return "".join(out)


class Canvas:
    def __init__(self, width: int, height: int, style: Style | None = None) -> None:
        self.width = width
        self.height = height
        blank = style or Style()
        self.chars = [[" "] * width for _ in range(height)]
        self.styles = [[blank] * width for _ in range(height)]

    def fill(self, x: int, y: int, width: int, char: str, style: Style) -> None:
        if not 0 <= y < self.height:
            return
        for column in range(max(0, x), min(self.width, x + width)):
            self.chars[y][column] = char
            self.styles[y][column] = style

    def write(self, x: int, y: int, text: str, style: Style, width: int | None = None) -> None:
        """``text`` from column ``x``, cut to ``width`` cells; wide characters take two."""
        if not 0 <= y < self.height:
            return
        limit = min(self.width, x + (width if width is not None else self.width))
        column = x
        for ch in text:
            size = cells(ch)
            if column + size > limit:
                break
            self.chars[y][column] = ch
            self.styles[y][column] = style
            if size == 2:
                self.chars[y][column + 1] = ""  # covered by the wide character
                self.styles[y][column + 1] = style
            column += size

    def row(self, y: int) -> Canvas:
        """A copy of row ``y``, to write on without touching this canvas."""
        copy = Canvas(self.width, 1)
        copy.chars[0] = list(self.chars[y])
        copy.styles[0] = list(self.styles[y])
        return copy

    def strip(self, y: int) -> Strip:
        """Row ``y`` as segments, one per run of the same style."""
        segments: list[Segment] = []
        run: list[str] = []
        current: Style | None = None
        for ch, style in zip(self.chars[y], self.styles[y], strict=True):
            if style is not current and run:
                segments.append(Segment("".join(run), current))
                run = []
            current = style
            run.append(ch)
        if run:
            segments.append(Segment("".join(run), current))
        return Strip(segments, self.width)
