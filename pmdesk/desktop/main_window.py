"""The main window: server switcher, Streams dock, Jobs and Job editor tabs, status bar."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSystemTrayIcon,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from pmdesk.api.models import JobState, JobSummary
from pmdesk.desktop import dialogs
from pmdesk.desktop.about import show_about
from pmdesk.desktop.context import AppContext
from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog
from pmdesk.desktop.i18n import _t
from pmdesk.desktop.icons import app_icon, icon
from pmdesk.desktop.jobs_model import state_text
from pmdesk.desktop.jobs_panel import JobsPanel
from pmdesk.desktop.servers import LOCAL, LocalService, ProfileStore, ServerProfile
from pmdesk.desktop.servers_dialog import ServersDialog
from pmdesk.desktop.settings_dialog import SettingsDialog, notifications_on, poll_seconds
from pmdesk.desktop.streams_panel import StreamsPanel
from pmdesk.desktop.util import closing_client, localize_timestamps, show_info
from pmdesk.desktop.workers import Task, TaskRunner, describe_error

log = logging.getLogger(__name__)
SAMPLES_PROFILE_KEY = "samples/profileMade"  # the Samples connection was made once


class Banner(QFrame):
    """An inline message above the panels, for problems that need the user's eyes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet("#banner { background: #fff4e5; border: 1px solid #f0b46c; "
                           "border-radius: 4px; } #banner QLabel { color: #5d3a00; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.icon = QLabel()
        self.icon.setPixmap(icon("fa5s.exclamation-triangle", "#b36b00").pixmap(16, 16))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(_t("Retry now"))
        self.edit_button = QPushButton(_t("Edit server…"))
        self.edit_button.hide()
        self.close_button = QPushButton(_t("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.close_button)
        self.setAccessibleName(_t("Message"))
        self.hide()

    def show_message(self, text: str, retry: bool = True, edit: bool = False) -> None:
        self.label.setText(localize_timestamps(text))
        self.action.setVisible(retry)
        self.edit_button.setVisible(edit)
        self.show()


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, *, start_server: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("PMDesk")
        self.setWindowIcon(app_icon())
        self.setObjectName("PMDeskMainWindow")
        self.resize(1200, 760)
        self.runner = TaskRunner(self)
        self.profiles = ProfileStore(ctx.settings, ctx.secrets)
        self.local = LocalService(ctx.secrets, self.runner, self)
        self.connection_state = "none"  # none, starting, connecting, ok, error
        self._closed = False
        self._shown_once = False
        self._keep_local = False  # on quit, leave the local service to finish its jobs
        self.quit_box: QMessageBox | None = None
        self._canceling_for_quit: Task | None = None
        self._jobs_canceled = False
        self.quit_cancel_states: dict[str, str] = {}
        self._quit_without_asking = False  # a signal (session end) closes without a question
        self.tray: QSystemTrayIcon | None = None

        # central: banner + tabs
        self.banner = Banner()
        self.banner.action.clicked.connect(self.retry)
        self.banner.edit_button.clicked.connect(self.edit_servers)
        self.jobs = JobsPanel(ctx, self.runner)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.jobs, icon("fa5s.tasks"), _t("Jobs"))
        self.editor = self._make_editor()
        self.tabs.addTab(self.editor, icon("fa5s.edit"), _t("Job editor"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        # streams dock
        self.streams = StreamsPanel(ctx, self.runner)
        self.streams_dock = QDockWidget(_t("Streams"), self)
        self.streams_dock.setObjectName("StreamsDock")
        self.streams_dock.setWidget(self.streams)
        self.streams_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                      | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                                      | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.streams_dock)
        self.resizeDocks([self.streams_dock], [380], Qt.Orientation.Horizontal)

        # status bar
        self.connection_label = QLabel()
        self.connection_label.setAccessibleName(_t("Connection state"))
        self.connection_icon = QLabel()
        self.statusBar().addPermanentWidget(self.connection_icon)
        self.statusBar().addPermanentWidget(self.connection_label)
        ctx.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))

        self._make_actions()
        self.streams.jobs_using = self.jobs.active_jobs_using
        self.streams.newJobRequested.connect(self.new_job)
        self.jobs.newJobRequested.connect(lambda: self.new_job(None))
        self.jobs.resubmitRequested.connect(self.resubmit)
        self.jobs.duplicateRequested.connect(self.duplicate)
        self.jobs.jobFinished.connect(self.notify_finished)
        self.jobs.jobFinished.connect(self.streams.job_finished)
        self.jobs.connectionProblem.connect(self.on_connection_problem)
        self.jobs.connectionOk.connect(self.on_connection_ok)
        ctx.jobSubmitted.connect(self.on_job_submitted)
        self.local.ready.connect(self.on_local_ready)
        self.local.failed.connect(self.on_local_failed)
        self.local.stateText.connect(lambda t: self.set_connection("starting", t))

        self.restore_layout()
        self.reload_profiles()
        self.set_connection("none", _t("Not connected"))
        if start_server:
            QTimer.singleShot(0, self, self.connect_current)

    # ---- construction helpers
    def _make_editor(self) -> JobEditor:
        editor = JobEditor(self.ctx)
        editor.submitted.connect(self.on_job_submitted)
        return editor

    def _action(self, glyph: str, text: str, slot: Any, shortcut: Any = None,
                tip: str = "") -> QAction:
        act = QAction(icon(glyph), text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.setToolTip(tip or text.rstrip("…"))
        act.setStatusTip(tip or text.rstrip("…"))
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        self.act_upload = self._action("fa5s.upload", _t("&Upload streams…"),
                                       self.streams.choose_files, "Ctrl+U")
        self.act_new = self._action("fa5s.plus", _t("&New job"), lambda: self.new_job(None),
                                    QKeySequence.StandardKey.New)
        self.act_refresh = self._action("fa5s.sync-alt", _t("&Refresh"), self.refresh,
                                        QKeySequence.StandardKey.Refresh)
        self.act_quit = self._action("fa5s.sign-out-alt", _t("&Quit"), self.close,
                                     QKeySequence.StandardKey.Quit)
        self.act_servers = self._action("fa5s.server", _t("&Servers…"), self.edit_servers)
        self.act_settings = self._action("fa5s.cog", _t("S&ettings…"), self.edit_settings,
                                         QKeySequence.StandardKey.Preferences)
        self.act_about = self._action("fa5s.info-circle", _t("&About PMDesk"), self.about)
        self.act_jobs = self._action("fa5s.tasks", _t("Show &jobs"),
                                     lambda: self.tabs.setCurrentWidget(self.jobs), "Ctrl+1")
        self.act_editor = self._action("fa5s.edit", _t("Show job &editor"),
                                       lambda: self.tabs.setCurrentWidget(self.editor), "Ctrl+2")
        self.act_search = self._action("fa5s.search", _t("&Find jobs"), self.focus_search,
                                       QKeySequence.StandardKey.Find)
        if not self.act_settings.shortcut().toString():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))

        menu = self.menuBar()
        file_menu = menu.addMenu(_t("&File"))
        file_menu.addAction(self.act_upload)
        file_menu.addAction(self.act_new)
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)  # with the language: not a server matter
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        view = menu.addMenu(_t("&View"))
        streams_toggle = self.streams_dock.toggleViewAction()
        streams_toggle.setText(_t("&Streams panel"))
        view.addAction(streams_toggle)
        view.addAction(self.act_jobs)
        view.addAction(self.act_editor)
        view.addAction(self.act_search)
        view.addSeparator()
        view.addAction(self.act_refresh)
        server_menu = menu.addMenu(_t("Se&rver"))
        server_menu.addAction(self.act_servers)
        profiles_act = self._action("fa5s.database", _t("&Database connections…"),
                                    self.edit_db_profiles)
        server_menu.addAction(profiles_act)
        from pmdesk.desktop.schedules_view import add_menu_entries  # issue 15

        add_menu_entries(self, server_menu)
        help_menu = menu.addMenu(_t("&Help"))
        self.act_samples = self._action("fa5s.folder-open", _t("Open the &sample files folder"),
                                        self.open_samples,
                                        tip=_t("Sample streams, database and job definitions "
                                               "of the local service"))
        help_menu.addAction(self.act_samples)
        help_menu.addSeparator()
        help_menu.addAction(self.act_about)

        bar = QToolBar(_t("Main toolbar"))
        bar.setObjectName("MainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addWidget(QLabel(" " + _t("Server:") + " "))
        self.server_combo = QComboBox()
        self.server_combo.setAccessibleName(_t("Server"))
        self.server_combo.setToolTip(_t("Which server to work with"))
        self.server_combo.setMinimumWidth(200)
        self.server_combo.activated.connect(self._server_chosen)
        bar.addWidget(self.server_combo)
        bar.addAction(self.act_servers)
        bar.addSeparator()
        bar.addAction(self.act_upload)
        bar.addAction(self.act_new)
        bar.addAction(self.act_refresh)
        self.addToolBar(bar)
        self.toolbar = bar

    # ---- servers
    def reload_profiles(self) -> None:
        current = self.profiles.current_name
        self.server_combo.blockSignals(True)
        self.server_combo.clear()
        for p in self.profiles.profiles():
            label = _t("Local (this computer)") if p.is_local else p.name
            self.server_combo.addItem(icon("fa5s.desktop" if p.is_local else "fa5s.server"),
                                      label, p.name)
        index = self.server_combo.findData(current)
        self.server_combo.setCurrentIndex(max(0, index))
        self.server_combo.blockSignals(False)

    def current_profile(self) -> ServerProfile:
        name = self.server_combo.currentData() or LOCAL
        for p in self.profiles.profiles():
            if p.name == name:
                return p
        return ServerProfile(LOCAL)

    def _server_chosen(self, _index: int) -> None:
        name = self.server_combo.currentData() or LOCAL
        if name != self.ctx.server_name or not self.ctx.has_server:
            self.profiles.current_name = name
            self.connect_current()

    def connect_current(self) -> None:
        if self._closed:
            return
        profile = self.current_profile()
        self.profiles.current_name = profile.name
        self.banner.hide()
        if profile.is_local:
            self.ctx.set_server(LOCAL, None, None)
            self.set_connection("starting", _t("Starting the local service…"))
            self.local.start()
            return
        name = profile.name
        key = self.ctx.secrets.get("server", name)
        if not key:
            self.ctx.set_server(name, None, None)
            self.set_connection("error", _t("No access key for {name}").format(name=name))
            self.banner.show_message(
                _t("There is no access key for “{name}” (it may have been kept only for an "
                   "earlier session). Enter it in Servers….").format(name=name), retry=False)
            return
        self.set_connection("connecting", _t("Connecting to {name}…").format(name=name))
        self.ctx.set_server(name, profile.url.rstrip("/"),
                            lambda: self.ctx.secrets.get("server", name) or "")

    def on_local_ready(self, url: str) -> None:
        if self.current_profile().is_local and not self._closed:
            key = self.local.key
            self.set_connection("connecting", _t("Connecting to the local service…"))
            self.ctx.set_server(LOCAL, url, lambda: key, samples_dir=self.local.samples_dir)
            self.make_samples_profile()

    def make_samples_profile(self) -> str | None:
        """Once (first run): a "Samples" database connection to the local service's sample
        database, so a first job can be built without typing a path. A profile the user
        deletes later is not made again."""
        if self.ctx.settings.value(SAMPLES_PROFILE_KEY):
            return None
        database = self.local.samples_dir / "samples.db"
        if not database.is_file():
            return None
        from pmdesk.desktop.editor.profiles import DbProfile, profile_store

        store = profile_store(self.ctx)
        profile = DbProfile(name=store.unique_name(_t("Samples")), type="SQLite",
                            db=str(database))
        existing = next((p for p in store.profiles()
                         if p.matches(profile.to_definition())), None)
        if existing is None:
            store.save(profile)
        self.ctx.settings.setValue(SAMPLES_PROFILE_KEY, True)
        return existing.name if existing is not None else profile.name

    def on_local_failed(self, message: str) -> None:
        if self.current_profile().is_local:
            self.set_connection("error", _t("The local service is not running"))
            self.banner.show_message(message)

    def on_connection_problem(self, message: str, retry_ms: int) -> None:
        local = self.current_profile().is_local
        if local and not self.local.check_alive():
            return  # the local service ended: its own message (restarting...) says more
        name = self._server_title()
        if retry_ms < 0:  # the key was refused: retrying cannot help
            self.set_connection("error", _t("{name} refused the access key").format(
                name=name))
            self.banner.show_message(
                _t("{name} refused the access key: {message}\nEnter the right key for this "
                   "server, then PMDesk connects again.").format(name=name, message=message),
                retry=True, edit=not local)
            return
        self.set_connection("error", _t("Cannot reach {name}; retrying in {seconds} s").format(
            name=name, seconds=max(1, retry_ms // 1000)))
        self.banner.show_message(_t("{name} does not answer properly: {message}\nPMDesk keeps "
                                    "trying; your work is not lost.").format(
                                        name=name, message=message), edit=not local)

    def on_connection_ok(self) -> None:
        if self.connection_state != "ok":
            self.set_connection("ok", _t("Connected to {name} ({url})").format(
                name=self._server_title(), url=self.ctx.server_url))
            self.banner.hide()
            if self.streams.last_error:
                self.streams.refresh()

    def _server_title(self) -> str:
        return _t("Local (this computer)") if self.ctx.server_name == LOCAL else (
            self.ctx.server_name)

    def set_connection(self, state: str, text: str) -> None:
        self.connection_state = state
        glyph, color = {
            "ok": ("fa5s.circle", "#2e7d32"),
            "starting": ("fa5s.circle-notch", "#1f6fd1"),
            "connecting": ("fa5s.circle-notch", "#1f6fd1"),
            "error": ("fa5s.exclamation-circle", "#c62828"),
        }.get(state, ("fa5s.circle", "#9e9e9e"))
        self.connection_icon.setPixmap(icon(glyph, color).pixmap(14, 14))
        self.connection_label.setText(text)
        self.connection_label.setAccessibleDescription(text)

    def retry(self) -> None:
        self.banner.hide()
        if self.current_profile().is_local and not self.local.running:
            self.local.retry()
        elif self.ctx.has_server:
            self.jobs.poll_now()
            self.streams.refresh()
        else:
            self.connect_current()

    def refresh(self) -> None:
        self.jobs.poll_now()
        self.streams.refresh()

    def edit_servers(self) -> None:
        key = self.local.key
        local = (self.local.url, lambda: key) if self.local.url else None
        dialog = ServersDialog(self.profiles, self.ctx.secrets, self,
                               current=self.current_profile().name, local=local)
        self.servers_dialog: ServersDialog | None = dialog
        accepted = dialog.exec()
        self.servers_dialog = None
        dialog.deleteLater()
        if accepted:
            self.reload_profiles()
            self.connect_current()

    def edit_settings(self) -> None:
        old_language = self.ctx.settings.value("ui/language", "")
        dialog = SettingsDialog(self.ctx.settings, self)
        if dialog.exec():
            self.jobs.set_interval(poll_seconds(self.ctx.settings))
            if self.ctx.settings.value("ui/language", "") != old_language:
                show_info(self, _t("Language"),
                                        _t("The new language is used from the next start "
                                           "of PMDesk."))

    def edit_db_profiles(self) -> None:
        dialogs.show(ProfilesDialog(self.ctx, self))

    def about(self) -> None:
        where = (_t("system keyring ({name})").format(name=self.ctx.secrets.backend_name)
                 if self.ctx.secrets.available else
                 _t("this session's memory (no system keyring)"))
        show_about(self, str(self.local.folder), where)

    def open_samples(self) -> None:
        folder = self.local.samples_dir
        if not folder.is_dir():
            show_info(self, _t("Sample files"),
                      _t("The sample files are written when the local service first starts "
                         "(in {path}).").format(path=folder))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.jobs)
        self.jobs.search.setFocus()
        self.jobs.search.selectAll()

    # ---- jobs and editor
    def new_job(self, model_id: str | None) -> None:
        self.tabs.setCurrentWidget(self.editor)
        self.editor.new_job(model_id)

    def resubmit(self, definition: Any, job_id: str) -> None:
        self.tabs.setCurrentWidget(self.editor)
        self.editor.load_definition(definition, job_id=job_id, resubmit=True)

    def duplicate(self, definition: Any, new_id: str) -> None:
        """A copy to edit and submit as a new job; stored passwords are not copied."""
        self.tabs.setCurrentWidget(self.editor)
        load = getattr(self.editor, "load_definition", None)
        if load is not None:
            load(definition, job_id=new_id, resubmit=False)

    def on_job_submitted(self, job_id: str) -> None:
        self.tabs.setCurrentWidget(self.jobs)
        self.jobs.poll_now()
        self.statusBar().showMessage(_t("Job {job} submitted").format(job=job_id), 8000)
        self._select_later(job_id, 20)

    def _select_later(self, job_id: str, tries: int) -> None:
        if not self.jobs.select_job(job_id) and tries > 0 and not self._closed:
            QTimer.singleShot(250, self, lambda: self._select_later(job_id, tries - 1))

    def wants_desktop_notification(self) -> bool:
        """A desktop notification only when the user cannot see the window (hidden,
        minimised or behind another application) and the setting is on; otherwise the
        status bar says it."""
        unseen = self.isHidden() or self.isMinimized() or not self.isActiveWindow()
        return (unseen and notifications_on(self.ctx.settings)
                and QSystemTrayIcon.isSystemTrayAvailable())

    def notify_finished(self, job: JobSummary) -> None:
        state = job.status.jobStatus if job.status else JobState.SUCCESS
        text = _t("Job {job}: {state}").format(job=job.id, state=state_text(state))
        self.statusBar().showMessage(text, 15000)
        if not self.wants_desktop_notification():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip("PMDesk")
            self.tray.show()
        level = (QSystemTrayIcon.MessageIcon.Information if state == JobState.SUCCESS
                 else QSystemTrayIcon.MessageIcon.Warning)
        self.tray.showMessage("PMDesk", text, level, 8000)

    # ---- layout and shutdown
    def restore_layout(self) -> None:
        geometry = self.ctx.settings.value("window/geometry")
        state = self.ctx.settings.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))
        self.clamp_to_screen()
        tab = self.ctx.settings.value("window/tab", 0)
        try:
            self.tabs.setCurrentIndex(int(tab))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            pass

    def clamp_to_screen(self) -> None:
        """A geometry saved at another scale factor or on a larger (or absent) monitor may
        not fit: shrink it to the available area of the screen it lands on, and move it in."""
        if self.isMaximized() or self.isFullScreen():
            return
        geo = self.geometry()
        screen = QGuiApplication.screenAt(geo.center()) or self.screen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w = max(0, frame.width() - geo.width())
        extra_h = max(0, frame.height() - geo.height())
        width = min(geo.width(), avail.width() - extra_w)
        height = min(geo.height(), avail.height() - extra_h)
        if (width, height) != (geo.width(), geo.height()):
            self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        frame = self.frameGeometry()
        x = min(max(frame.x(), avail.left()), avail.right() + 1 - frame.width())
        y = min(max(frame.y(), avail.top()), avail.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, avail.left()), max(y, avail.top()))

    def showEvent(self, event: QShowEvent) -> None:
        """Once more when first shown: only now are the window manager's frame sizes known."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.clamp_to_screen()

    def save_layout(self) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/state", self.saveState())
        self.ctx.settings.setValue("window/tab", self.tabs.currentIndex())
        self.ctx.settings.sync()

    def local_jobs_running(self) -> list[str]:
        """Ids of unfinished jobs on the local service (what a quit would otherwise end)."""
        if not self.current_profile().is_local or not self.local.running:
            return []
        return [j.id or "" for j in self.jobs.model.jobs
                if j.status and not j.status.jobStatus.finished]

    def ask_about_running_jobs(self, ids: list[str]) -> str:
        """"keep", "stop" or "cancel": quitting must not end jobs without asking."""
        box = QMessageBox(QMessageBox.Icon.Question, _t("Jobs are still running"),
                          _t("{count} job(s) on the local service have not finished:\n{ids}"
                             ).format(count=len(ids), ids="\n".join(ids[:10])), parent=self)
        box.setInformativeText(_t("The local service can keep running in the background "
                                  "until they end, then stop by itself; PMDesk finds it "
                                  "again when you start it. Or stop the jobs now."))
        keep = box.addButton(_t("Keep running in the background"),
                             QMessageBox.ButtonRole.AcceptRole)
        stop = box.addButton(_t("Stop the jobs and quit"),
                             QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        self.quit_box = box
        box.exec()
        self.quit_box = None
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is keep:
            return "keep"
        if clicked is stop:
            return "stop"
        return "cancel"

    def cancel_jobs_then_quit(self, ids: list[str]) -> Task:
        """Cancels the local jobs (POST .../cancel) and waits, off the GUI thread, until
        they are CANCELED, so they end with that state and not "the service stopped";
        then closes the window. At most ~15 s: the service is stopped anyway after."""
        client = self.ctx.client(timeout=5.0, retries=0)
        self.statusBar().showMessage(_t("Canceling the running jobs before quitting…"))
        self.setEnabled(False)

        def work(task: Task) -> dict[str, str]:
            import time

            from pmdesk.api.additions import cancel_job

            states: dict[str, str] = {}
            with closing_client(client):
                for job_id in ids:
                    try:
                        states[job_id] = cancel_job(client, job_id).jobStatus.value
                    except Exception as exc:  # ended meanwhile, or no cancel call: go on
                        states[job_id] = describe_error(exc)
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline and not task.is_cancelled:
                    for job_id in ids:
                        try:
                            state = client.job_status(job_id).jobStatus
                        except Exception as exc:
                            states[job_id] = describe_error(exc)
                            continue
                        states[job_id] = state.value
                    if all(s not in ("PENDING", "RUNNING", "CANCELING")
                           for s in states.values()):
                        break
                    time.sleep(0.2)
            return states

        def finished() -> None:
            self._canceling_for_quit = None
            self._jobs_canceled = True
            self.setEnabled(True)
            self.close()

        def record(states: object) -> None:
            assert isinstance(states, dict)
            self.quit_cancel_states = states

        task = self.runner.start(work, on_success=record, name="cancel before quit")
        task.finished.connect(finished)
        self._canceling_for_quit = task
        return task

    def shutdown(self) -> None:
        """Stops polling, every background task and the local service (or leaves it to
        finish its jobs, if the user chose so). Idempotent."""
        if self._closed:
            return
        self._closed = True
        self.save_layout()
        self.editor.shutdown()
        self.jobs.shutdown()
        if not self.runner.shutdown():
            log.error("background tasks did not end in time")
        if self._keep_local:
            self.local.detach()
        else:
            self.local.stop()
        if self.tray is not None:
            self.tray.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._canceling_for_quit is not None:
            event.ignore()  # the jobs are being canceled; the window closes after
            return
        running = [] if self._closed or self._jobs_canceled else self.local_jobs_running()
        if running and self._quit_without_asking:
            self._keep_local = True  # the session ends: let the jobs finish, ask nothing
        elif running:
            choice = self.ask_about_running_jobs(running)
            if choice == "cancel":
                event.ignore()
                return
            self._keep_local = choice == "keep"
            if choice == "stop":
                self.cancel_jobs_then_quit(running)
                event.ignore()
                return
        if self.streams.transfers and not self._closed and not self._quit_without_asking:
            answer = QMessageBox.question(
                self, _t("Quit PMDesk?"),
                _t("Uploads or downloads are still running; quitting cancels them. Quit?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self._keep_local = False
                event.ignore()
                return
        self.shutdown()
        super().closeEvent(event)
