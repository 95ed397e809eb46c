"""Column widths of a 公文 table from its content: short values on one line, the table as short as it can be.

A short value (a name, a sum, a number: at most `SHORT` characters) must never break (宋文/博,
1万/元), so each column first gets the width of its longest short value. The rest of the line
then goes, a few characters at a time, to the column where they save the most lines of the
whole table per character (so 河南城建学院 stays whole while a long enterprise name takes two
lines). Whatever saves no more lines is shared in proportion. Only when the short values alone
overfill the line does every column shrink alike.
"""

from __future__ import annotations

import math

SHORT = 4  # characters: names of up to four characters, 1万元, 序号


def text_width(text: str) -> float:
    """Width in characters of the widest line: ASCII letters and digits are half a character."""
    return max((sum(0.5 if ord(char) < 128 else 1 for char in line) for line in text.split("\n")), default=0)


def column_widths(headers: list[str], rows: list[list[str]], total: float, char: float, padding: float) -> list[float]:
    """Widths (in the unit of `total`) of the columns, summing to `total`.

    `char` is the width of one character and `padding` what a cell adds to its text (its margins).
    """
    lengths = [[text_width(row[index]) for row in [headers, *rows]] for index in range(len(headers))]
    room = total / char - len(headers) * padding / char  # characters of text the line holds
    need = [max(1, math.ceil(max((n for n in column if n <= SHORT), default=1))) for column in lengths]  # an empty cell is short too
    if sum(need) >= room:
        return [total * n / sum(need) for n in need]
    widths = _widen(lengths, need, room)
    spare = room - sum(widths)
    return [(w + spare * w / sum(widths)) * char + padding for w in widths]


def _cost(lengths: list[list[float]], widths: list[int]) -> int:
    """Lines of the whole table (each row as tall as its tallest cell), then cells that break."""
    lines = broken = 0
    for row in zip(*lengths):
        heights = [math.ceil(n / w) if n else 1 for n, w in zip(row, widths)]
        lines += max(heights)
        broken += sum(height > 1 for height in heights)
    return lines * (len(lengths) * len(lengths[0]) + 1) + broken  # a line saved outweighs every break


def _widen(lengths: list[list[float]], widths: list[int], room: float) -> list[int]:
    """Give whole characters to the column that saves the most per character, while any saves anything."""
    widths = list(widths)
    while True:
        spare = int(room - sum(widths))
        now = _cost(lengths, widths)
        best = None  # ((saved per character, fewer characters, leftmost), column, width)
        for index, column in enumerate(lengths):
            for width in sorted({math.ceil(n / k) for n in column for k in range(1, math.ceil(n) + 1)}):
                if widths[index] < width <= widths[index] + spare:
                    saved = now - _cost(lengths, [*widths[:index], width, *widths[index + 1:]])
                    candidate = ((saved / (width - widths[index]), widths[index] - width, -index), index, width)
                    if saved > 0 and (best is None or candidate > best):
                        best = candidate
        if best is None:
            return widths
        _, index, width = best
        widths[index] = width
