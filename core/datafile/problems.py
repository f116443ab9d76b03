"""What is wrong with a data file, and where: every message is ``path: message`` (``skills[4].levels[1]: unknown
level 'expert'``, ``line 12, column 3: key 'slug' is repeated``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data file, and where it is (``skills[4].levels[1]``, ``line 12, column 3``)."""

    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


class DataFileError(Exception):
    """The data file cannot be imported; ``problems`` lists every reason found. ``summary`` replaces the usual
    "N problems found" in the command's message, ``hint`` says what to do about it."""

    summary = ""
    hint = ""

    def __init__(self, problems, *, report=None):
        self.problems = list(problems)
        # What the import would have done, for a dry run's listing (set when the write itself was refused).
        self.report = report
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ManifestMismatch(DataFileError):
    """The file's manifest (counts and checksum written by the export) does not match its content."""

    summary = "the file does not match the manifest at its top"
    hint = (
        "The manifest was written by the export, and the file has changed since: it may have been cut short "
        "(copy it again), or edited by hand (export it again, or delete the `manifest:` block at its top)."
    )


class RemovalsRefused(DataFileError):
    """The file would remove or blank values that the database holds, and removals were not allowed."""

    hint = (
        "A file that leaves out what the database holds (cut short, or an old copy) would lose it. If the file is "
        "complete and these removals are meant, run the command again with --allow-removals (or --prune)."
    )

    @property
    def summary(self):
        count = len(self.problems)
        return f"it would remove {count} value{'s' if count != 1 else ''} that the database holds"


def at(path, key):
    """The location of ``key`` inside ``path``: ``skills[4]`` + ``"levels"`` → ``skills[4].levels``."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def describe(value):
    """A value's YAML type in words, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.date | datetime.datetime):
        return f"a date ({value}; quote it to keep it as text)"
    return type(value).__name__
