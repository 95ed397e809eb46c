"""Read the records folder: find every file, parse it, check it against its model.

Nothing under records/ is skipped silently: every path is a record, an ignored
file (hidden files, README.md) or a `file.unexpected` / `schema.id` finding.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from ..catalog import severity_of
from ..errors import RecordsFolderError
from ..findings import Finding
from .address import RecordRef
from .ids import id_problem, period_problem
from .kinds import BY_FILE, BY_FOLDER, KINDS, REPORTS_FOLDER
from .parsing import MAX_FILE_BYTES, YamlProblem, decode, parse
from .program import Program
from .schema_errors import schema_findings

# The format's example policy: what `gaoxin new` falls back on when policy.yml is unusable.
SKELETONS = Path(__file__).parent / "skeletons"
DEFAULT_POLICY = SKELETONS / "policy.yml"

FOLDER_NAMES = [*BY_FOLDER, REPORTS_FOLDER]
TOP_FILES = "、".join(BY_FILE)

# Below this many files a second process costs more than it saves.
PARALLEL_MIN_FILES = 2000


def finding(rule: str, path: str, message: str, line: int | None = 1, **extra) -> Finding:
    return Finding(_printable(path), line, rule, severity_of(rule), _printable(message), **extra)


def _printable(text: str) -> str:
    # A file name that is not UTF-8 comes with surrogate escapes, which no output can print.
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _ignored(name: str) -> bool:
    return name.startswith(".") or name == "README.md"


def discover(root: Path) -> tuple[list[RecordRef], list[Finding]]:
    """List the record files, and every path that is not one."""
    if root.is_symlink():  # in a pull request, a records folder replaced by a link to other files
        raise RecordsFolderError(f"记录文件夹 {root} 是符号链接：records/ 必须是普通文件夹；"
                                 "在本机预览其他记录时，请用 --records 指定实际的文件夹")
    if not root.is_dir():
        raise RecordsFolderError(f"找不到记录文件夹 {root}：请用 --records 指定 records/ 所在位置")
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise RecordsFolderError(f"无法读取记录文件夹 {root}：{exc.strerror}") from None
    files: list[RecordRef] = []
    findings: list[Finding] = []
    for entry in entries:
        name = entry.name
        if _ignored(name):
            continue
        if entry.is_symlink():
            findings.append(_symlink(name))
        elif name in BY_FILE and entry.is_file():
            files.append(RecordRef(BY_FILE[name].name))
        elif name in BY_FOLDER or name == REPORTS_FOLDER:
            if not entry.is_dir():
                findings.append(finding("file.unexpected", name, f"{name} 应是文件夹，却是文件：请改为文件夹并把记录放进去", None))
            elif name == REPORTS_FOLDER:
                _walk_reports(Path(entry.path), files, findings)
            else:
                _walk_folder(Path(entry.path), name, BY_FOLDER[name].name, files, findings)
        elif entry.is_dir():
            findings.append(finding("file.unexpected", name + "/",
                                    f"未知的文件夹 {name}/：记录只能放在 {', '.join(FOLDER_NAMES)} 中", None))
        else:
            findings.append(finding("file.unexpected", name, f"records/ 顶层只能有 {TOP_FILES} 和记录文件夹：请移动或删除 {name}", None))
    found = {ref.path for ref in files}
    for kind in BY_FILE.values():
        if not kind.optional and kind.file not in found:
            findings.append(finding("schema.field", kind.file, f"缺少 {kind.file}：{kind.title}文件是必需的（见 records 格式说明）", None))
    return files, findings


def _symlink(path: str) -> Finding:
    return finding("file.unexpected", path, f"{path} 是符号链接：records/ 中只能放普通文件，请换成文件本身", None)


def _entries(folder: Path, rel: str, findings: list) -> list:
    """The entries of a folder under records/, by name; an unreadable folder is a finding."""
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        findings.append(finding("file.unexpected", rel + "/", f"无法读取文件夹 {rel}/：{exc.strerror}；请检查文件夹权限", None))
        return []


def _walk_folder(folder: Path, rel: str, kind: str, files: list, findings: list, id_rule=None) -> None:
    for entry in _entries(folder, rel, findings):
        name = entry.name
        path = f"{rel}/{name}"
        if _ignored(name):
            continue
        if entry.is_symlink():
            findings.append(_symlink(path))
        elif entry.is_dir():
            findings.append(finding("file.unexpected", path + "/", f"{rel}/ 里应是 .yml 文件，不应有文件夹 {name}/", None))
        elif not entry.is_file():
            findings.append(finding("file.unexpected", path, f"{path} 不是普通文件", None))
        elif not name.endswith(".yml"):
            hint = "请把扩展名改为 .yml" if name.endswith(".yaml") else "records/ 中只能有 .yml 记录文件"
            findings.append(finding("file.unexpected", path, f"{path} 不是 .yml 文件：{hint}", None))
        else:
            record_id = name[:-4]
            if problem := (id_rule or id_problem)(record_id):
                findings.append(finding("schema.id", path, problem))
            elif id_rule:  # a report: reports/<agreement>/<period>.yml
                files.append(RecordRef.report(rel.partition('/')[2], record_id))
            else:
                files.append(RecordRef(kind, record_id))


def _walk_reports(folder: Path, files: list, findings: list) -> None:
    for entry in _entries(folder, "reports", findings):
        name = entry.name
        path = f"reports/{name}"
        if _ignored(name):
            continue
        if entry.is_symlink():
            findings.append(_symlink(path))
        elif not entry.is_dir():
            findings.append(finding("file.unexpected", path,
                                    f"reports/ 里应是以协议 id 命名的文件夹，{name} 却是文件：请放进 reports/<协议id>/", None))
        elif problem := id_problem(name):
            findings.append(finding("schema.id", path + "/", problem, None))
        else:
            _walk_folder(Path(entry.path), path, "report", files, findings, period_problem)


def read_record(root: Path, path: str, buffer: bytearray | None = None) -> tuple[str | None, dict | None, Finding | None]:
    """Read and parse one file: (text, mapping, problem). `buffer` (from `read_buffer`) serves many files."""
    try:
        raw = _read_at_most(os.path.join(root, path), buffer if buffer is not None else read_buffer())
    except OSError as exc:
        return None, None, finding("yaml.syntax", path, f"无法读取文件：{exc.strerror}；请检查文件权限")
    try:
        text = decode(raw)
        return text, parse(text), None
    except YamlProblem as problem:
        return None, None, finding(problem.rule, path, problem.message, problem.line)


def read_buffer() -> bytearray:
    """Room for one more byte than a record may have: reading never takes more (a huge or sparse file)."""
    return bytearray(MAX_FILE_BYTES + 1)


def _read_at_most(path: str, buffer: bytearray) -> bytes:
    """The file's bytes, up to the size of `buffer`, in as few system calls as the kernel allows."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        view, size = memoryview(buffer), 0
        while size < len(buffer):
            count = os.readv(descriptor, [view[size:]])
            if count == 0:
                break
            size += count
        return bytes(view[:size])
    finally:
        os.close(descriptor)


