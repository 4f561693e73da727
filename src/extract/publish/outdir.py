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

Portable. Where ``fcntl`` or ``renameat2`` is missing (Windows), or :data:`PORTABLE` is
set (the tests run both paths on Linux), the commit is the two renames with the same
recovery (``os.replace``, by path), and the lock is a ``filelock`` lock file (an OS lock:
it dies with its process, never stale) kept in the user's temporary folder, named by the
hash of ``DIR``'s resolved path, so nothing is left beside ``DIR``.

Lock. An exclusive lock on the parent folder (``flock``, no lock file) is held from the
ownership check to the end of the commit, so runs into one ``DIR`` take turns; under
it, the staging and old folders that dead runs left for this ``DIR`` are restored or
removed.

Edits. A file the manifest lists whose size or sha256 no longer matches (text appended
to a CSV, a workbook re-saved) is a user's edit: the folder is not replaced unless
``force``. Mode. A folder replaced keeps its mode, and its files lose the permissions it
denied (a private 0700 folder stays 0700 with 0600 files).
"""

from __future__ import annotations

import ctypes
import errno
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
from extract.publish.files import sha256_of

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MANIFEST = "manifest.json"
LEGACY_WORKBOOK = "tables.xlsx"
RENAME_EXCHANGE = 2
NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}
MAX_MANIFEST_BYTES = 4 * 2**20
MAX_ENTRIES = 10_000  # entries looked at in an existing DIR (a run writes a few dozen)
LEFTOVER = regex.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|old)-[0-9a-f]{12}$")
PORTABLE = os.environ.get("EXTRACT_PORTABLE_REPLACE") == "1"  # tests set it to run that path
MAX_EDITED_SHOWN = 3

Where = int | Path  # the locked parent: an fd (native) or its path (portable)


def portable() -> bool:
    """Whether the commit takes the portable path (no fcntl, or :data:`PORTABLE`)."""
    return PORTABLE or fcntl is None


def _at(where: Where, name: str) -> tuple[str, dict]:
    """A name in the locked parent, as a path and the keyword that anchors it."""
    if isinstance(where, int):
        return name, {"dir_fd": where}
    return os.path.join(where, name), {}


def exchange(dir_fd: int, first: str, second: str) -> None:
    """Swap two entries of one folder in one step (Linux renameat2, RENAME_EXCHANGE).

    Both names are relative to ``dir_fd``, the locked parent: a rename elsewhere on the
    path between the check and the swap cannot redirect it.

    OSError(ENOSYS) where the C library has no renameat2; the kernel or the file system
    may answer ENOSYS or EINVAL too: the caller then falls back to two renames.
    """
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS)) from None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(dir_fd, os.fsencode(first), dir_fd, os.fsencode(second), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), first)


def rename(where: Where, source: str, target: str) -> None:
    """Rename an entry within one folder (portable: ``os.replace`` by path)."""
    if isinstance(where, int):
        os.rename(source, target, src_dir_fd=where, dst_dir_fd=where)
    else:
        os.replace(os.path.join(where, source), os.path.join(where, target))


def remove_tree(where: Where, name: str) -> None:
    """Delete a folder of ``where`` (never following a symbolic link); errors ignored."""
    path, anchor = _at(where, name)
    try:
        if stat.S_ISDIR(os.lstat(path, **anchor).st_mode):
            shutil.rmtree(path, ignore_errors=True, **anchor)
    except OSError:
        pass


def lstat_in(where: Where, name: str) -> os.stat_result:
    """``os.lstat`` of an entry of the locked parent."""
    path, anchor = _at(where, name)
    return os.lstat(path, **anchor)


def lock_file(folder: Path, name: str) -> Path:
    """The portable path's lock file for ``name`` in ``folder``: in the temporary folder,
    one per user, named by the hash of the resolved path (every run into one ``DIR`` of
    this user meets the same file; the user's folders get none)."""
    import hashlib
    import tempfile

    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    locks = Path(tempfile.gettempdir()) / f"extract-locks-{user}"
    locks.mkdir(mode=0o700, exist_ok=True)
    key = hashlib.sha256(os.fsencode(os.path.join(os.path.realpath(folder), name))).hexdigest()[:32]
    return locks / f"{key}.lock"


@contextmanager
def locked(folder: Path, shared: bool = False, name: str = "") -> Iterator[Where]:
    """``folder`` locked: natively an fd holding an flock on it (exclusive unless
    ``shared``); portably its path, with the filelock of ``name`` held (exclusive)."""
    if portable():
        from filelock import FileLock

        with FileLock(lock_file(folder, name or "."), thread_local=False):
            yield folder
        return
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
    manifest = _own_manifest(folder)
    if manifest is None:
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


def _own_manifest(folder: Path) -> dict | None:
    """The manifest a run of this tool wrote in ``folder``; None without one."""
    path = folder / MANIFEST
    try:
        if not path.is_file() or path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not str(manifest.get("tool", "")).startswith("extract "):
        return None
    return manifest


def edited_files(folder: Path, limit: int = MAX_EDITED_SHOWN) -> list[str]:
    """Files the manifest in ``folder`` lists whose size or sha256 no longer matches it
    (a user's edit), up to ``limit``; a file deleted since is not an edit to keep."""
    manifest = _own_manifest(folder)
    files = manifest.get("files") if manifest else None
    if not isinstance(files, dict):
        return []
    edited: list[str] = []
    for name, entry in sorted(files.items()):
        if len(edited) >= limit:
            break
        if not (isinstance(entry, dict) and safe_relative(str(name))):
            continue
        path = folder / name
        if path.is_symlink() or not path.is_file():
            continue
        if path.stat().st_size != entry.get("bytes") or sha256_of(path) != entry.get("sha256"):
            edited.append(name)
    return edited


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

    def __init__(self, typed: str, sources: Sequence[str] = (), force: bool = False):
        self.typed = typed
        self.sources = list(sources)
        self.force = force

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
        self._check_not_edited(real)

    def _check_not_edited(self, real: Path) -> None:
        """Refuse to replace a file changed since this tool wrote it, unless forced."""
        if self.force:
            return
        try:
            edited = edited_files(real)
        except OSError as error:
            raise self._refuse(_reason(error)) from None
        if edited:
            what = ", ".join(shown(f"{self._stripped()}/{name}") for name in edited)
            raise self._refuse(f"{what} changed since this tool wrote it (its sha256 is not the "
                               "manifest's); save your edit elsewhere, or pass --force to replace it")

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
        with locked(parent, name=self.real.name) as where:
            recover(where, self.real.name)

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
        with locked(real.parent, name=name) as where:
            recover(where, name)
            self.check()
            token = secrets.token_hex(6)
            staging = f".{name}.tmp-{token}"
            path, anchor = _at(where, staging)
            os.mkdir(path, 0o777, **anchor)  # the user's umask applies
            try:
                fill(real.parent / staging)
                keep_mode(real, real.parent / staging)
                with interrupts.deferred():
                    interrupts.raise_if_received()  # a signal a library swallowed still stops it
                    retired = swap_in(where, staging, name, token)
                    interrupts.mark_committed()
            except BaseException:
                remove_tree(where, staging)
                raise
            if retired is not None:
                remove_tree(where, retired)


def keep_mode(old: Path, staging: Path) -> None:
    """Give ``staging`` the mode of the folder it replaces, and take from everything in it
    the permissions that folder denied (group, others); nothing to do for a new folder."""
    try:
        mode = stat.S_IMODE(os.lstat(old).st_mode)
    except FileNotFoundError:
        return
    denied = ~mode & 0o077
    for root, folders, files in os.walk(staging):
        for entry in (*folders, *files):
            path = os.path.join(root, entry)
            os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) & ~denied)
    os.chmod(staging, mode)


