"""The manifest an export writes at the top of a data file: the format version, how many items each section has,
and a checksum of the content. An import checks it when the file has one, so a file cut short (it keeps its top)
or changed after the export is refused instead of being half imported.

The checksum is a SHA-256 of a canonical JSON form of the parsed document without the manifest (keys sorted,
no spacing), so that formatting the YAML differently, reordering a mapping's keys or converting the file to JSON
leaves it valid, while any change to a value, or to the order of a list, does not.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re

from .problems import Problem, at, describe

KEY = "manifest"
FORMAT = 1
COMMENT = (
    "Written by the export and checked by the import: the number of items per section and a checksum of the\n"
    "content. A file that no longer matches it is refused. After editing this file by hand, delete this block."
)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _canonical(value):
    # JSON holds mappings with text keys, lists and scalars; anything else YAML can produce (dates, numbers as
    # keys) gets a form of its own, so that it neither breaks the checksum nor passes for text.
    if isinstance(value, dict):
        return {
            key if isinstance(key, str) else f"{type(key).__name__}:{key}": _canonical(v) for key, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return {"$date": value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return {f"${type(value).__name__}": repr(value)}


def content(document):
    """The document without its manifest."""
    return {key: value for key, value in document.items() if key != KEY}


def checksum(document):
    """The SHA-256 (hex) of the canonical JSON form of ``document`` without its manifest."""
    text = json.dumps(_canonical(content(document)), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count(value):
    """A section's size: the items of a list, the keys of a mapping, else 1."""
    return len(value) if isinstance(value, list | dict) else 1


def build(document):
    """The manifest of ``document``: format, the size of each section in the document's order, checksum."""
    sections = content(document)
    return {
        "format": FORMAT,
        "sections": {name: count(value) for name, value in sections.items()},
        "sha256": checksum(sections),
    }


def with_manifest(document):
    """``document`` led by its manifest (an old manifest is replaced)."""
    sections = content(document)
    return {KEY: build(sections), **sections}


def verify(document):
    """Check the manifest of a parsed document, when it has one. Returns ``(content, problems)``: the document
    without the manifest, and every way the two disagree (a missing or extra section, a count, the checksum)."""
    if not isinstance(document, dict) or KEY not in document:
        return document, []
    manifest = document[KEY]
    sections = content(document)
    if not isinstance(manifest, dict):
        return sections, [
            Problem(KEY, f"expected a mapping with format, sections and sha256, got {describe(manifest)}")
        ]
    problems = []
    for key in manifest:
        if key not in ("format", "sections", "sha256"):
            problems.append(Problem(at(KEY, key), "unknown key"))
    version = manifest.get("format")
    if version != FORMAT or isinstance(version, bool):
        problems.append(
            Problem(at(KEY, "format"), f"this Hub reads manifest format {FORMAT}, the file has {version!r}")
        )
        return sections, problems
    counts = manifest.get("sections")
    if not isinstance(counts, dict):
        problems.append(
            Problem(at(KEY, "sections"), f"expected a mapping of section names to counts, got {describe(counts)}")
        )
        counts = {}
    where = at(KEY, "sections")
    for name, expected in counts.items():
        if name not in sections:
            problems.append(
                Problem(at(where, name), f"the file has no section '{name}' (the manifest counts {expected})")
            )
        elif count(sections[name]) != expected:
            problems.append(
                Problem(at(where, name), f"the manifest counts {expected}, the file has {count(sections[name])}")
            )
    for name in sections:
        if name not in counts:
            problems.append(Problem(where, f"the file has a section '{name}' that the manifest does not list"))
    digest = manifest.get("sha256")
    if not isinstance(digest, str) or not _SHA256.match(digest):
        problems.append(Problem(at(KEY, "sha256"), f"expected 64 hexadecimal digits, got {describe(digest)}"))
    elif digest != checksum(sections):
        problems.append(Problem(at(KEY, "sha256"), "the content does not match the checksum"))
    return sections, problems
