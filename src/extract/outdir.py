"""The output folder (``--out DIR``): which folder a run may replace, and replacing it whole.

Ownership. A run may replace ``DIR`` only if it does not exist, is an empty folder, or is
a folder whose every entry is listed in the ``manifest.json`` a previous run wrote there.
A regular file, a symbolic link (to anything), a folder holding anything else, or a
read-only folder is refused (:class:`BadInput`, one line, nothing touched). ``/``, the
home folder, the current folder, the repository around it (and any folder holding
``.git``), the folder of any source file, and every ancestor of these are never replaced,
whatever they hold. Paths are compared resolved; messages show them as the user typed them.

Commit. Everything is written into a sibling staging folder ``.DIR.tmp-<token>`` (made
with the user's umask), then swapped in with one ``renameat2(RENAME_EXCHANGE)``: at every
instant ``DIR`` is the old output or the new one. The old tree, now under the staging
name, is deleted after. Where the kernel or file system has no exchange, two renames
(``DIR`` -> ``.DIR.old-<token>``, staging -> ``DIR``) are used, and the next run restores
``.DIR.old-*`` if it finds ``DIR`` missing.

Lock. An exclusive ``flock`` on the parent folder is held from the ownership check to the
end of the commit, so runs into one ``DIR`` take turns; under it, the staging and old
folders that dead runs left for this ``DIR`` are restored or removed. No lock file is made.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import regex

from extract import interrupts
from extract.errors import BadInput, shown

MANIFEST = "manifest.json"
LEGACY_WORKBOOK = "tables.xlsx"
RENAME_EXCHANGE = 2
NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}
MAX_MANIFEST_BYTES = 4 * 2**20
MAX_ENTRIES = 10_000  # entries looked at in an existing DIR (a run writes a few dozen)
LEFTOVER = regex.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|old)-[0-9a-f]{12}$")


def exchange(dir_fd: int, first: str, second: str) -> None:
    """Swap two entries of one folder in one step (Linux renameat2, RENAME_EXCHANGE).

    Both names are relative to ``dir_fd``, the locked parent: a rename elsewhere on the
    path between the check and the swap cannot redirect it.

    OSError(ENOSYS) where the C library has no renameat2; the kernel or the file system
    may answer ENOSYS or EINVAL too: the caller then falls back to two renames.
    """
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS)) from None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(dir_fd, os.fsencode(first), dir_fd, os.fsencode(second), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), first)


def rename(dir_fd: int, source: str, target: str) -> None:
    """Rename an entry within one folder."""
    os.rename(source, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)


def remove_tree(dir_fd: int, name: str) -> None:
    """Delete a folder of ``dir_fd`` (never following a symbolic link); errors ignored."""
    try:
        if stat.S_ISDIR(os.lstat(name, dir_fd=dir_fd).st_mode):
            shutil.rmtree(name, ignore_errors=True, dir_fd=dir_fd)
    except OSError:
        pass


@contextmanager
def locked(folder: Path, shared: bool = False) -> Iterator[int]:
    """An fd of ``folder`` holding an flock on it (exclusive unless ``shared``)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # releases the lock


def listed_files(folder: Path) -> set[str] | None:
    """The files the manifest in ``folder`` says a run wrote there; None without one.

    A manifest without ``files`` (written by extract 0.1.0) lists its tables under ``rows``:
    each as CSV and Parquet, plus the workbook.
    """
    path = folder / MANIFEST
    try:
        if not path.is_file() or path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not str(manifest.get("tool", "")).startswith("extract "):
        return None
    files = manifest.get("files")
    if isinstance(files, dict):
        names = set(files)
    elif files is None and isinstance(manifest.get("rows"), dict):
        names = {f"{table}.{kind}" for table in manifest["rows"] for kind in ("csv", "parquet")}
        names.add(LEGACY_WORKBOOK)
    else:
        return None
    if not all(isinstance(name, str) and safe_relative(name) for name in names):
        return None
    return names


