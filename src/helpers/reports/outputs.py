"""Where a batch writes: safe names, paths that stay inside, atomic writes, fsspec URLs.

Quirks: a name from a document (a department, a file stem) can hold slashes, dots, markup or
thousands of characters, so every output name is a :func:`safe_slug` (a hash suffix keeps two
names apart) and every relative path is checked to stay inside the output folder, locally
and on fsspec filesystems alike. A reader (or a crash) never sees half a file: local files
go through :func:`helpers.files.write_atomic`, object stores get one whole PUT.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from helpers.files import write_atomic

__all__ = ["OutputTarget", "safe_output_path", "safe_slug"]

_SLUG_DROP = re.compile(r"[^\w\-]+", re.UNICODE)
_SLUG_RUNS = re.compile(r"[_\-]{2,}")


def safe_slug(name: object, max_chars: int = 40) -> str:
    """Return a file-name-safe slug of ``name``, unique per name (a hash suffix).

    Letters of any script (汉字 stay), digits, ``_`` and ``-`` are kept; everything else
    (slashes, dots, spaces, control characters, markup) becomes ``_``; the result is cut to
    ``max_chars`` and followed by 8 hex digits of the name's sha256, so two names never
    share a slug and a very long name stays short.
    """
    text = unicodedata.normalize("NFKC", "" if name is None else str(name))
    slug = _SLUG_RUNS.sub("_", _SLUG_DROP.sub("_", text)).strip("_-")[:max_chars].strip("_-")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{slug or 'untitled'}-{digest}"


def safe_output_path(out: Path, relative: str) -> Path:
    """Return ``out / relative``, refusing any path that would leave ``out``.

    Raises:
        ValueError: ``relative`` is absolute, has ``..`` parts or resolves outside ``out``.
    """
    parts = Path(relative).parts
    if Path(relative).is_absolute() or ".." in parts or any("\x00" in p for p in parts):
        raise ValueError(f"unsafe output path {relative!r}")
    root = out.resolve()
    path = (root / relative).resolve()
    if root != path and root not in path.parents:
        raise ValueError(f"output path {relative!r} leaves {root}")
    return path


class OutputTarget:
    """Where a batch writes: a local folder, or any fsspec URL the workers can reach.

    A local folder (or a ``file://`` URL) is written with :func:`write_atomic` under
    :func:`safe_output_path`. Any other URL (``memory://``, ``s3://`` …) goes through
    :mod:`fsspec`: a file is written whole in one call (an object store's PUT is atomic) or,
    on filesystems that have real renames, to a temporary name and then moved. Relative
    paths are checked the same way in both cases: none may leave the output folder.

    The target is picklable (the URL travels, not the filesystem object), so the workers of
    a pool or a Dask cluster write their own reports.
    """

    #: fsspec protocols whose single-call write is atomic (no temporary file needed).
    _WHOLE_WRITES = frozenset({"memory", "s3", "s3a", "gs", "gcs", "az", "abfs", "abfss"})

    def __init__(self, out: str | Path) -> None:
        """Point at ``out``: a folder path or an fsspec URL."""
        text = str(out)
        self.url = text
        self.local: Path | None = None
        if "://" not in text:
            self.local = Path(text)
        elif text.startswith("file://"):  # a folder after all (Path.as_uri quotes it)
            self.local = Path(url2pathname(urlparse(text).path))
        self._fs = None
        self._root = ""

    def __getstate__(self) -> dict[str, Any]:
        return {"url": self.url, "local": self.local}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.url, self.local = state["url"], state["local"]
        self._fs, self._root = None, ""

    def __str__(self) -> str:
        return str(self.local) if self.local is not None else self.url

    def _filesystem(self) -> tuple[Any, str]:
        if self._fs is None:
            import fsspec

            self._fs, self._root = fsspec.core.url_to_fs(self.url)
            self._root = self._root.rstrip("/")
        return self._fs, self._root

    def _remote_path(self, relative: str) -> str:
        parts = Path(relative).parts
        if (Path(relative).is_absolute() or ".." in parts or not parts
                or any("\x00" in p or "\\" in p for p in parts)):
            raise ValueError(f"unsafe output path {relative!r}")
        _, root = self._filesystem()
        return f"{root}/{Path(relative).as_posix()}"

    def location(self, relative: str) -> str:
        """Return the full path or URL of ``relative`` (checked to stay inside)."""
        if self.local is not None:
            return str(safe_output_path(self.local, relative))
        fs, _ = self._filesystem()
        return fs.unstrip_protocol(self._remote_path(relative))

    def prepare(self) -> None:
        """Create the output folder."""
        if self.local is not None:
            self.local.mkdir(parents=True, exist_ok=True)
        else:
            fs, root = self._filesystem()
            fs.makedirs(root, exist_ok=True)

    def write(self, relative: str, data: str | bytes) -> None:
        """Write ``data`` to ``relative`` atomically (readers never see half a file)."""
        if self.local is not None:
            write_atomic(safe_output_path(self.local, relative), data)
            return
        payload = data.encode("utf-8") if isinstance(data, str) else data
        fs, _ = self._filesystem()
        path = self._remote_path(relative)
        parent = path.rsplit("/", 1)[0]
        fs.makedirs(parent, exist_ok=True)
        protocols = {fs.protocol} if isinstance(fs.protocol, str) else set(fs.protocol)
        if protocols & self._WHOLE_WRITES:
            fs.pipe_file(path, payload)
            return
        temporary = f"{parent}/.{path.rsplit('/', 1)[1]}.{os.getpid()}.tmp"
        fs.pipe_file(temporary, payload)
        fs.mv(temporary, path)

    def read_bytes(self, relative: str) -> bytes | None:
        """Return the bytes of ``relative``, or None when it is not there."""
        try:
            if self.local is not None:
                return safe_output_path(self.local, relative).read_bytes()
            fs, _ = self._filesystem()
            return fs.cat_file(self._remote_path(relative))
        except (OSError, FileNotFoundError):
            return None

    def exists(self, relative: str) -> bool:
        """Return whether the file ``relative`` exists."""
        if self.local is not None:
            return safe_output_path(self.local, relative).is_file()
        fs, _ = self._filesystem()
        return fs.isfile(self._remote_path(relative))

    def size(self, relative: str) -> int | None:
        """Return the size of the file ``relative`` in bytes, or None when it is absent."""
        try:
            if self.local is not None:
                return safe_output_path(self.local, relative).stat().st_size
            fs, _ = self._filesystem()
            return fs.size(self._remote_path(relative))
        except (OSError, FileNotFoundError):
            return None
