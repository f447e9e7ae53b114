"""Real .xlsx workbooks, written by openpyxl, then edited inside as other exporters write them."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

SHEET = "xl/worksheets/sheet1.xml"


def workbook(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def edit(path: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """Rewrite every part of the package through ``change(part name, content)``."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, change(name, content))
    path.write_bytes(buffer.getvalue())
    return path


def edit_sheet(path: Path, change: Callable[[bytes], bytes]) -> Path:
    return edit(path, lambda name, content: change(content) if name == SHEET else content)


def set_dimension(path: Path, ref: str) -> Path:
    """Write ``<dimension ref=…>`` as an exporter that counts wrong would."""
    pattern = rb'<dimension ref="[^"]*" ?/>'

    def change(sheet: bytes) -> bytes:
        assert re.search(pattern, sheet), "openpyxl wrote no <dimension>"
        return re.sub(pattern, f'<dimension ref="{ref}"/>'.encode(), sheet)

    return edit_sheet(path, change)


def append_to_sheet_data(path: Path, xml: bytes) -> Path:
    return edit_sheet(path, lambda sheet: sheet.replace(b"</sheetData>", xml + b"</sheetData>"))


def add_shared_strings(path: Path, items: bytes) -> Path:
    """Give the package a shared-strings part holding ``items`` (``<si>…</si>`` elements)."""
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    relationship = (
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/>'
    )

    def change(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return content.replace(b"</Types>", override + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", relationship + b"</Relationships>")
        return content

    edit(path, change)
    namespace = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", namespace + items + b"</sst>")
    return path
