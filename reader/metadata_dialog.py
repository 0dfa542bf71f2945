"""``MetadataDialog``: correct a document's title, date and source."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from archive.language_names import language_name
from archive.models import DateOrigin, Document, PublicationDate

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def correction_buttons(dialog: QWidget, revert_tip: str) -> QDialogButtonBox:
    """Save, Cancel and "Revert to Imported" (the RestoreDefaults button), as every
    correction dialog has them."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.RestoreDefaults,
        dialog,
    )
    revert = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
    revert.setText("Revert to Imported")
    revert.setToolTip(revert_tip)
    return buttons


class DateFormatError(ValueError):
    pass


def parse_user_date(text: str) -> PublicationDate | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty means undated.

    Raises:
        DateFormatError: the text is not such a date.
    """
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise DateFormatError(
            "Write the date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2018-12-22)."
        )
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"There is no month {month}.")
    if day is not None:
        try:
            datetime.date(year, month or 1, day)
        except ValueError as error:
            raise DateFormatError(f"{text} is not a real date.") from error
    return PublicationDate(year, month, day, origin=DateOrigin.USER)


@dataclass(frozen=True)
class Corrections:
    """What the user changed; ``None`` leaves a field as it was."""

    title: str | None = None
    source: str | None = None
    date: PublicationDate | None = None
    clear_date: bool = False

    @property
    def empty(self) -> bool:
        return self == Corrections()


class MetadataDialog(QDialog):
    """Edits title, date and source; the caller stores them as the user's overrides.

    After it is accepted, ``reverted`` says the user asked to forget their corrections;
    otherwise ``corrections()`` says what they changed.
    """

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Document details")
        self.resize(520, 0)
        self.document = document
        self.title_field = QLineEdit(document.title, self)
        self._shown_date = document.date or (str(document.year) if document.year else "")
        self.date_field = QLineEdit(self._shown_date, self)
        self.date_field.setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY; empty for undated")
        self.source_field = QLineEdit(document.source or "", self)
        self.source_field.setPlaceholderText("e.g. AZERTAC, Ministry of Foreign Affairs")
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.hide()
        note = QLabel(
            "Your corrections are kept when the file is imported or re-read again."
            + (
                "<br/><i>The date shown was inferred from the text.</i>"
                if document.date_inferred
                else ""
            ),
            self,
        )
        form = QFormLayout()
        form.addRow("&Title:", self.title_field)
        form.addRow("&Date:", self.date_field)
        form.addRow("&Source:", self.source_field)
        # Read from the file, not corrected here: shown for reference.
        self.language_label = QLabel(language_name(document.language) or "Not known", self)
        form.addRow("Language:", self.language_label)
        self.buttons = correction_buttons(
            self, "Forget your corrections and use what was read from the file"
        )
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self._on_revert
        )
        self.reverted = False
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.date: PublicationDate | None = None

    def corrections(self) -> Corrections:
        """The fields the user changed (valid once the dialog was accepted)."""
        document = self.document
        title = self.title_field.text().strip()
        source = self.source_field.text().strip()
        date_changed = self.date_field.text().strip() != self._shown_date
        return Corrections(
            title=title if title != document.title else None,
            source=source if source != (document.source or "") else None,
            date=self.date if date_changed else None,
            clear_date=date_changed and self.date is None,
        )

    @Slot()
    def _on_accept(self) -> None:
        if not self.title_field.text().strip():
            self._show_error("A document needs a title.")
            return
        try:
            self.date = parse_user_date(self.date_field.text())
        except DateFormatError as error:
            self._show_error(str(error))
            return
        self.accept()

    @Slot()
    def _on_revert(self) -> None:
        self.reverted = True
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
