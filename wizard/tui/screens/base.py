"""What every wizard screen shares: the app it belongs to and its language."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from wizard.tui.keys import localize

if TYPE_CHECKING:
    from wizard.tui.app import WizardApp


class WizardScreen(Screen[None]):
    """A screen whose footer speaks the app's language."""

    def __init__(self) -> None:
        super().__init__()
        localize(self, self.wizard.lang)

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def t(self, key: str) -> str:
        """An interface string in the app's language."""
        return self.wizard.t(key)
