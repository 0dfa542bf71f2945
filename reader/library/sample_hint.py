"""The first-run hint: the documents shown are the bundled sample, and how to bring one's own.

A bar over the documents, shown while the archive holds only the sample documents, until
the reader dismisses it (remembered in the settings). Its buttons start the window's own
imports, or remove the sample documents through the usual removal (asked, undoable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QToolButton, QWidget

from archive.sample import bundled_sample_files
from reader import settings as keys
from reader.archive_service import ArchiveService
from reader.settings import Settings

if TYPE_CHECKING:
    from reader.mainwindow import MainWindow


class SampleHint(QToolBar):
    """A dismissible bar saying the documents are a sample, with what to do next.

    Signals:
        import_files_requested(): "Import Files…" was clicked.
        import_folder_requested(): "Import Folder…" was clicked.
        remove_requested(object): "Remove the sample documents" was clicked; their ids.
    """

    import_files_requested = Signal()
    import_folder_requested = Signal()
    remove_requested = Signal(object)

    def __init__(self, service: ArchiveService, settings: Settings, parent: QWidget) -> None:
        super().__init__("First Steps", parent)
        self.setObjectName("sampleHint")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # it is dismissed, not toggled
        self._service = service
        self._settings = settings
        self._sample_ids: list[int] = []
        self._sample_size = len(bundled_sample_files())
        content = QWidget(self)
        self.label = QLabel(content)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.import_files_button = QPushButton("Import Files…", content)
        self.import_folder_button = QPushButton("Import Folder…", content)
        self.remove_button = QPushButton("Remove the sample documents", content)
        self.dismiss_button = QToolButton(content)
        self.dismiss_button.setText("✕")
        self.dismiss_button.setToolTip("Dismiss this hint")
        self.dismiss_button.setAccessibleName("Dismiss this hint")
        layout = QHBoxLayout(content)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        for widget in (
            self.import_files_button,
            self.import_folder_button,
            self.remove_button,
            self.dismiss_button,
        ):
            layout.addWidget(widget)
        self.addWidget(content)
        self.import_files_button.clicked.connect(self.import_files_requested)
        self.import_folder_button.clicked.connect(self.import_folder_requested)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.hide()

    @property
    def dismissed(self) -> bool:
        return self._settings.get(keys.SAMPLE_HINT_DISMISSED)

    @Slot()
    def refresh(self) -> None:
        """Show the hint while the archive holds only the sample documents, and not dismissed."""
        if self.dismissed:
            self.hide()
            return
        documents = self._service.document_count()
        # More documents than the sample has: some are the reader's own (no need to look).
        small = 0 < documents <= self._sample_size
        self._sample_ids = self._service.reads.sample_document_ids() if small else []
        count = len(self._sample_ids)
        only_sample = small and count == documents
        if only_sample:
            self.label.setText(
                f"{'This document is' if count == 1 else f'These {count} documents are'} a "
                "sample, bundled to show what Archive Reader does. Import your own press "
                "releases, and remove the sample when you no longer need it."
            )
        self.setVisible(only_sample)

    @Slot()
    def dismiss(self) -> None:
        """Hide the hint for good (remembered in the settings)."""
        self._settings.set(keys.SAMPLE_HINT_DISMISSED, True)
        self.hide()

    @Slot()
    def _on_remove_clicked(self) -> None:
        self.remove_requested.emit(list(self._sample_ids))


def add_sample_hint(window: MainWindow) -> SampleHint:
    """Put the hint in its own row under the window's toolbars, wired to its actions."""
    hint = SampleHint(window.service, window.settings, window)
    window.addToolBarBreak()
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, hint)
    hint.import_files_requested.connect(window.choose_files_to_import)
    hint.import_folder_requested.connect(window.choose_folder_to_import)
    window.service.documents_changed.connect(hint.refresh)
    hint.refresh()
    return hint
