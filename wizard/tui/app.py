"""The clerk's wizard as a Textual app: it shows the Session and forwards keys to it.

The wizard's history lives in :class:`wizard.engine.Session`, not in the screen
stack: the stack is at most home → question → answer (plus a search or help
screen on top), and :meth:`WizardApp.show_place` makes it match the session
after every move.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from wizard.i18n import text
from wizard.tui.home_cache import Task
from wizard.tui.keys import localize
from wizard.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from wizard.diagnostics import Diagnostic
    from wizard.engine import Place, Session
    from wizard.model import Catalog
    from wizard.search import Hit, SearchIndex
    from wizard.tui.watch import TreeWatcher

MAX_SHOWN_PROBLEMS = 5
WATCH_INTERVAL = 0.5
LOAD_DELAY = 0.1


class WizardApp(App[None]):
    """Home, question and answer screens over one engine.Session at a time."""

    CSS_PATH = "wizard.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "key_quit", id="quit"),
        Binding("question_mark", "help", "key_help", id="help", key_display="?"),
        Binding("slash", "search", "key_search", id="search", key_display="/"),
    ]

    def __init__(
        self,
        catalog: Catalog | None,
        *,
        lang: str = "zh",
        save_dir: Path | None = None,
        watch_paths: Sequence[Path] | None = None,
        load_from: Sequence[Path] | None = None,
        tasks: Sequence[Task] | None = None,
    ) -> None:
        """``catalog`` may be None: then ``tasks`` paint the home screen and the
        catalog is loaded from ``load_from`` right after the first frame."""
        super().__init__()
        if catalog is None and load_from is None:
            raise ValueError("without a catalog, the app needs paths to load one from")
        self._catalog = catalog
        self._load_from = list(load_from or [])
        self._cached_tasks = list(tasks or [])
        self.lang = lang
        self.save_dir = save_dir
        self.session: Session | None = None
        self.problems: list[Diagnostic] = []
        self._search_index: SearchIndex | None = None
        self._watch_paths = list(watch_paths) if watch_paths else None
        self._watcher: TreeWatcher | None = None
        self.title = text("app_title", lang)
        localize(self, lang)

    def t(self, key: str) -> str:
        """An interface string in the app's language."""
        return text(key, self.lang)

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    @property
    def catalog(self) -> Catalog:
        """The trees in use; loads them now if the first frame has not done it yet."""
        if self._catalog is None:
            self._finish_loading()
        if self._catalog is None:  # broken since the cache was written: the app is exiting
            from wizard.model import Catalog

            return Catalog(trees={}, answers={})
        return self._catalog

    @catalog.setter
    def catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog

    @property
    def loaded(self) -> bool:
        return self._catalog is not None

    def tasks(self) -> list[Task]:
        """The home screen's task list: from the catalog, or from the start-up cache until it is loaded."""
        if self._catalog is None:
            return self._cached_tasks
        from wizard.tui.home_cache import tasks_of

        return tasks_of(self._catalog)

    def _finish_loading(self) -> None:
        """Load the catalog deferred at start-up; on errors, quit with them (run_app prints them)."""
        if self._catalog is not None:
            return
        from wizard.loader import load_catalog

        result = load_catalog(self._load_from)
        if result.catalog is None:
            self.problems = list(result.diagnostics)
            self.exit(return_code=1)
            return
        self._catalog = result.catalog
        if isinstance(self.screen, HomeScreen):
            self.screen.show()

    def on_mount(self) -> None:
        if self._catalog is None:
            # After the first frame; a key pressed before then loads on demand (see catalog).
            self.set_timer(LOAD_DELAY, self._finish_loading)
        if self._watch_paths:
            from wizard.tui.watch import TreeWatcher

            self._watcher = TreeWatcher(self._watch_paths)
            self.set_interval(WATCH_INTERVAL, self.check_trees)

    # Moves: each asks the session, then shows where it now stands ------------------
    def start_task(self, tree_id: str) -> None:
        """Begin a new session at the first question of a tree."""
        from wizard.engine import Session

        if tree_id not in self.catalog.trees:
            return
        self.session = Session(self.catalog)
        self.session.start(tree_id)
        self.show_place()

    def open_answer(self, answer_id: str, via: str, *, fresh: bool = False) -> None:
        """Jump to an answer (search, escalation, related); ``fresh`` starts a new session."""
        if fresh or self.session is None:
            from wizard.engine import Session

            self.session = Session(self.catalog)
        self.session.jump_to_answer(answer_id, via=via)
        self.show_place()

    def go_back(self) -> None:
        """One step back; from the first place, back to the task list."""
        if self.session is None or not self.session.back():
            self.go_home()
        else:
            self.show_place()

    def back_to(self, index: int) -> None:
        """Return to the place where step ``index`` of the history was chosen."""
        if self.session is not None:
            self.session.back_to(index)
            self.show_place()

    def restart(self) -> None:
        if self.session is not None:
            self.session.restart()
            self.show_place()

    def go_home(self) -> None:
        """Drop the session and return to the task list."""
        self.session = None
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def show_place(self) -> None:
        """Make the screen stack match the session: home, question, or answer on top."""
        from wizard.tui.screens.answer import AnswerScreen
        from wizard.tui.screens.question import QuestionScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, (QuestionScreen, AnswerScreen)):
            self.pop_screen()
        session = self.session
        if session is None or not session.started:
            self.go_home()
        elif session.finished:
            if isinstance(self.screen, AnswerScreen):
                self.screen.show()
            else:
                self.push_screen(AnswerScreen())
        else:
            if isinstance(self.screen, AnswerScreen):
                self.pop_screen()
            if isinstance(self.screen, QuestionScreen):
                self.screen.show()
            else:
                self.push_screen(QuestionScreen())

    # Search --------------------------------------------------------------------------
    def search(self, query: str, top: int = 8) -> list[Hit]:
        """Answers that fit ``query``, best first; the index is built on first use and after a reload.

        Hits below MIN_SCORE are left out: '户籍' should not list every answer that
        happens to contain 户 (as in 单位用户); the panel says when nothing fits.
        """
        if not query.strip():
            return []
        from wizard.search import MIN_SCORE, SearchIndex

        if self._search_index is None:
            self._search_index = SearchIndex.build(self.catalog)
        return [hit for hit in self._search_index.search(query, top=top) if hit.score >= MIN_SCORE]

    # Actions shown in the footer everywhere ------------------------------------------
    def action_help(self) -> None:
        from wizard.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from wizard.tui.screens.search import SearchScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.focus_search()
        elif not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    # Watching the trees folder -------------------------------------------------------
    def check_trees(self) -> None:
        """Reload when a tree file changed (called by the watch timer)."""
        if self._watcher is not None and self._watcher.changed():
            self.reload_trees()

    def reload_trees(self) -> None:
        """Load the trees again; on errors show them and keep the last good catalog."""
        from wizard.loader import load_catalog

        assert self._watch_paths is not None
        result = load_catalog(self._watch_paths)
        if result.catalog is None:
            self.problems = list(result.diagnostics)
            self.notify(self.problem_report(self.t("reload_failed")), severity="error", timeout=30, markup=False)
            return
        self.problems = []
        self.adopt(result.catalog)

    def problem_report(self, heading: str) -> str:
        """The heading and the first path:line:col lines of the current problems."""
        lines = [heading, *(problem.format() for problem in self.problems[:MAX_SHOWN_PROBLEMS])]
        extra = len(self.problems) - MAX_SHOWN_PROBLEMS
        if extra > 0:
            lines.append(self.t("more_problems").format(extra))
        return "\n".join(lines)

    def adopt(self, catalog: Catalog) -> None:
        """Use a freshly loaded catalog; the running session moves over only if its places still exist."""
        self.catalog = catalog
        self._search_index = None
        message = self.t("reload_ok")
        session = self.session
        if session is not None:
            places = [step.place for step in session.history] + [session.place]
            if all(_exists(catalog, place) for place in places):
                session.catalog = catalog
            else:
                message += "\n" + self.t("reload_kept_session")
        self.notify(message, markup=False)
        for screen in self.screen_stack:
            refresh = getattr(screen, "show", None)
            if refresh is not None and screen.is_mounted:
                refresh()


