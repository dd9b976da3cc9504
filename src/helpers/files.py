"""Write files atomically (a reader, or a crash, never sees half a file); hash files.

Every file this package writes for others to read (reports, their notebooks, the index,
Parquet parts, handouts) is written to a temporary name beside its final path and then
moved over it with :func:`os.replace`, which is atomic on one filesystem. A document's
identity is the SHA-256 of its bytes (:func:`sha256_files`): its metadata, the batch's
"unchanged" test and the parse cache all use it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "sha256_files", "write_atomic"]


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it over ``path``.

    For writers that want a file name (``pyarrow.parquet.write_table``); the temporary file
    is removed when the block raises.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically, synced to disk before the move."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as temporary, open(temporary, "wb") as stream:
        stream.write(payload)
        stream.flush()
        os.fsync(stream.fileno())


def sha256_files(*paths: str | Path) -> str:
    """Return the SHA-256 of the files' bytes, read in order (one file: its own hash)."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()
