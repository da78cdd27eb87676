"""The clerk's wizard as a Textual app: it hands the Session to screens and carries out what they ask.

The wizard's history lives in :class:`wizard.engine.session.Session`, not in
the screen stack: the stack is at most home → question → answer (plus a search
or help screen on top), and :meth:`WizardApp.show_place` makes it match the
session after every move. Screens report intents with
:mod:`wizard.tui.messages`; the app asks the engine and shows the result.

Loading the trees is an explicit step: with a start-up cache the home screen
paints first and a worker thread loads the catalog, then posts
:class:`CatalogLoaded`; a task picked before that waits for it. ``--watch``
reloads the same way, off the UI thread.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen

from wizard import streams
from wizard.content.text import one_line
from wizard.i18n import text
from wizard.tui import keys, messages
from wizard.tui.held_keys import HeldKeys, KeyDone
from wizard.tui.home_cache import Task
from wizard.tui.screens.base import SearchingScreen, SessionScreen
from wizard.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from wizard.content.catalog import LoadResult
    from wizard.content.diagnostics import Diagnostic
    from wizard.content.model import Catalog
    from wizard.engine.outcomes import Recorder
    from wizard.engine.search import Hit, SearchIndex
    from wizard.engine.session import Session
    from wizard.tui.screens.base import SessionScreen
    from wizard.tui.watch import TreeWatcher

MAX_SHOWN_PROBLEMS = 5
WATCH_INTERVAL = 0.5


class CatalogLoaded(Message):
    """A worker finished loading the trees; ``reload`` says whether it was a ``--watch`` reload.

    ``result`` is None when loading itself failed (a bug, not content): the app
    then keeps what it has rather than crash, and says so.
    """

    def __init__(self, result: LoadResult | None, *, reload: bool, error: str = "") -> None:
        super().__init__()
        self.result = result
        self.reload = reload
        self.error = error


class IndexBuilt(Message):
    """The worker built the search index of a catalog it loaded (after the tasks were shown)."""

    def __init__(self, catalog: Catalog, index: SearchIndex) -> None:
        super().__init__()
        self.catalog = catalog
        self.index = index


BUNCHED_KEY_DELAY = 0.15
"""Seconds after the Esc of an Esc-and-key pair that the key is pressed (see ``WizardApp.on_event``)."""


class WizardApp(App[None]):
    """Home, question and answer screens over one engine Session at a time."""

    CSS_PATH = "wizard.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = keys.APP

    def __init__(
        self,
        catalog: Catalog | None,
        *,
        lang: str = "zh",
        save_dir: Path | None = None,
        watch_paths: Sequence[Path] | None = None,
        load_from: Sequence[Path] | None = None,
        tasks: Sequence[Task] | None = None,
        log_dir: Path | None = None,
    ) -> None:
        """``catalog`` may be None: then ``tasks`` paint the home screen and the
        catalog is loaded from ``load_from`` right after the first frame."""
        super().__init__()
        if catalog is None and load_from is None:
            raise ValueError("without a catalog, the app needs paths to load one from")
        self.catalog: Catalog | None = catalog
        self._load_from = list(load_from or [])
        self._cached_tasks = list(tasks or [])
        self.lang = lang
        self.save_dir = save_dir
        self.session: Session | None = None
        self.problems: list[Diagnostic] = []
        self.crash_message = ""
        self._indexes: dict[int, tuple[Catalog, SearchIndex]] = {}
        self._waiting: list[Callable[[], None]] = []
        self.held_keys = HeldKeys(self)
        self._notice = ("", 0.0)
        """The last notice given once, and until when it shows."""
        self._watch_paths = list(watch_paths) if watch_paths else None
        self._watcher: TreeWatcher | None = None
        self._reloading = False
        self._log_dir = log_dir
        """Where outcome events go; None: not recorded."""
        self._recorder: Recorder | None = None
        self.title = text("app_title", lang)
        keys.localize(self, lang)

    def t(self, key: str) -> str:
        """An interface string in the app's language."""
        return text(key, self.lang)

    async def on_event(self, event: events.Event) -> None:
        """Esc and the next key, read as one Alt key, are pressed as the two keys they were: a clerk
        going back and choosing again at once lost both, and got a hint about the input method."""
        if self.held_keys.take(event):  # for a screen on its way
            return
        if isinstance(event, events.Key) and not event.is_forwarded:
            bunched = keys.after_escape(event)
            if bunched is not None:
                self.simulate_key("escape")
                # As if pressed a moment later: Esc may change the screen, and the key is meant for the
                # screen Esc leads to (at once, it reached the screen Esc was leaving).
                self.set_timer(BUNCHED_KEY_DELAY, lambda: self.simulate_key(bunched))
                return
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a browser (wizard serve) there is nothing to quit to, and a stray q would throw the walk
        away: closing the tab ends the session there. Elsewhere every action is available."""
        return not (action == "quit" and self.is_web)

    @property
    def loaded(self) -> bool:
        return self.catalog is not None

    def tasks(self) -> list[Task]:
        """The home screen's task list: from the catalog, or from the start-up cache until it is loaded."""
        if self.catalog is None:
            return self._cached_tasks
        from wizard.tui.home_cache import tasks_of

        return tasks_of(self.catalog)

    def get_default_screen(self) -> Screen:
        return HomeScreen(self.tasks(), self.lang)

    def on_mount(self) -> None:
        if self.catalog is None:  # after the first frame, so loading does not hold it up
            self.call_after_refresh(self._load, self._load_from, reload=False)
        else:  # handed a catalog (tests, embedding): index it here
            self.search_index(self.catalog)
            self._show_catalog()
        if self._watch_paths:
            from wizard.tui.watch import TreeWatcher

            self._watcher = TreeWatcher(self._watch_paths)
            self.set_interval(WATCH_INTERVAL, self.check_trees)

    # Loading -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load")
    def _load(self, paths: Sequence[Path], *, reload: bool) -> None:
        """Load the trees off the UI thread; the result comes back as a message."""
        from wizard.content.catalog import load_catalog

        try:
            result = load_catalog(paths)
        except Exception as error:  # never a crash of the clerk's app: report it and keep the last good trees
            self.post_message(CatalogLoaded(None, reload=reload, error=f"{type(error).__name__}: {error}"))
            return
        self.post_message(CatalogLoaded(result, reload=reload))  # the tasks first: search can come a moment later
        index = self._built_index(result)
        if index is not None and result.catalog is not None:
            self.post_message(IndexBuilt(result.catalog, index))

    @staticmethod
    def _built_index(result: LoadResult) -> SearchIndex | None:
        """The search index, ready for the first keystroke; None if building it failed (tried again on use)."""
        from wizard.engine.search import SearchIndex

        if result.catalog is None:
            return None
        try:
            index = SearchIndex.build(result.catalog)
            index.warm()
        except Exception:  # search is a convenience: its failure must not cost the clerk the trees
            return None
        return index

    @on(CatalogLoaded)
    def _loaded(self, event: CatalogLoaded) -> None:
        self._reloading = False
        result = event.result
        if result is None:
            message = self.t("load_crashed").format(one_line(event.error)[:200])
            if event.reload:
                self.notify(message, severity="error", timeout=30, markup=False)
            else:
                self.crash_message = message  # run_app prints it
                self.exit(return_code=1)
            return
        if event.reload:
            self._adopt_reload(result)
        elif result.catalog is None:
            self.problems = list(result.diagnostics)  # run_app prints them
            self.exit(return_code=1)
        else:
            self.catalog = result.catalog
            self._show_catalog()
            waiting, self._waiting = self._waiting, []
            for task in waiting:
                task()

    @on(IndexBuilt)
    def _index_built(self, event: IndexBuilt) -> None:
        if not self._in_use(event.catalog):
            return  # trees replaced while it was being built
        self._keep_index(event.catalog, event.index)
        if event.catalog is self.catalog:
            self._show_catalog()

    def _when_loaded(self, task: Callable[[], None]) -> None:
        """Run ``task`` now, or as soon as the catalog has loaded (a key pressed during start-up)."""
        if self.catalog is not None:
            task()
        else:
            self._waiting.append(task)

    def _show_catalog(self) -> None:
        """Give the home screen the loaded catalog's tasks and search index."""
        home = self.screen_stack[0] if self.screen_stack else None
        if isinstance(home, HomeScreen) and self.catalog is not None:
            home.tasks = self.tasks()
            kept = self._indexes.get(id(self.catalog))
            home.search_index = kept[1] if kept is not None and kept[0] is self.catalog else None

    def search_index(self, catalog: Catalog) -> SearchIndex:
        """The search index of ``catalog``, built on first use (one per catalog a session may still use)."""
        from wizard.engine.search import SearchIndex

        kept = self._indexes.get(id(catalog))
        if kept is not None and kept[0] is catalog:
            return kept[1]
        index = SearchIndex.build(catalog)
        self._keep_index(catalog, index)
        return index

    def _keep_index(self, catalog: Catalog, index: SearchIndex) -> None:
        """Keep ``index`` for ``catalog``, and drop those of catalogs no session can use any more."""
        self._indexes = {key: value for key, value in self._indexes.items() if self._in_use(value[0])}
        self._indexes[id(catalog)] = (catalog, index)

    def _in_use(self, catalog: Catalog) -> bool:
        return catalog is self.catalog or (self.session is not None and self.session.catalog is catalog)

    @on(KeyDone)
    def _key_done(self, event: KeyDone) -> None:
        event.stop()
        self.held_keys.done(event.key)

    # What the screens ask ----------------------------------------------------------------
    @on(messages.StartTask)
    def _start_task(self, event: messages.StartTask) -> None:
        def start() -> None:
            self.start_task(event.tree_id)
            if not isinstance(self.screen, SessionScreen):  # no screen on its way to take the keys
                self.held_keys.release_after_refresh()

        self._when_loaded(start)

    # Outcome events ------------------------------------------------------------------------
    @property
    def recorder(self) -> Recorder:
        """The outcome recorder of the current trees (one that records nothing without a log folder)."""
        from wizard.engine.outcomes import EventLog, Recorder

        assert self.catalog is not None
        if self._recorder is None:
            log = EventLog(self._log_dir, self._log_failed) if self._log_dir is not None else None
            self._recorder = Recorder(log, "web" if self.is_web else "tui", self.catalog)
        return self._recorder

    def _log_failed(self, why: str) -> None:
        self.notify(self.t("log_failed").format(one_line(why)[:120]), severity="warning", markup=False)

    def _ask_feedback(self, answer_id: str | None, greeting: str = "", *, page_keys: bool = False) -> bool:
        """The optional 好差评 for the answer just judged, when outcomes are recorded at all; whether it
        is asked. ``greeting`` heads the dialog (a toast would cover its warning and keys); ``page_keys``:
        c and s act on the page under it."""
        from wizard.tui.screens.feedback import Feedback, FeedbackScreen

        if answer_id is None or self.catalog is None or not self.recorder.enabled:
            return False
        recorder = self.recorder

        def given(feedback: Feedback | None) -> None:
            if feedback is not None:
                recorder.feedback(answer_id, *feedback)
                self.notify(self.t("feedback_thanks"), markup=False)

        self.push_screen(FeedbackScreen(self.lang, greeting, page_keys=page_keys), given)
        return True

    def _new_session(self, catalog: Catalog) -> Session:
        """A session on ``catalog`` whose moves go to the outcome log, as a new session of it."""
        from wizard.engine.session import Session

        recorder = self.recorder
        recorder.begin()
        return Session(catalog, observer=recorder.observe)

    @on(messages.Searched)
    def _searched(self, event: messages.Searched) -> None:
        if self.catalog is not None:
            self._record_search(event.query, event.found)

    def _record_search(self, query: str, found: Hit | None) -> None:
        self.recorder.search(query, found.answer if found else None, found.score if found else None, found is not None)

    def on_unmount(self) -> None:
        if self._recorder is not None:
            self._recorder.end()

    def start_task(self, tree_id: str) -> None:
        """Begin a new session at the first question of a tree (the way-out task: at its answer)."""
        from wizard.tui.home_cache import WAY_OUT

        if self.catalog is None:
            return
        way_out = self.catalog.way_out
        if tree_id == WAY_OUT and way_out is not None:
            self.open_answer(way_out.answer, way_out.task or way_out.label, fresh=True)
            return
        if tree_id not in self.catalog.trees:
            return
        self.session = self._new_session(self.catalog)
        self.session.start(tree_id)
        self.show_place()

    @on(messages.Choose)
    def _choose(self, event: messages.Choose) -> None:
        if self.session is not None and event.index < len(self.session.options):
            self.session.choose(event.index)
            self.show_place()

    @on(messages.OpenAnswer)
    def _open_answer(self, event: messages.OpenAnswer) -> None:
        def open_it() -> None:
            self.open_answer(event.answer_id, event.via, fresh=event.fresh, query=event.query)
            if event.query and self.catalog is not None:
                self._record_search(event.query, event.found)

        self._when_loaded(open_it)

    def open_answer(self, answer_id: str, via: str, *, fresh: bool = False, query: str | None = None) -> None:
        """Jump to an answer (search, related); ``fresh`` starts a new session on the current catalog."""
        if fresh or self.session is None:
            if self.catalog is None:
                return
            self.session = self._new_session(self.catalog)
        if answer_id in self.session.catalog.answers:
            self.session.jump_to_answer(answer_id, via=via, query=query)
            self.show_place()

    @on(messages.GoBack)
    def go_back(self) -> None:
        """One step back; from the first place, back to the task list."""
        if self.session is None or not self.session.back():
            self.go_home()
        else:
            self.show_place()

    @on(messages.BackTo)
    def _back_to(self, event: messages.BackTo) -> None:
        if self.session is not None:
            self.session.back_to(event.step)
            self.show_place()

    @on(messages.Restart)
    def restart(self) -> None:
        if self.session is not None:
            self.session.restart()
            self.show_place()

    @on(messages.GoHome)
    def _home_key(self) -> None:
        self.go_home(fresh=True)

    def go_home(self, fresh: bool = False) -> None:
        """Drop the session and return to the home screen; ``fresh``: to its task list, the last search
        cleared (h, or done with an answer), so a number key starts a task rather than typing into the box."""
        self.session = None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        home = self.screen_stack[0]
        if fresh and isinstance(home, HomeScreen) and home.is_mounted:
            home.action_clear_search()

    @on(messages.Solved)
    def _solved(self) -> None:
        if self.session is not None and self.session.at_hand_off:
            # Nothing was solved here and there is nothing to rate; the hand-off summary the clerk needs
            # for the call stays on screen (y is the reflex key after every other answer).
            self.notify_once(self.t("already_escalated"))
            return
        judged = self.session.place.answer if self.session is not None and self.session.finished else None
        if self.session is not None:
            self.session.solved()
        self.go_home(fresh=True)
        if not self._ask_feedback(judged, greeting=self.t("solved_notice")):
            self.notify(self.t("solved_notice"), markup=False)

    @on(messages.NotSolved)
    def _not_solved(self) -> None:
        """Go to the escalation answer (service counter, 12333), unless already there."""
        tried = self.session.place.answer if self.session is not None and self.session.finished else None
        if self.session is not None and self.session.escalate(via=self.t("not_solved_via")):
            self.show_place()
            self._ask_feedback(tried, page_keys=True)  # over the hand-off, which c copies
        elif self.session is not None and self.session.at_hand_off:
            self.notify_once(self.t("already_escalated"))
        else:
            self.notify_once(self.t("no_escalation"))

    def notify_once(self, message: str) -> None:
        """A notice, unless the same one is still on screen: y and n pressed again and again on the hand-off
        page stacked copies of it over the page the clerk reads out to 12333."""
        now = time.monotonic()
        if message == self._notice[0] and now < self._notice[1]:
            return
        self._notice = (message, now + self.NOTIFICATION_TIMEOUT)
        self.notify(message, markup=False)

    def show_place(self) -> None:
        """Make the screen stack match the session: home, question, or answer on top."""
        from wizard.tui.screens.answer import AnswerScreen
        from wizard.tui.screens.question import QuestionScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, (QuestionScreen, AnswerScreen)):
            self._change_screen(self.pop_screen)
        session = self.session
        if session is None or not session.started:
            self.go_home()
        elif session.finished:
            if isinstance(self.screen, AnswerScreen):
                self._show_on(self.screen, session)
            else:
                answer = self._reused("answer", lambda: AnswerScreen(session, self.lang, self.save_dir))
                self._change_screen(lambda: self.push_screen(answer))
        else:
            if isinstance(self.screen, AnswerScreen):
                self._change_screen(self.pop_screen)
            if isinstance(self.screen, QuestionScreen):
                self._show_on(self.screen, session)
            else:
                question = self._reused("question", lambda: QuestionScreen(session, self.lang))
                self._change_screen(lambda: self.push_screen(question))

    def _change_screen(self, change: Callable[[], object]) -> None:
        """Change the screen on top; the keys read meanwhile wait for the new one (it lets them go when it
        is shown: :meth:`WizardScreen.on_screen_resume`): y right after the option that opens an answer
        is meant for the answer."""
        self.held_keys.hold()
        change()

    @staticmethod
    def _show_on(screen: SessionScreen, session: Session) -> None:
        """Show ``session`` on a screen already on top; one pushed but not yet mounted (two task keys
        before the catalog loaded) shows it when it mounts."""
        screen.session = session
        if screen.is_mounted:
            screen.show()

    def _reused(self, name: str, make: Callable[[], SessionScreen]) -> SessionScreen:
        """The one question (or answer) screen, made once and shown again with the current session.

        Composing a screen and styling its widgets is most of the cost of a
        step on a slow PC; showing an installed screen again only refreshes it.
        """
        if not self.is_screen_installed(name):
            self.install_screen(make(), name)
        screen = self.get_screen(name)
        assert isinstance(screen, SessionScreen)
        screen.session = self.session  # type: ignore[assignment]
        return screen

    # Actions shown in the footer everywhere ------------------------------------------
    def action_help(self) -> None:
        from wizard.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(self.lang))

    def action_search(self, typed: str = "") -> None:
        """Open the search (on home: its box), with ``typed`` already in the box."""
        from wizard.tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchingScreen):
            self.screen.focus_search(typed)
        else:
            catalog = self.session.catalog if self.session is not None else self.catalog
            index = self.search_index(catalog) if catalog is not None else None
            self.push_screen(SearchScreen(index, self.lang, fresh=self.session is None, typed=typed))

    @on(messages.SearchFor)
    def _search_for(self, event: messages.SearchFor) -> None:
        self.action_search(event.text)

    # Watching the trees folder -------------------------------------------------------
    def check_trees(self) -> None:
        """Reload when a tree file changed (called by the watch timer)."""
        if self._watcher is not None and not self._reloading and self._watcher.changed():
            self.reload_trees()

    def reload_trees(self) -> None:
        """Load the trees again in a worker; :meth:`_adopt_reload` takes the result."""
        assert self._watch_paths is not None
        self._reloading = True
        self._load(self._watch_paths, reload=True)

    def _adopt_reload(self, result: LoadResult) -> None:
        """Use a reloaded catalog; on errors show them and keep the last good one."""
        if result.catalog is None:
            self.problems = list(result.diagnostics)
            self.notify(self.problem_report(self.t("reload_failed")), severity="error", timeout=30, markup=False)
            return
        self.problems = []
        self.adopt(result.catalog)

    def problem_report(self, heading: str) -> str:
        """The heading, the first errors as path:line:col lines (errors before warnings), and how many more."""
        from wizard.content.diagnostics import Severity

        ordered = sorted(self.problems, key=lambda problem: problem.severity is not Severity.ERROR)
        lines = [heading, *(problem.format() for problem in ordered[:MAX_SHOWN_PROBLEMS])]
        extra = len(ordered) - MAX_SHOWN_PROBLEMS
        if extra > 0:
            lines.append(self.t("more_problems").format(extra))
        return "\n".join(lines)

    def action_help_quit(self) -> None:
        """Ctrl+C: say in the clerk's language how to quit (Textual's own notice is English)."""
        self.notify(self.t("quit_hint"), markup=False)

    def adopt(self, catalog: Catalog) -> None:
        """Use a freshly loaded catalog; the running session moves over only if its places still exist."""
        self.catalog = catalog
        if self._recorder is not None:
            self._recorder.set_catalog(catalog)
        message = self.t("reload_ok")
        if self.session is not None and not self.session.rebase(catalog):
            message += "\n" + self.t("reload_kept_session")
        self.notify(message, markup=False)
        self._show_catalog()
        for screen in self.screen_stack:
            if screen.is_mounted and hasattr(screen, "show") and not isinstance(screen, HomeScreen):
                screen.show()


def run_app(
    paths: Sequence[Path],
    *,
    lang: str = "zh",
    save_dir: str | Path | None = None,
    watch: bool = False,
    log_dir: Path | None = None,
) -> int:
    """Run the app; 1 (with diagnostics on stderr) when the trees are broken.

    With a fresh start-up cache the task list paints at once and the trees load
    right after; otherwise they are loaded (and cached) before the app starts.
    """
    from wizard.tui import home_cache

    if not streams.in_browser():
        for name in ("COLUMNS", "LINES"):  # an exported size would win over the real terminal's (shutil)
            os.environ.pop(name, None)
    paths = list(paths)
    cache = home_cache.default_folder()
    tasks = home_cache.read(paths, cache)
    catalog = None
    if tasks is None:
        from wizard.content.catalog import load_catalog

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
        log_dir=log_dir,
    )
    app.run()
    if app.crash_message:
        print(app.crash_message, file=sys.stderr)
        return 1
    if tasks is not None and not app.loaded and app.problems:
        _report(app.problems, lang)
        return 1
    return app.return_code or 0


def _report(diagnostics: Sequence[Diagnostic], lang: str) -> None:
    print(text("load_failed", lang), file=sys.stderr)
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
