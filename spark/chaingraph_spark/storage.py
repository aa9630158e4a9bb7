"""File-system access through Hadoop's ``FileSystem`` API, so paths work the same on a local
disk (``local[*]``), HDFS, S3 (``s3a://``) or any file system the cluster is configured for.

Only metadata and small reads go through here: whether a table is a file or a folder of part
files, the first bytes of a CSV file (to find its header row and encoding), the small segment
table, and the atomic rename of the output directory. Table data is read by Spark itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import SparkSession

__all__ = ["Storage", "FileInfo"]


@dataclass(frozen=True)
class FileInfo:
    """A directory entry: full path, base name, whether it is a directory, size in bytes and
    modification time (ms since the epoch)."""
    path: str
    name: str
    is_dir: bool
    size: int
    modified: int = 0


class Storage:
    """Thin wrapper over ``org.apache.hadoop.fs.FileSystem`` for the session's configuration."""

    def __init__(self, spark: SparkSession):
        self._jvm = spark.sparkContext._jvm
        self._conf = spark.sparkContext._jsc.hadoopConfiguration()

    def _path(self, path: str):
        p = self._jvm.org.apache.hadoop.fs.Path(path)
        return p, p.getFileSystem(self._conf)

    def exists(self, path: str) -> bool:
        """True when ``path`` exists (file or directory)."""
        p, fs = self._path(path)
        return bool(fs.exists(p))

    def is_dir(self, path: str) -> bool:
        """True when ``path`` is an existing directory."""
        p, fs = self._path(path)
        return bool(fs.exists(p)) and bool(fs.getFileStatus(p).isDirectory())

    def info(self, path: str) -> FileInfo:
        """The entry of an existing path."""
        p, fs = self._path(path)
        st = fs.getFileStatus(p)
        return self._entry(st)

    @staticmethod
    def _entry(st) -> FileInfo:
        return FileInfo(str(st.getPath().toString()), str(st.getPath().getName()), bool(st.isDirectory()),
                        int(st.getLen()), int(st.getModificationTime()))

    def list(self, path: str) -> list[FileInfo]:
        """The entries of a directory, sorted by name."""
        p, fs = self._path(path)
        out = [self._entry(st) for st in fs.listStatus(p)]
        return sorted(out, key=lambda f: f.name)

    def read_head(self, path: str, limit: int) -> bytes:
        """Up to ``limit`` bytes from the start of a file."""
        p, fs = self._path(path)
        stream = fs.open(p)
        try:
            return bytes(stream.readNBytes(limit))
        finally:
            stream.close()

    def read_all(self, path: str, limit: int) -> bytes:
        """A whole (small) file; at most ``limit`` bytes, more is an error for the caller."""
        return self.read_head(path, limit)

    def delete(self, path: str) -> None:
        """Deletes a file or a directory tree (no error when it does not exist)."""
        p, fs = self._path(path)
        if fs.exists(p):
            fs.delete(p, True)

    def rename(self, source: str, target: str) -> bool:
        """Renames ``source`` to ``target`` (atomic on HDFS and local disks)."""
        p, fs = self._path(source)
        q = self._jvm.org.apache.hadoop.fs.Path(target)
        return bool(fs.rename(p, q))

    def qualified(self, path: str) -> str:
        """The fully qualified form of a path (``file:/…``, ``hdfs://…``)."""
        p, fs = self._path(path)
        return str(fs.makeQualified(p).toString())
