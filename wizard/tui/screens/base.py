"""What every wizard screen shares, and what the question and answer screens share besides.

Screens are given what they show (the session, the task list, the language)
as attributes and report the clerk's intent with :mod:`wizard.tui.messages`;
none of them knows the App class.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from wizard.i18n import text
from wizard.tui import keys, messages
from wizard.tui.held_keys import hold_keys, press_first, pressed_again, release_keys
from wizard.tui.keys import fullwidth_key, localize, press_fullwidth
from wizard.tui.widgets.key_bar import KeyHint, hints
from wizard.tui.widgets.search_box import pasted_line
from wizard.tui.widgets.search_panel import SearchPanel

if TYPE_CHECKING:
    from wizard.engine.session import Session


IME_HINT_SECONDS = 5.0
PHRASE_PIECES_SECONDS = 0.15
"""How long a character typed alone waits for the rest of a phrase (a browser's second message) before
it is taken for a key pressed with the input method on."""


class WizardScreen(Screen[None]):
    """A screen whose footer speaks the clerk's language and whose show() fills it.

    show() runs when the screen is mounted, again whenever it is back on top
    (the session may have moved while a search or help screen covered it)
    unless ``REFRESH_ON_RESUME`` is off, and when the app has new data for it
    (the trees were reloaded). Textual calls every class's ``on_mount``, so a
    subclass may add its own without calling this one.
    """

    REFRESH_ON_RESUME: ClassVar[bool] = True

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang
        self._maybe_keys = []
        localize(self, lang)

    def t(self, key: str) -> str:
        """An interface string in the screen's language."""
        return text(key, self.lang)

    def on_mount(self) -> None:
        self.show()

    def on_screen_resume(self) -> None:
        if self.REFRESH_ON_RESUME and self.is_mounted:
            self.show()
        release_keys(self.app)  # keys held for this screen (a task's first question, a search) follow

    def show(self) -> None:
        """Render what the screen shows from its attributes; nothing by default."""

    def key_hints(self, own: list[BindingType] | None = None, *, app_keys: bool = True) -> list[KeyHint]:
        """The keys this screen's bar shows: its own (or ``own``, for a state of the screen), then the app's
        (not while a question is typed: q, ? and / are letters of it then)."""
        bindings = self.BINDINGS if own is None else own
        available = [key for key in keys.shown(bindings) if self.check_action(key.action, ()) is not False]
        shown = hints(available, self.lang, "screen")
        return shown + hints(self.app_bindings(), self.lang, "app") if app_keys else shown

    def app_bindings(self) -> list[BindingType]:
        """The app's shown keys that work here (in a browser there is no q: see ``WizardApp.check_action``)."""
        return [key for key in keys.shown(keys.APP) if self.app.check_action(key.action, ()) is not False]

    # Keys typed with a Chinese input method on -----------------------------------------------
    _hinted_at = 0.0

    async def on_key(self, event: events.Key) -> None:
        """A clerk who has just typed Chinese usually still has the input method on: a letter key then
        arrives as a full-width letter (ｙ) or as the Chinese it composed (你). A full-width key acts as
        its key; other text goes to :meth:`typed`. Not while a box has the focus.

        Where a phrase is a question (:data:`PHRASES`), a letter or digit may be the first key of one
        (11号以后入职的员工): it is gathered with the rest of its burst, which is searched if it holds
        Chinese, and otherwise pressed again as the keys it was (2, or 2 3 typed in one go)."""
        character = event.character
        if isinstance(self.focused, Input):
            return
        if event.key == "enter" and self._burst:  # a line break of text pasted without bracketed paste
            self._gather_key(event, " ")
            return
        if not character or not event.is_printable:
            return
        typing = self.typing() or (character.isascii() and self.starts_a_question(event))
        if character.isascii() and not typing:
            if self.PHRASES and not pressed_again(self.app, event):
                self._gather_key(event, character)  # a key, or the first of a phrase: its burst says
            return
        if self._maybe_keys and character.isascii():
            self._gather_key(event, character)
            return
        event.stop()
        event.prevent_default()
        if typing:  # keys that came in one burst, digits too, before the box took the focus
            self.typed(character)
        elif not await press_fullwidth(self, character):
            key = fullwidth_key(character)
            if key is None or not key.isalnum():  # an unbound full-width letter does nothing, as its key would
                self.typed(character)

    def typing(self) -> bool:
        """Whether the clerk is typing a question here, so that a full-width ？ is text, not a key."""
        return False

    def starts_a_question(self, event: events.Key) -> bool:
        """Whether an ASCII key, pressed while no question is typed, is the start of one."""
        return False

    def on_paste(self, event: events.Paste) -> None:
        """A paste with no text box in focus is a question to search: an error message copied from the web hall."""
        if isinstance(self.focused, Input):
            return
        event.stop()
        text = pasted_line(event.text)
        if text:
            self.post_message(messages.SearchFor(text))

    def typed(self, character: str) -> None:
        """Text typed where no box takes it: say how to switch the input method (once every few seconds)."""
        now = time.monotonic()
        if now - self._hinted_at > IME_HINT_SECONDS:
            self._hinted_at = now
            self.notify(self.t("ime_hint"), markup=False)

    # Bursts of keys ------------------------------------------------------------------------------
    PHRASES: ClassVar[bool] = False
    """Whether a phrase typed here with no box in focus is a question (then a burst that begins with a
    key is gathered whole before it is judged: keys, or a phrase)."""
    _burst = ""
    _maybe_keys: list[tuple[str, str | None]]
    """The keys of a burst that began with a key: pressed again as keys if the burst stays ASCII."""

    def _gather_key(self, event: events.Key, text: str) -> None:
        """Take ``event`` into the burst as ``text``; while the burst began with a key (or this key begins
        it), keep the key too: the burst may turn out to be keys after all."""
        event.stop()
        event.prevent_default()
        if self._maybe_keys or not self._burst:
            self._maybe_keys.append((event.key, event.character))
        self.gather(text)

    def gather(self, text: str) -> None:
        """Add ``text`` to the burst of keys it came in; :meth:`burst_typed` gets the whole burst.

        An input method sends a phrase as a burst of keys, each sent on to the widget focused when the
        app reads it, before the first has done anything. The first key of a burst holds the keys not
        yet read (:mod:`wizard.tui.held_keys`) and posts a marker behind the ones already sent; when the
        marker arrives, so have they (moving the focus at the first key split the burst:
        新員工入職怎麼加保 became 新職怎麼加保)."""
        if self._burst:
            self._burst += text
            return
        self._burst = text
        hold_keys(self.app)
        (self.focused or self).post_message(messages.BurstSent())

    @on(messages.BurstSent)
    def _burst_sent(self, event: messages.BurstSent) -> None:
        event.stop()
        burst, self._burst = self._burst, ""
        maybe_keys, self._maybe_keys = self._maybe_keys, []
        if maybe_keys and burst.isascii() and self.burst_is_keys(burst):
            press_first(self.app, maybe_keys)  # a key or keys (2 3), not a phrase: they act as keys
        else:
            self.burst_typed(burst)

    def burst_is_keys(self, burst: str) -> bool:
        """Whether a burst of ASCII that began with a key is keys pressed in one go (2 3 y), not text."""
        return True

    def burst_typed(self, text: str) -> None:
        """A whole burst of gathered keys; the held keys that followed it must be let go
        (:func:`~wizard.tui.held_keys.release_keys`) here or by the screen it leads to."""
        self.typed(text)
        release_keys(self.app)


class SearchingScreen(WizardScreen):
    """A screen with a :class:`SearchPanel`: text typed or pasted while its box lacks the focus goes there."""

    PHRASES = True

    def focus_search(self, typed: str = "") -> None:
        self.query_one(SearchPanel).focus_box(typed)

    def typing(self) -> bool:
        """A question is being typed into the box (or gathered for it): every character is part of it
        (a ？ or a digit too), unless the clerk has moved into the results, where a digit opens one."""
        return bool(self._burst) or self.query_one(SearchPanel).typing()

    def starts_a_question(self, event: events.Key) -> bool:
        """A letter no key here is bound to: pinyin (shebao) or its initials (hjxz), which search reads,
        typed with the input method off. It did nothing at all."""
        return (
            event.key.isascii()
            and event.key.isalpha()
            and len(event.key) == 1
            and event.key not in self.active_bindings
        )

    def typed(self, character: str) -> None:
        """Text typed here is (part of) a question: it goes into the box, as if after /; typed while
        the box lacks the focus, as a burst gathered whole (:meth:`gather`)."""
        if self._burst or self.focused not in (None, self.query_one(SearchPanel).box):
            self.gather(character)
        else:
            self.focus_search(character)

    def burst_is_keys(self, burst: str) -> bool:
        """Only a burst that begins with a digit (a task or a result, and what follows it) or with / is keys:
        qy (企业's initials) sent in one go quit the app, and [bold] lost its [ to the key it was taken for."""
        return len(burst) < 2 or burst[0].isdigit() or burst[0] == "/"

    def burst_typed(self, text: str) -> None:
        self.focus_search(text)
        release_keys(self.app)


class SessionScreen(WizardScreen):
    """A place in a session (a question or an answer), where the navigation keys act.

    Each subclass lists ``*keys.NAVIGATION`` in its own BINDINGS, so the footer keeps its order.
    """

    PHRASES = True

    def __init__(self, session: Session, lang: str = "zh") -> None:
        super().__init__(lang)
        self.session = session

    def typing(self) -> bool:
        """A phrase is being gathered: its letters and digits (APP怎么注册) are part of it, not keys."""
        return bool(self._burst)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+R restarts the task; a session begun from a search has none (Esc goes back instead)."""
        return action != "restart" or self.session.start_tree is not None

    _single = ""
    """One character typed alone, kept a moment: a browser may send a phrase in two pieces."""
    _single_timer: Timer | None = None

    def typed(self, character: str) -> None:
        """Chinese typed here with no box to take it, gathered as a burst (:meth:`gather`)."""
        if self._single_timer is not None:
            self._single_timer.stop()
        text, self._single = self._single + character, ""
        self.gather(text)

    def burst_typed(self, text: str) -> None:
        """A phrase is a question, searched as a paste would be (the keys read meanwhile go to its box);
        a single character is a key pressed with the input method on, and gets the hint. In a browser
        the rest of a phrase can come a moment later (户 | 籍性质为空 searched 籍性质为空 and hinted at
        户): a single character waits for it."""
        if len(text) > 1:
            self.post_message(messages.SearchFor(text))
            return
        self._single = text
        self._single_timer = self.set_timer(PHRASE_PIECES_SECONDS, self._lone_character)
        release_keys(self.app)

    def _lone_character(self) -> None:
        single, self._single = self._single, ""
        if single:
            super().typed(single)

    def action_back(self) -> None:
        self.post_message(messages.GoBack())

    def action_restart(self) -> None:
        self.post_message(messages.Restart())

    def action_home(self) -> None:
        self.post_message(messages.GoHome())
