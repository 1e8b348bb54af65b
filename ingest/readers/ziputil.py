"""Checks on Office (zip) files before a parser is allowed to expand them.

A .docx or .xlsx is a zip archive of XML parts, and python-docx and openpyxl read the parts
into memory. A hostile or broken file can declare gigabytes of content in a few kilobytes (a
zip bomb) or carry XML entity declarations; both are refused here, from the archive's own
directory and a streaming scan, before any parser sees the bytes.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from plangraph.ingest.errors import IngestError

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members together, uncompressed
MAX_RATIO = 100  # compression ratio allowed for a large member
RATIO_MIN_BYTES = 10 * 1024 * 1024  # members smaller than this may compress as well as they like
MAX_MEMBERS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office, or an encrypted OOXML file

_MARKERS = [marker.encode(enc) for marker in ("<!DOCTYPE", "<!ENTITY")
            for enc in ("ascii", "utf-16-le", "utf-16-be")]
_CHUNK = 1024 * 1024


def check_office_zip(data: bytes, name: str, kind: str, required: str) -> None:
    """Refuse `data` unless it is a sane zip holding `required` (e.g. word/document.xml).

    `kind` is the user-facing format ('.docx', '.xlsx'). Raises `IngestError` naming the
    problem: not a zip, damaged, missing its main part, a zip bomb, or XML with a DOCTYPE.
    """
    if data.startswith(OLE_MAGIC):
        raise IngestError(name, f"not a valid {kind}: it is password-protected or an old binary "
                                f"Office file; remove the password or save it as {kind}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK"):
            raise IngestError(name, f"not a valid {kind}: the zip archive is damaged or "
                                    f"truncated") from None
        raise IngestError(name, f"not a valid {kind} (not a zip archive)") from None
    except (ValueError, OSError, EOFError) as err:
        raise IngestError(name, f"not a valid {kind}: the zip archive is damaged ({err})") \
            from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise IngestError(name, f"looks like a zip bomb: {len(infos)} archive members; "
                                    f"refusing to expand")
        names = {info.filename for info in infos}
        if required not in names:
            raise IngestError(name, f"not a valid {kind}: the archive has no {required}")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
                raise IngestError(name, f"looks like a zip bomb: {info.filename} expands "
                                        f"{ratio:,.0f}:1 to {info.file_size / 1e6:,.0f} MB; "
                                        f"refusing to expand")
        if total > MAX_TOTAL_BYTES:
            raise IngestError(name, f"looks like a zip bomb: its contents expand to "
                                    f"{total / 1e6:,.0f} MB (limit {MAX_TOTAL_BYTES / 1e6:,.0f} "
                                    f"MB); refusing to expand")
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                _scan_xml(archive, info, name, kind)


def _scan_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, kind: str) -> None:
    """Stream one XML part, refusing DTDs and entity declarations (never used by Office)."""
    tail = b""
    try:
        with archive.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _MARKERS):
                    raise IngestError(name, f"not a valid {kind}: {info.filename} declares a "
                                            f"DOCTYPE or XML entities, which Office files never "
                                            f"do; refusing to parse it")
                tail = window[-32:]
    except IngestError:
        raise
    except RuntimeError as err:  # an encrypted member
        raise IngestError(name, f"not a valid {kind}: {info.filename} is encrypted ({err})") \
            from None
    except NotImplementedError as err:
        raise IngestError(name, f"not a valid {kind}: {info.filename} uses an unsupported "
                                f"compression ({err})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
        raise IngestError(name, f"not a valid {kind}: the zip archive is damaged "
                                f"({info.filename}: {err})") from None
