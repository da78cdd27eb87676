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
held; then they are pressed again in order, one at a time, each once the one
before has acted, and keys read meanwhile wait behind them.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer

LONGEST_HOLD = 3.0
"""Seconds after which held keys are let go whatever happens: a keyboard must never stay dead."""
LONGEST_KEY = 0.5
"""Seconds after which a key pressed again counts as done even if its marker never came back."""
REMEMBERED = 64
"""How many keys pressed again are remembered as such (far more than one burst holds)."""


class KeyDone(Message):
    """Follows a key pressed again down to its widget and back up to the app: the key has acted."""

    def __init__(self, key: events.Key) -> None:
        super().__init__()
        self.key = key


class HeldKeys:
    """The keys held back for a screen or a box that is on its way, pressed again one at a time.

    A key pressed again acts before the next one is pressed: the next waits until the screen has been
    drawn after it, and until any screen the key asked for has come (2 3 y in one go: task 2, then
    option 3 of its first question, then y on the answer that opens; pressed together, y reached the
    task list while 2 was still on its way, and started a search).
    """

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._keys: deque[tuple[str, str | None]] = deque()
        self._asked = False
        """Whether a screen is on its way (:meth:`hold` until :meth:`release`)."""
        self._in_flight: events.Key | None = None
        """The key pressed again last, until it has done what it does (back up at the app, or stopped)."""
        self._timer: Timer | None = None
        self._recent: deque[events.Key] = deque(maxlen=REMEMBERED)

    @property
    def holding(self) -> bool:
        return self._asked or self._in_flight is not None or bool(self._keys)

    def hold(self) -> None:
        """Hold every key from now until :meth:`release` (or :data:`LONGEST_HOLD` seconds)."""
        self._asked = True
        self._arm()

    def take(self, event: events.Event) -> bool:
        """Keep ``event`` back if keys are being held; whether it was."""
        if not isinstance(event, events.Key):
            return False
        if self.pressed_again(event):  # on its way down or back up to the app's bindings, it acts
            if event is self._in_flight and not event.is_forwarded:
                self._app.call_next(self._follow, event)
            return False
        if not self.holding:
            return False
        self._keys.append((event.key, event.character))
        self._arm()
        return True

    def pressed_again(self, event: events.Event) -> bool:
        """Whether ``event`` is a key pressed again: it was already judged a key, not a letter of a phrase."""
        return any(event is key for key in self._recent)

    def press_first(self, keys: list[tuple[str, str | None]]) -> None:
        """Press ``keys`` again, before the keys held since: a burst that turned out to be keys (the hold
        that gathered it is over)."""
        self._keys.extendleft(reversed(keys))
        self.release()

    def release_after_refresh(self) -> None:
        """Press the held keys again once the screen now on its way has been drawn."""
        self._app.call_after_refresh(self.release)

    def release(self) -> None:
        self._asked = False
        self._next()

    def _follow(self, event: events.Key) -> None:
        """Send a marker after ``event``, down to the widget it was sent to and back up its way: when the
        app reads the marker, the key has done what it does (acted, or was taken by a widget on its way)."""
        (self._app.focused or self._app.screen).post_message(KeyDone(event))
        self._app.set_timer(LONGEST_KEY, lambda: self.done(event))  # a widget gone meanwhile drops the marker

    def done(self, event: events.Key) -> None:
        """``event`` has done what it does: the next held key may go, once what its binding asked of the app
        is done too (3 on a question asks for its answer: y waits for the answer screen)."""
        if event is self._in_flight:
            self._in_flight = None
            self._app.call_after_refresh(self._next)

    def _next(self) -> None:
        """Press the next held key again, unless a screen or the last key pressed is still on its way."""
        if self._asked or self._in_flight is not None:
            return
        if not self._keys:
            self._stop()
            return
        key, character = self._keys.popleft()
        # From the app, as the terminal's keys are: sent from a screen, a key would stop at that screen
        # on its way back up, and the app's bindings would never see it.
        self._in_flight = events.Key(key, character).set_sender(self._app)
        self._recent.append(self._in_flight)
        self._app.post_message(self._in_flight)

    def _arm(self) -> None:
        """(Re)start the clock after which held keys are let go whatever happens."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(LONGEST_HOLD, self._give_up)

    def _give_up(self) -> None:
        self._timer = None
        self._asked, self._in_flight = False, None
        keys, self._keys = list(self._keys), deque()
        for key, character in keys:
            again = events.Key(key, character).set_sender(self._app)
            self._recent.append(again)
            self._app.post_message(again)

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def _held_keys(app: App[Any]) -> HeldKeys | None:
    """The app's :class:`HeldKeys`; None for an app without (its keys simply go through)."""
    held = getattr(app, "held_keys", None)
    return held if isinstance(held, HeldKeys) else None


def hold_keys(app: App[Any]) -> None:
    """Hold the keys from now on, for a screen about to be asked for (an app without :class:`HeldKeys`
    lets them through)."""
    if held := _held_keys(app):
        held.hold()


def release_keys(app: App[Any]) -> None:
    """The screen the held keys were for is on top and shown: press them again once it is drawn."""
    if (held := _held_keys(app)) and held.holding:
        held.release_after_refresh()


def press_first(app: App[Any], keys: list[tuple[str, str | None]]) -> None:
    """Press ``keys`` again before any held since (an app without :class:`HeldKeys` drops them)."""
    if held := _held_keys(app):
        held.press_first(keys)


def pressed_again(app: App[Any], event: events.Event) -> bool:
    """Whether ``event`` is a key pressed again by :class:`HeldKeys`."""
    held = _held_keys(app)
    return held is not None and held.pressed_again(event)
