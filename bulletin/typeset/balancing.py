"""Column balancing in WeasyPrint, spared the tries that cannot place anything.

WeasyPrint balances a group of columns (a story's text before a quote or photo
set across, or at the story's end) by laying the group out at the mean column
height, then again a pixel (0.26 mm) taller each time, until it fits
(weasyprint/layout/column.py; its tracker, issues 878 and 1597, on that scan).
When the first column takes nothing at all, nothing tells it how much taller to
try, so it steps a pixel at a time. A fact box alone above a quote set across,
146 pixels tall, was laid out 73 times before it fitted, at the mean of 73:
0.3 s of the English example's page 2, in every layout of the page.

A first column that takes nothing with some room below it kept free takes
nothing with more room kept free either. So after a group's third empty try, the
least room that still takes nothing is found in a few layouts (a guess from the
column laid out down to the page's foot, then halving), and the engine's tries above
it are answered "nothing" without a layout (a group a pixel or two short is left to
the engine: the search would cost it more). Every other try runs as before, in
the same order, so the pages come out the same, byte for byte.
"""
from __future__ import annotations

import functools
import math
import sys
import weakref
from dataclasses import dataclass

# Empty tries of a group the engine makes before the room it needs is looked for: a
# few pixels short cost it fewer layouts than the search (three to eight).
SEARCH_AFTER = 3
# Pixels taller than the first empty try beyond which none of ours is made: taller than any page.
_LONGEST_SCAN = 4096


@dataclass
class _EmptyBelow:
    """One column group's first column, found empty: it takes nothing when `bottom`
    pixels or more are kept free below it (the engine's `bottom_space`); `answer` is
    what the engine returned for that, after `tries` empty tries of its own."""
    column: weakref.ref               # not the box itself: no layout outlives its document
    skip_stack: object
    bottom: float
    answer: tuple
    tries: int = 1
    searched: bool = False


def install() -> None:
    """Wrap WeasyPrint's block layout where the column balancer calls it (once a process)."""
    from weasyprint.layout import block, column  # only where pages are laid out

    if hasattr(block.block_box_layout, "__wrapped__"):      # wrapped already
        return
    block.block_box_layout = _sparing(block.block_box_layout, column.columns_layout.__code__,
                                      block.remove_placeholders)


def _sparing(lay_out_block, balancer_code, remove_placeholders):
    known: list[_EmptyBelow | None] = [None]      # the group last found empty

    def block_box_layout(context, box, bottom_space, skip_stack, containing_block, page_is_empty,
                         absolute_boxes, fixed_boxes, adjoining_margins, first_letter_style,
                         first_line_style, discard, max_lines):
        asked = (context, box, bottom_space, skip_stack, containing_block, page_is_empty,
                 absolute_boxes, fixed_boxes, adjoining_margins, first_letter_style,
                 first_line_style, discard, max_lines)
        # Only the balancer's tries with the page already taken can be spared.
        if page_is_empty or sys._getframe(1).f_code is not balancer_code:
            return lay_out_block(*asked)
        empty = known[0]
        if empty is not None and (empty.column() is not box or empty.skip_stack is not skip_stack):
            empty = None                    # another group
        if empty is not None and empty.searched and bottom_space >= empty.bottom:
            return empty.answer
        answer = lay_out_block(*asked)
        if answer[0] is not None:
            return answer
        if empty is None:
            known[0] = empty = _EmptyBelow(weakref.ref(box), skip_stack, bottom_space, answer)
        else:
            empty.tries += 1
        if empty.tries == SEARCH_AFTER and not empty.searched:
            def lay_out(bottom):            # a try of our own, with lists of its own
                margins = None if adjoining_margins is None else list(adjoining_margins)
                return lay_out_block(context, box, bottom, skip_stack, containing_block, False, [],
                                     [], margins, first_letter_style, first_line_style, discard,
                                     max_lines)
            tries = _Tries(lay_out, remove_placeholders, context, box)
            empty.bottom, empty.searched = tries.least_empty(bottom_space), True
        return answer

    return functools.wraps(lay_out_block)(block_box_layout)


class _Tries:
    """Layouts of one group's first column that the engine never sees: each is
    undone as the engine undoes its own tries."""

    def __init__(self, lay_out, remove_placeholders, context, column):
        self.lay_out = lay_out                  # the first column, given the room kept free
        self.remove_placeholders = remove_placeholders
        self.context = context
        self.column = column
        self._shapes = 0                        # the floats known before the try being made

    def least_empty(self, bottom: float) -> float:
        """The least room kept free, among the engine's next tries (`bottom` less
        a whole number of pixels), at which the column still takes nothing."""
        guess = self._guess(bottom)
        if guess is None:
            return bottom
        # Pixels taller than the try at `bottom`: at `empty` the column takes nothing, at `taken` it does.
        empty, taken = 0, guess
        while not self._takes(bottom - taken):          # the guess falls short: go further
            if taken * 2 > _LONGEST_SCAN:
                return bottom - taken
            empty, taken = taken, taken * 2
        if taken - 1 > empty and not self._takes(bottom - taken + 1):
            empty = taken - 1                            # right to the pixel: no halving
        while taken - empty > 1:
            middle = (empty + taken) // 2
            if self._takes(bottom - middle):
                taken = middle
            else:
                empty = middle
        return bottom - empty

    def _guess(self, bottom: float) -> int | None:
        """Pixels more than the try at `bottom` that the group's first block needs,
        read from the column laid out down to the page's foot (no further: a long
        story's group would run on for pages); None if that shows nothing."""
        laid = self._laid(0) if bottom > 0 else None
        if laid is None:
            return None
        try:
            first = next(child for child in laid.children if child.is_in_normal_flow())
        except StopIteration:
            return None
        finally:
            self._undo(laid)
        needed = first.position_y + first.margin_height() - self.column.position_y
        height = self.context.page_bottom - self.column.position_y - bottom
        return max(1, math.ceil(needed - height))

    def _takes(self, bottom: float) -> bool:
        laid = self._laid(bottom)
        if laid is None:
            return False
        self._undo(laid)
        return True

    def _laid(self, bottom: float):
        self._shapes = len(self.context.excluded_shapes)
        laid = self.lay_out(bottom)[0]
        if laid is None:
            self._undo(None)
        return laid

    def _undo(self, laid) -> None:
        if laid is not None:
            self.remove_placeholders(self.context, [laid], [], [])
        del self.context.excluded_shapes[self._shapes:]