def _read_all(root: Path, paths: list[str]) -> list:
    buffer = read_buffer()
    return [read_record(root, path, buffer) for path in paths]


def read_records(root: Path, paths: list[str]) -> list:
    """`read_record` for every path, in order; parsing is split over two processes for large programs.

    Parsing YAML is most of validation's time. A forked child parses the second half
    while this process parses the first; plain values come back pickled.
    """
    workers = int(os.environ.get("GAOXIN_WORKERS", os.cpu_count() or 1))
    if workers < 2 or len(paths) < PARALLEL_MIN_FILES:
        return _read_all(root, paths)
    import multiprocessing  # only here: importing it costs a small program's validation a tenth of its time

    if "fork" not in multiprocessing.get_all_start_methods():
        return _read_all(root, paths)
    half = len(paths) // 2
    with multiprocessing.get_context("fork").Pool(1) as pool:
        second = pool.apply_async(_read_all, (root, paths[half:]))
        first = _read_all(root, paths[:half])
        return first + second.get()


@contextmanager
def _no_cycle_collection():
    """Pause the cyclic garbage collector while records pile up, and keep them out of its later rounds.

    Loading keeps hundreds of thousands of dicts, lists and models alive, and every collection
    would walk them all again (the first one after the pause would walk everything made during
    it). Records hold no reference cycles, so reference counting frees them without the
    collector: they are frozen (`gc.freeze`) when loading ends. A later load in the same process
    (tests, `gaoxin serve`) unfreezes first, so whatever an earlier load froze is collectable again.
    """
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load(root: Path, extra: dict[str, str] | None = None, cache: ReadCache | None = None) -> tuple[Program, list[Finding]]:
    """Load the program. Returns it and the findings of reading and checking each file.

    `extra` adds files that are not on disk, or stands in for files that are (relative path ->
    text): `gaoxin import` validates the program as it would be with its new and changed records
    before writing any of them. With `cache`, only the files that changed since the load that
    filled it are read and checked again.
    """
    with _no_cycle_collection():
        return _load(root, extra or {}, cache or ReadCache(keep=False))


