"""The search field's clear button stands out from the field in a light and a dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from reader.mainwindow import MainWindow
from tests.reader.conftest import type_search

WCAG_GRAPHICS_CONTRAST = 3.0  # for the parts of a control one must see to use it


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.PlaceholderText, "#8a8a8a"),
        (QPalette.ColorRole.Button, "#333333"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#2a82da"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def visible_share(window: MainWindow, base: QColor) -> float:
    """Of the clear icon's shape (its mostly opaque pixels), the share that stands out
    from the field's base colour it is drawn on (a dark disc on a dark field does not)."""
    action = window.search_clear_button.action
    assert action is not None
    image = action.icon().pixmap(16).toImage()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    shape = [pixel for pixel in pixels if pixel.alpha() >= 128]
    assert len(shape) >= 12  # something is drawn

    def on_base(pixel: QColor) -> QColor:
        alpha = pixel.alphaF()
        return QColor.fromRgbF(
            alpha * pixel.redF() + (1 - alpha) * base.redF(),
            alpha * pixel.greenF() + (1 - alpha) * base.greenF(),
            alpha * pixel.blueF() + (1 - alpha) * base.blueF(),
        )

    standing_out = [p for p in shape if contrast(on_base(p), base) >= WCAG_GRAPHICS_CONTRAST]
    return len(standing_out) / len(shape)


@pytest.mark.parametrize("dark", [False, True])
def test_the_clear_icon_contrasts_with_the_field(
    qtbot: QtBot, window: MainWindow, dark: bool
) -> None:
    if dark:
        window.setPalette(dark_palette())
    base = window.search_field.palette().base().color()
    assert (base.lightness() < 80) == dark
    assert visible_share(window, base) >= 0.75

    # And it still clears the field.
    type_search(qtbot, window, "Hajiyev")
    button = next(
        child
        for child in window.search_field.findChildren(QToolButton)
        if child.defaultAction() is window.search_clear_button.action
    )
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.search_field.text() == ""