def safe_relative(name: str) -> bool:
    """A relative path inside the folder: no root, no '..', no empty or '.' part."""
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def foreign_entries(folder: Path, listed: set[str] | None, limit: int = 3) -> list[str]:
    """Entries of ``folder`` (recursively) that no run of this tool wrote, up to ``limit``."""
    allowed_dirs = {str(PurePosixPath(name).parent) for name in listed or ()} - {"."}
    allowed_dirs |= {str(parent) for name in allowed_dirs for parent in PurePosixPath(name).parents}
    found: list[str] = []
    seen = 0
    stack = [""]
    while stack and len(found) < limit:
        prefix = stack.pop()
        with os.scandir(folder / prefix if prefix else folder) as entries:
            for entry in entries:
                seen += 1
                if seen > MAX_ENTRIES:
                    return found + [f"more than {MAX_ENTRIES:,} entries"]
                relative = f"{prefix}{entry.name}"
                if entry.is_symlink():
                    found.append(relative)
                elif entry.is_dir() and relative in allowed_dirs:
                    stack.append(relative + "/")
                elif not (entry.is_file() and listed is not None
                          and (relative in listed or relative == MANIFEST)):
                    found.append(relative)
    return sorted(found)[:limit]


def _repository_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


class OutputFolder:
    """``--out DIR`` as typed, with the source files whose folders it may not sweep."""

    def __init__(self, typed: str, sources: Sequence[str] = ()):
        self.typed = typed
        self.sources = list(sources)

    # ------------------------------------------------------------------ where it is

    @property
    def shown(self) -> str:
        return shown(self.typed)

    def _refuse(self, why: str) -> BadInput:
        return BadInput(f"--out {self.shown}: {why}; nothing was touched")

    def _stripped(self) -> str:
        return self.typed.rstrip("/") or "/"  # 'link/' would follow the link

    @property
    def real(self) -> Path:
        """The resolved path; a symbolic link as the last part is not followed."""
        stripped = self._stripped()
        head, name = os.path.split(stripped)
        if name in ("", ".", ".."):
            return Path(os.path.realpath(stripped))
        return Path(os.path.realpath(head or ".")) / name

    # ------------------------------------------------------------------ may it be replaced

    def check(self) -> None:
        """Refuse (BadInput) unless this run may replace the folder."""
        if not self.typed:
            raise BadInput("--out '': an empty path; name a folder")
        try:
            status = os.lstat(self._stripped())
        except FileNotFoundError:
            self._check_creatable()
            return
        except OSError as error:
            raise self._refuse(_reason(error)) from None
        if stat.S_ISLNK(status.st_mode):
            raise self._refuse("is a symbolic link; name the folder itself")
        if not stat.S_ISDIR(status.st_mode):
            raise self._refuse("is a file, not a folder")
        real = self.real
        self._check_not_protected(real)
        if not _writable(real):
            raise self._refuse("is read-only")
        if not _writable(real.parent):
            raise self._refuse(f"its parent folder {shown(str(real.parent))} is read-only")
        try:
            foreign = foreign_entries(real, listed_files(real))
        except OSError as error:
            raise self._refuse(_reason(error)) from None
        if foreign:
            what = ", ".join(shown(name) for name in foreign)
            raise self._refuse(f"holds {what}, which this tool did not write")

    def _check_creatable(self) -> None:
        """A folder that does not exist yet: its nearest existing ancestor must be writable."""
        for ancestor in self.real.parents:
            if ancestor.exists():
                if not ancestor.is_dir():
                    raise self._refuse(f"{shown(str(ancestor))} is not a folder")
                if not _writable(ancestor):
                    raise self._refuse(f"{shown(str(ancestor))} is read-only")
                return

    def _check_not_protected(self, real: Path) -> None:
        cwd = Path(os.path.realpath(os.getcwd()))
        guarded: list[tuple[Path, str]] = []
        repository = _repository_root(cwd)
        if repository is not None:
            guarded.append((repository, "the repository root"))
        for source in self.sources:  # the folder it is named in, and (a link) where it is
            for folder in {os.path.realpath(os.path.dirname(source) or "."),
                           os.path.dirname(os.path.realpath(source))}:
                guarded.append((Path(folder), f"the folder of the source {shown(source)}"))
        guarded += [
            (cwd, "the current folder"),
            (Path(os.path.realpath(os.path.expanduser("~"))), "your home folder"),
            (Path("/"), "the root folder"),
        ]
        for path, what in guarded:
            if real == path:
                raise self._refuse(f"is {what}, never replaced")
        for path, what in guarded:
            if real in path.parents:
                raise self._refuse(f"holds {what}, never replaced")
        if (real / ".git").exists():
            raise self._refuse("holds .git (a repository), never replaced")

    # ------------------------------------------------------------------ replace it

    def recover(self) -> None:
        """Restore or remove what dead runs left beside the folder (under the lock)."""
        parent = self.real.parent
        if not self.typed or not parent.is_dir():
            return
        with locked(parent) as fd:
            recover(fd, self.real.name)

    def commit(self, fill: Callable[[Path], None]) -> None:
        """Fill a staging folder with ``fill`` and swap it in as the folder, in one step.

        Under the parent's lock: leftovers of dead runs are restored or removed, the
        ownership is checked again, the staging folder is filled and swapped in. Any
        error or interruption before the swap removes the staging folder and leaves the
        folder exactly as it was.
        """
        real = self.real
        real.parent.mkdir(parents=True, exist_ok=True)
        name = real.name
        with locked(real.parent) as fd:
            recover(fd, name)
            self.check()
            token = secrets.token_hex(6)
            staging = f".{name}.tmp-{token}"
            os.mkdir(staging, 0o777, dir_fd=fd)  # the user's umask applies
            try:
                fill(real.parent / staging)
                with interrupts.deferred():
                    retired = swap_in(fd, staging, name, token)
            except BaseException:
                remove_tree(fd, staging)
                raise
            if retired is not None:
                remove_tree(fd, retired)