def _exists(catalog: Catalog, place: Place) -> bool:
    """Whether a place of a session can still be shown with ``catalog``."""
    if place.answer is not None:
        return place.answer in catalog.answers
    tree = catalog.trees.get(place.tree or "")
    return tree is not None and (place.question or "") in tree.nodes


def run_app(paths: Sequence[Path], *, lang: str = "zh", save_dir: str | Path | None = None, watch: bool = False) -> int:
    """Run the app; 1 (with diagnostics on stderr) when the trees are broken.

    With a fresh start-up cache the task list paints at once and the trees load
    right after; otherwise they are loaded (and cached) before the app starts.
    """
    from wizard.tui import home_cache

    paths = list(paths)
    cache = home_cache.default_folder()
    tasks = home_cache.read(paths, cache)
    catalog = None
    if tasks is None:
        from wizard.loader import load_catalog

        result = load_catalog(paths)
        if result.catalog is None:
            _report(result.diagnostics, lang)
            return 1
        catalog = result.catalog
        home_cache.write(paths, cache, catalog)
    app = WizardApp(
        catalog,
        lang=lang,
        save_dir=Path(save_dir) if save_dir else None,
        watch_paths=paths if watch else None,
        load_from=paths,
        tasks=tasks,
    )
    app.run()
    if tasks is not None and not app.loaded and app.problems:
        _report(app.problems, lang)
        return 1
    return app.return_code or 0


def _report(diagnostics: Sequence[Diagnostic], lang: str) -> None:
    print(text("load_failed", lang), file=sys.stderr)
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
