"""Keys pressed while the focus or the screen is changing wait for the place they were meant for.

Textual sends each key on to the widget that has the focus when the app reads
it, and runs the key's binding when the key comes back up to the app. Keys read
in one burst are all sent on before the first has done anything, so:

- A clerk who knows the way types 2 3 in one go: task 2, then option 3 of its
  first question. The 3 came back before task 2's question was on screen (at
  start-up, before the trees had even loaded), reached the task list and
  started task 3.
- An input method sends a phrase as a burst. The first character moved the
  focus from the task list to the search box, and the rest went partly to the
  list, partly to the box: 新員工入職怎麼加保 arrived as 新職怎麼加保.

So from the moment something is asked for until its place is ready, keys are
held; then they are pressed again, in order, and keys read meanwhile wait
behind them.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.timer import Timer

LONGEST_HOLD = 3.0
"""Seconds after which held keys are let go whatever happens: a keyboard must never stay dead."""
REMEMBERED = 64
"""How many keys pressed again are remembered as such (far more than one burst holds)."""


class HeldKeys:
    """The keys held back for a screen or a box that is on its way."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._keys: list[tuple[str, str | None]] = []
        self._timer: Timer | None = None
        self._pressed_again: list[events.Key] = []
        """The held keys pressed again and not yet read: keys read before them wait behind them."""
        self._recent: deque[events.Key] = deque(maxlen=REMEMBERED)

    @property
    def holding(self) -> bool:
        return self._timer is not None

    def hold(self) -> None:
        """Hold every key from now until :meth:`release`."""
        if self._timer is None:
            self._timer = self._app.set_timer(LONGEST_HOLD, self._give_up)

    def take(self, event: events.Event) -> bool:
        """Keep ``event`` back if keys are being held; whether it was."""
        if not isinstance(event, events.Key):
            return False
        if any(event is again for again in self._pressed_again):
            if not event.is_forwarded:  # read now; on its way back up it passes as any key does
                self._pressed_again = [again for again in self._pressed_again if again is not event]
                if not self._pressed_again:
                    self._press_next()
            return False
        if self._timer is None:
            return False
        self._keys.append((event.key, event.character))
        return True

    def pressed_again(self, event: events.Event) -> bool:
        """Whether ``event`` is a key pressed again: it was already judged a key, not a letter of a phrase."""
        return any(event is key for key in self._recent)

    def press_first(self, keys: list[tuple[str, str | None]]) -> None:
        """Press ``keys`` again now, before the keys held since: a burst that turned out to be keys."""
        self._keys[:0] = keys
        self.hold()
        self.release()

    def release_after_refresh(self) -> None:
        """Press the held keys again once the screen now on its way has been drawn."""
        self._app.call_after_refresh(self.release)

    def release(self) -> None:
        if self._timer is not None and not self._pressed_again:
            self._press_next()

    def _press_next(self) -> None:
        """Press the keys held so far again, still holding the ones read meanwhile; stop when none are left."""
        keys, self._keys = self._keys, []
        if not keys:
            self._stop()
            return
        for key, character in keys:
            # From the app, as the terminal's keys are: sent from a screen, a key would stop at that screen
            # on its way back up, and the app's bindings would never see it.
            again = events.Key(key, character).set_sender(self._app)
            self._pressed_again.append(again)
            self._recent.append(again)
            self._app.post_message(again)

    def _give_up(self) -> None:
        self._stop()
        self._pressed_again = []
        keys, self._keys = self._keys, []
        for key, character in keys:
            again = events.Key(key, character).set_sender(self._app)
            self._recent.append(again)
            self._app.post_message(again)

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def hold_keys(app: App[Any]) -> None:
    """Hold the keys from now on, for a screen about to be asked for (an app without :class:`HeldKeys`
    lets them through)."""
    held = getattr(app, "held_keys", None)
    if isinstance(held, HeldKeys):
        held.hold()


def release_keys(app: App[Any]) -> None:
    """The screen the held keys were for is on top and shown: press them again once it is drawn."""
    held = getattr(app, "held_keys", None)
    if isinstance(held, HeldKeys) and held.holding:
        held.release_after_refresh()


def press_first(app: App[Any], keys: list[tuple[str, str | None]]) -> None:
    """Press ``keys`` again before any held since (an app without :class:`HeldKeys` drops them)."""
    held = getattr(app, "held_keys", None)
    if isinstance(held, HeldKeys):
        held.press_first(keys)


def pressed_again(app: App[Any], event: events.Event) -> bool:
    """Whether ``event`` is a key pressed again by :class:`HeldKeys`."""
    held = getattr(app, "held_keys", None)
    return isinstance(held, HeldKeys) and held.pressed_again(event)