def swap_in(fd: int, staging: str, name: str, token: str) -> str | None:
    """Make ``staging`` the folder ``name``; returns where the old folder now is, if any."""
    try:
        os.lstat(name, dir_fd=fd)
    except FileNotFoundError:
        rename(fd, staging, name)
        return None
    try:
        exchange(fd, staging, name)
        return staging  # the old tree, under the staging name
    except OSError as error:
        if error.errno not in NO_EXCHANGE:
            raise
    retired = f".{name}.old-{token}"
    rename(fd, name, retired)
    try:
        rename(fd, staging, name)
    except BaseException:
        rename(fd, retired, name)
        raise
    return retired


def recover(fd: int, name: str) -> None:
    """Undo what dead runs left for ``name``: restore ``.name.old-*`` if ``name`` is
    missing (a two-rename swap cut short), then remove every ``.name.tmp-*``/``.name.old-*``."""
    leftovers = [entry for entry in os.listdir(fd)
                 if (match := LEFTOVER.match(entry)) and match["name"] == name]
    if not leftovers:
        return
    try:
        os.lstat(name, dir_fd=fd)
    except FileNotFoundError:
        retired = [entry for entry in leftovers if LEFTOVER.match(entry)["kind"] == "old"]
        if retired:
            newest = max(retired, key=lambda entry: os.lstat(entry, dir_fd=fd).st_mtime_ns)
            rename(fd, newest, name)
            leftovers.remove(newest)
    for entry in leftovers:
        remove_tree(fd, entry)


def _writable(folder: Path) -> bool:
    """Whether we may write in ``folder``: permission, and not marked read-only (even for root)."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return False
    return os.access(folder, os.W_OK) and bool(mode & 0o222)


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if error.errno == errno.ENOTDIR:
        return "a part of the path is not a folder"
    if error.errno == errno.ENAMETOOLONG:
        return "the path is too long"
    return f"cannot be reached ({error.strerror})"
