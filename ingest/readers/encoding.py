"""Decode text files the way councils' files actually come: UTF-8, UTF-8 with a BOM, cp1252, or
UTF-16 with its byte-order mark (what Windows Notepad and Excel's 'Unicode text' save)."""

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


def utf16(data: bytes, name: str) -> str | None:
    """The text of a file that starts with a UTF-16 byte-order mark (None when it does not):
    its NUL bytes are half of every ASCII character, not a sign of a binary file."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise IngestError(name, "starts with a UTF-16 byte-order mark but is not valid UTF-16 text") from None
    if looks_binary(text.encode("utf-8")):
        raise IngestError(name, "looks like a binary file, not text (NUL or control bytes)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Return the text and any warnings; raise `IngestError` for binary content."""
    if (text := utf16(data, name)) is not None:
        return text, []
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
