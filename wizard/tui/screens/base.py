"""What every wizard screen shares, and what the question and answer screens share besides."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding, BindingType
from textual.screen import Screen

from wizard.tui.keys import localize

if TYPE_CHECKING:
    from wizard.tui.app import WizardApp

NAVIGATION: list[BindingType] = [
    Binding("escape,backspace", "back", "key_back", id="back", key_display="Esc"),
    Binding("ctrl+r", "restart", "key_restart", id="restart", key_display="^R"),
    Binding("home,h", "home", "key_home", id="home", key_display="h"),
]
"""Shared by the question and the answer screen: back, restart, home."""


class WizardScreen(Screen[None]):
    """A screen whose footer speaks the app's language and whose show() fills it.

    show() runs when the screen is mounted, again whenever it is back on top
    (the session may have moved while a search or help screen covered it) unless
    ``REFRESH_ON_RESUME`` is off, and after the trees are reloaded
    (:meth:`WizardApp.adopt`). Textual calls every class's ``on_mount``, so a
    subclass may add its own without calling this one.
    """

    REFRESH_ON_RESUME: ClassVar[bool] = True

    def __init__(self) -> None:
        super().__init__()
        localize(self, self.wizard.lang)

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def t(self, key: str) -> str:
        """An interface string in the app's language."""
        return self.wizard.t(key)

    def on_mount(self) -> None:
        self.show()

    def on_screen_resume(self) -> None:
        if self.REFRESH_ON_RESUME and self.is_mounted:
            self.show()

    def show(self) -> None:
        """Render what the screen shows from the app's state; nothing by default."""


class SessionScreen(WizardScreen):
    """A place in the session (a question or an answer), where the NAVIGATION keys act.

    Each subclass lists ``*NAVIGATION`` in its own BINDINGS, so the footer keeps its order.
    """

    def action_back(self) -> None:
        self.wizard.go_back()

    def action_restart(self) -> None:
        self.wizard.restart()

    def action_home(self) -> None:
        self.wizard.go_home()