class ReadCache:
    """Each file an earlier load read, with what reading and checking it gave (`gaoxin serve` keeps one).

    A file is read again when its size, modification or change time, or inode differ: an
    editor's save changes at least one of them.
    """

    def __init__(self, keep: bool = True):
        self.keep = keep
        self._files: dict[str, tuple[tuple, tuple, object]] = {}  # path -> (stat, read, checked)

    def read(self, root: Path, paths: list[str]) -> list:
        """`read_record` for every path, reusing what the cache read of an unchanged file."""
        if not self.keep:
            return read_records(root, paths)
        stats = [_stat(os.path.join(root, path)) for path in paths]
        results = [self._files[path][1] if path in self._files and stat and self._files[path][0] == stat else None
                   for path, stat in zip(paths, stats)]
        stale = [i for i, result in enumerate(results) if result is None]
        for i, result in zip(stale, read_records(root, [paths[i] for i in stale])):
            results[i] = result
            self._files[paths[i]] = (stats[i], result, None)
        for gone in set(self._files) - set(paths):
            del self._files[gone]
        return results

    def checked(self, path: str, kind: str, data: dict) -> tuple[object | None, list[Finding]]:
        """`_check` of a file's `data`, once per version of the file."""
        stat, read, checked = self._files.get(path, (None, None, None))
        if checked is None or checked[0] != kind:
            checked = (kind, _check(kind, data, path))
            if self.keep and path in self._files:
                self._files[path] = (stat, read, checked)
        return checked[1]


def _stat(path: str) -> tuple | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def _check(kind: str, data: dict, path: str) -> tuple[object | None, list[Finding]]:
    """The record of `kind` that `data` makes, or None and the findings of its model."""
    try:
        return KINDS[kind].adapter.validate_python(data), []
    except ValidationError as error:
        return None, schema_findings(error, path)


def _parse_text(path: str, text: str):
    try:
        return text, parse(text), None
    except YamlProblem as problem:
        return None, None, finding(problem.rule, path, problem.message, problem.line)


def _load(root: Path, extra: dict[str, str], cache: ReadCache) -> tuple[Program, list[Finding]]:
    files, findings = discover(root)
    if extra:
        files = [ref for ref in files if ref.path not in extra]
    program = Program(root)
    parsed = cache.read(root, [ref.path for ref in files])
    for path, text in extra.items():
        files.append(RecordRef.parse(path))
        parsed.append(_parse_text(path, text))
    for ref, (text, data, problem) in zip(files, parsed):
        path = ref.path
        program.note_present(ref)
        if problem:
            findings.append(problem)
            continue
        program.texts[path] = text
        program.raw[path] = data
        program.record_count += 1
        record, problems = cache.checked(path, ref.kind, data) if path not in extra else _check(ref.kind, data, path)
        findings.extend(problems)
        if record is not None:
            program.store(ref, record)
    return program, findings


def load_policy_or_default(root: Path):
    """The program's policy, or the format's example policy when records/policy.yml is unusable."""
    from .models import Policy

    for candidate in (root / "policy.yml", DEFAULT_POLICY):
        try:
            return Policy.model_validate(parse(decode(candidate.read_bytes())))
        except (OSError, YamlProblem, ValidationError):
            continue
    raise RecordsFolderError("无法读取 policy.yml")
