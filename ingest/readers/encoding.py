"""Decode text files the way councils' files actually come: UTF-8, UTF-8 with a BOM, or cp1252."""

from __future__ import annotations

from plangraph.ingest.errors import IngestError

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls > max(8, len(head) // 100)


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Return the text and any warnings; raise `IngestError` for binary content."""
    if looks_binary(data):
        raise IngestError(name, "looks like a binary file, not text (NUL or control bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        warnings: list[str] = []
    except UnicodeDecodeError as err:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise IngestError(name, f"is not valid UTF-8 (byte {err.start}) nor cp1252 text") \
                from None
        warnings = [f"{name}: not valid UTF-8 (byte {err.start}); read as Windows-1252"]
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings
