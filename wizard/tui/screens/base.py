"""What every wizard screen shares, and what the question and answer screens share besides.

Screens are given what they show (the session, the task list, the language)
as attributes and report the clerk's intent with :mod:`wizard.tui.messages`;
none of them knows the App class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.screen import Screen

from wizard.i18n import text
from wizard.tui import keys, messages
from wizard.tui.keys import localize
from wizard.tui.widgets.key_bar import KeyHint, hints

if TYPE_CHECKING:
    from wizard.engine.session import Session


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
        localize(self, lang)

    def t(self, key: str) -> str:
        """An interface string in the screen's language."""
        return text(key, self.lang)

    def on_mount(self) -> None:
        self.show()

    def on_screen_resume(self) -> None:
        if self.REFRESH_ON_RESUME and self.is_mounted:
            self.show()

    def show(self) -> None:
        """Render what the screen shows from its attributes; nothing by default."""

    def key_hints(self) -> list[KeyHint]:
        """The keys this screen's bar shows: its own, then the app's."""
        return hints(self.BINDINGS, self.lang, "screen") + hints(keys.APP, self.lang, "app")


class SessionScreen(WizardScreen):
    """A place in a session (a question or an answer), where the navigation keys act.

    Each subclass lists ``*keys.NAVIGATION`` in its own BINDINGS, so the footer keeps its order.
    """

    def __init__(self, session: Session, lang: str = "zh") -> None:
        super().__init__(lang)
        self.session = session

    def action_back(self) -> None:
        self.post_message(messages.GoBack())

    def action_restart(self) -> None:
        self.post_message(messages.Restart())

    def action_home(self) -> None:
        self.post_message(messages.GoHome())