def swap_in(where: Where, staging: str, name: str, token: str) -> str | None:
    """Make ``staging`` the folder ``name``; returns where the old folder now is, if any."""
    try:
        lstat_in(where, name)
    except FileNotFoundError:
        rename(where, staging, name)
        return None
    if isinstance(where, int):  # the portable path has no exchange
        try:
            exchange(where, staging, name)
            return staging  # the old tree, under the staging name
        except OSError as error:
            if error.errno not in NO_EXCHANGE:
                raise
    retired = f".{name}.old-{token}"
    rename(where, name, retired)
    try:
        rename(where, staging, name)
    except BaseException:
        rename(where, retired, name)
        raise
    return retired


def recover(where: Where, name: str) -> None:
    """Undo what dead runs left for ``name``: restore ``.name.old-*`` if ``name`` is
    missing (a two-rename swap cut short), then remove every ``.name.tmp-*``/``.name.old-*``."""
    leftovers = [entry for entry in os.listdir(where)
                 if (match := LEFTOVER.match(entry)) and match["name"] == name]
    if not leftovers:
        return
    try:
        lstat_in(where, name)
    except FileNotFoundError:
        retired = [entry for entry in leftovers if LEFTOVER.match(entry)["kind"] == "old"]
        if retired:
            newest = max(retired, key=lambda entry: lstat_in(where, entry).st_mtime_ns)
            rename(where, newest, name)
            leftovers.remove(newest)
    for entry in leftovers:
        remove_tree(where, entry)


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
