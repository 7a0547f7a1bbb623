"""Per-file results cached by content: an unchanged file under unchanged code is never parsed again.

The key of an entry is the file's path and sha256; the cache folder is named after a fingerprint of the code and
reference data that per-file work depends on, so any change to a parser, an extractor or the registry starts a
fresh folder (stale entries are never read). Entries are pickles the pipeline wrote itself in a folder it owns;
input files are never unpickled.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import uuid
from functools import lru_cache
from pathlib import Path

from .model import SourceFile

PACKAGE = Path(__file__).parent
# Not per-file work: the Dagster layer, the release code, the CLI. (corpus.py and cache.py define the cached
# format, so they count.)
_NOT_PER_FILE = {"defs", "release", "cli.py", "__main__.py", "dataset.py"}


def _fingerprint(folders: tuple[Path, ...], skip: set[str] = frozenset()) -> str:
    """A hash of the names and bytes of the code and data files under folders, top-level entries in skip aside."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.suffix in (".py", ".json") and rel.parts[0] not in skip and "__pycache__" not in rel.parts:
                digest.update(path.relative_to(folder.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The code and reference data that per-file work depends on."""
    return _fingerprint((PACKAGE,), _NOT_PER_FILE)


@lru_cache(maxsize=1)
def build_fingerprint() -> str:
    """All code and reference data of a build, the release and table code included."""
    return _fingerprint((PACKAGE, PACKAGE.parent / "schemas"))


def build_key(inputs_digest: str, salt: str = "") -> str:
    """Same key, same release: the inputs, all code and the settings that shape the tables."""
    return hashlib.sha256(f"{inputs_digest}\0{build_fingerprint()}\0{salt}".encode()).hexdigest()[:24]


class ResultCache:
    def __init__(self, folder: str | os.PathLike, salt: str = ""):
        self.folder = Path(folder) / code_fingerprint()
        self.salt = salt  # other inputs of per-file work, such as the size limits

    def _path(self, source: SourceFile) -> Path:
        key = hashlib.sha256(f"{source.path}\0{source.sha256}\0{self.salt}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, source: SourceFile):
        try:
            with open(self._path(source), "rb") as f:
                return pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None  # missing or unreadable: the file is simply processed again

    def put(self, source: SourceFile, result) -> None:
        path = self._path(source)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)  # readers see the whole entry or none
