"""Parse each document once per batch: a disk cache of loaded disclosures and their findings.

A batch loads every document three times: for the index (its department and year), in its
own report, and in the cross-department report of its year, which also checks it again. A
PDF takes 50–200 ms to parse and 40 ms to check; reading a pickle back takes 3–6 ms.

The cache is off unless the environment variable :data:`CACHE_ENV` names a folder. A
batch's kernels get a private folder of their pool
(:class:`helpers.reports.engine.KernelPool`), deleted with it; a notebook run by hand, a
test or a script parses as before.

Guarantees:

* **Keyed by content.** An entry's key is the SHA-256 of the document's bytes (of each file,
  in order, for a split disclosure) and of the helpers' source files (their names, sizes and
  modification times), so a changed document or changed code never meets an old entry.
* **A fresh object each time.** Every load unpickles its own copy: what one report does to
  its disclosure no other report sees (the warm kernels' isolation holds).
* **Atomic.** An entry is written to a temporary name and moved into place, so two kernels
  writing the same entry, or a kernel killed half-way, leave a whole entry or none.

An entry is 0.2–0.5 MB (a vendored PDF's disclosure); the folder lives as long as the batch.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from helpers.files import atomic_path, sha256_files

if TYPE_CHECKING:
    from helpers.model import Disclosure

__all__ = ["CACHE_ENV", "cached_findings", "load_cached"]

#: The environment variable naming the cache folder (unset: no cache).
CACHE_ENV = "BUDGET_NOTEBOOKS_CACHE"
_KEY_ATTRIBUTE = "_cache_key"  # kept in the disclosure's __dict__, so pickled with it

T = TypeVar("T")


def load_cached(source: str | Path | Sequence[str | Path]) -> Disclosure:
    """Load a disclosure (:func:`helpers.model.load_disclosure`), from the cache when on.

    Args:
        source: A file, or the files of a split disclosure.

    Returns:
        The disclosure: a new object at every call.

    Raises:
        DisclosureError: As :func:`~helpers.model.load_disclosure` (errors are not cached).
    """
    from helpers.model import load_disclosure  # here: the batch process imports no pandas

    folder = _folder()
    if folder is None:
        return load_disclosure(source)
    files = [Path(source)] if isinstance(source, str | Path) else [Path(p) for p in source]
    key = _key([_file_digest(path) for path in files])
    disclosure = _read(folder, f"disclosure-{key}")
    if disclosure is None:
        disclosure = load_disclosure(source)
        disclosure.__dict__[_KEY_ATTRIBUTE] = key
        _write(folder, f"disclosure-{key}", disclosure)
    return disclosure


def cached_findings(disclosure: Disclosure, previous: Disclosure | None,
                    compute: Callable[[], T]) -> T:
    """Return ``compute()`` (the findings of ``disclosure`` against ``previous``), cached.

    Computed afresh when the cache is off or either disclosure was not loaded through
    :func:`load_cached` (it has no content key).
    """
    folder = _folder()
    keys = [_content_key(disclosure), _content_key(previous) if previous is not None else ""]
    if folder is None or None in keys:
        return compute()
    name = f"findings-{_key(keys)}"
    found = _read(folder, name)
    if found is None:
        found = compute()
        _write(folder, name, found)
    return found


def _content_key(disclosure: Disclosure) -> str | None:
    """Return the key a cached load gave ``disclosure`` (None: it was not loaded so)."""
    return disclosure.__dict__.get(_KEY_ATTRIBUTE)


def _folder() -> Path | None:
    """Return the cache folder, or None: unset, or gone (its batch has ended)."""
    value = os.environ.get(CACHE_ENV)
    return Path(value) if value and os.path.isdir(value) else None


def _key(parts: Sequence[str]) -> str:
    return hashlib.sha256("\n".join([_code_version(), *parts]).encode()).hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return sha256_files(path)
    except OSError:
        return f"unreadable:{path}"  # the load names the file and its error


@functools.cache
def _code_version() -> str:
    """Return a digest of the helpers' source files (names, sizes, modification times)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        status = path.stat()
        digest.update(f"{path.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}\n"
                      .encode())
    return digest.hexdigest()


# The cache only saves time: an entry that cannot be read is a miss (computed and written
# again), one that cannot be written is not kept. Unpickling fails in many ways (a truncated
# file, a class since renamed…), hence the broad exceptions; no report ever fails for it.


def _read(folder: Path, name: str) -> object | None:
    try:
        with open(folder / f"{name}.pickle", "rb") as stream:
            return pickle.load(stream)
    except Exception:
        return None


def _write(folder: Path, name: str, value: object) -> None:
    try:
        with atomic_path(folder / f"{name}.pickle") as temporary, open(temporary, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
