"""Keys pressed while a task is starting wait for the screen they were meant for.

A clerk who knows the way types 2 3 in one go: task 2, then option 3 of its
first question. Textual runs a key's binding when the key comes back up to the
app from the focused widget; the 3 came back before task 2's question was on
screen (at start-up, before the trees had even loaded), reached the task list
and started task 3. From the moment a task is asked for until its first screen
has been drawn (the screen says so when it is on top), keys are held; then
they are pressed again, in order.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.timer import Timer

LONGEST_HOLD = 3.0
"""Seconds after which held keys are let go whatever happens: a keyboard must never stay dead."""


class HeldKeys:
    """The keys held back for a screen that is on its way."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._keys: list[tuple[str, str | None]] = []
        self._timer: Timer | None = None

    @property
    def holding(self) -> bool:
        return self._timer is not None

    def hold(self) -> None:
        """Hold every key from now until :meth:`release`."""
        if self._timer is None:
            self._timer = self._app.set_timer(LONGEST_HOLD, self.release)

    def take(self, event: events.Event) -> bool:
        """Keep ``event`` back if keys are being held; whether it was."""
        if self._timer is None or not isinstance(event, events.Key):
            return False
        self._keys.append((event.key, event.character))
        return True

    def release_after_refresh(self) -> None:
        """Press the held keys again once the screen now on its way has been drawn."""
        self._app.call_after_refresh(self.release)

    def release(self) -> None:
        if self._timer is None:
            return
        self._timer.stop()
        self._timer = None
        keys, self._keys = self._keys, []
        for key, character in keys:
            # From the app, as the terminal's keys are: sent from a screen, a key would stop at that screen
            # on its way back up, and the app's bindings would never see it.
            self._app.post_message(events.Key(key, character).set_sender(self._app))


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
