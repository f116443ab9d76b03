"""What an import changes, item by item, and which values it would remove.

A section describes an item twice, as the database holds it before the write and as it will be after, both in
the data file's own format (a "snapshot": what the export writes for the item). Comparing the two gives the keys
that change, for the dry run's listing, and every value that is there before and gone or empty after: a
translation, a description, a link to another item, a step, an entry of a list. Those are removals, which an
import makes only when it is told to (``--allow-removals``): a file cut short or an old copy must not silently
take data away.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .problems import Problem

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# Keys that name the items of a list: such lists are compared item by item, whatever their order.
IDENTITY_KEYS = ("key", "slug", "id")
# How much of an old value a message shows.
SHOWN_CHARACTERS = 60


def is_empty(value):
    """True for what a data file leaves out: nothing, empty text, an empty list or mapping."""
    return value is None or (isinstance(value, str | list | dict) and not value)


def join(path, relative):
    """``path`` followed by a relative location: ``skills[4]`` + ``name.es``, ``roles[0]`` + ``[2]``."""
    if not relative:
        return path
    if not path:
        return relative.removeprefix(".")
    return f"{path}{relative}" if relative.startswith("[") else f"{path}.{relative}"


def shorten(text, limit=SHOWN_CHARACTERS):
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        texts = [text for text in value.values() if isinstance(text, str) and text]
        return value.get("en") if isinstance(value.get("en"), str) else (texts[0] if texts else None)
    return None


def summarize(value):
    """An old value in a few words: text quoted and shortened, a list's items, an item's key, name and lists."""
    if isinstance(value, str):
        return f'"{shorten(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            return shorten(", ".join(str(item) for item in value))
        return "; ".join(summarize(item) for item in value[:3]) + ("; …" if len(value) > 3 else "")
    if isinstance(value, dict):
        parts = []
        identity = next((value[key] for key in IDENTITY_KEYS if isinstance(value.get(key), str | int)), None)
        if identity is not None:
            parts.append(f"'{identity}'")
        title = _first_text(value.get("title")) or _first_text(value.get("name"))
        if title:
            parts.append(f'"{shorten(title, 40)}"')
        lists = [f"{len(item)} {key}" for key, item in value.items() if isinstance(item, list) and item]
        if lists:
            parts.append(f"with {', '.join(lists)}")
        if not parts:
            text = _first_text(value)
            parts.append(f'"{shorten(text)}"' if text else shorten(value))
        return " ".join(parts)
    return shorten(value)


def compare(before, after):
    """Compare two snapshots of an item. Returns ``(changed, lost)``: the relative locations whose value changes,
    appears or goes (``name.es``, ``levels``, ``suggested_steps[1].activities``), and ``(location, old value)``
    for each value that is there before and gone or empty after."""
    changed, lost = [], []
    _compare(before, after, "", changed, lost)
    return changed, lost


def _identity(items):
    for key in IDENTITY_KEYS:
        if items and all(isinstance(item, dict) and isinstance(item.get(key), str | int) for item in items):
            return key
    return None


def _compare(before, after, path, changed, lost):
    # Empty text is stored as NULL or "" depending on who wrote it (an import, the admin): both mean "none".
    if before == after or (is_empty(before) and is_empty(after)):
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key, old in before.items():
            where = join(path, str(key))
            if key not in after or is_empty(after[key]):
                if not is_empty(old):
                    lost.append((where, old))
                    changed.append(where)
            else:
                _compare(old, after[key], where, changed, lost)
        changed.extend(join(path, str(key)) for key in after if key not in before and not is_empty(after[key]))
    elif isinstance(before, list) and isinstance(after, list):
        _compare_lists(before, after, path, changed, lost)
    elif is_empty(after) and not is_empty(before):
        lost.append((path, before))
        changed.append(path)
    else:
        changed.append(path)


def _compare_lists(before, after, path, changed, lost):
    identity = _identity(before + after)
    if identity is not None:
        # Items with names (steps by key, items by slug): matched by name, whatever their place.
        place = {item[identity]: index for index, item in enumerate(after)}
        known = set()
        for old in before:
            known.add(old[identity])
            if old[identity] not in place:
                lost.append((path, old))
                changed.append(path)
            else:
                index = place[old[identity]]
                _compare(old, after[index], join(path, f"[{index}]"), changed, lost)
        changed.extend(join(path, f"[{index}]") for index, item in enumerate(after) if item[identity] not in known)
    elif all(not isinstance(item, dict | list) for item in before + after):
        # Keys of other items, tags, language codes: compared as a bag, whose lost members are named. (Counted
        # with their type: Python holds True equal to 1.)
        remaining = Counter((type(item), item) for item in after)
        missing = []
        for item in before:
            if remaining[type(item), item] > 0:
                remaining[type(item), item] -= 1
            else:
                missing.append(item)
        if missing:
            lost.append((path, missing))
        changed.append(path)
    else:
        # Anything else (links, mappings without a name) by position.
        for index, old in enumerate(before):
            where = join(path, f"[{index}]")
            if index >= len(after):
                lost.append((where, old))
                changed.append(where)
            else:
                _compare(old, after[index], where, changed, lost)
        changed.extend(join(path, f"[{index}]") for index in range(len(before), len(after)))


@dataclass(frozen=True)
class Change:
    """One item an import creates or updates: where it is in the file, what it is, and the keys that change."""

    path: str
    item: str
    status: str
    keys: tuple = ()

    def line(self, *, dry_run=False):
        """The change in words, e.g. ``skills[0]: skill 'wiki-editing-basics' updated (name.es, levels)``."""
        verb = f"would be {self.status}" if dry_run else self.status
        keys = f" ({', '.join(self.keys)})" if self.keys else ""
        return f"{self.path}: {self.item} {verb}{keys}"


def removal(path, item, old):
    """The problem a removal is when removals are not allowed: ``path: skill 'x' loses "old text"``."""
    return Problem(path, f"{item} loses {summarize(old)}")


class ChangeLog:
    """Every change and removal of one import, in the order the sections write them."""

    def __init__(self):
        self.changes: list[Change] = []
        self.removals: list[Problem] = []

    def record(self, path, item, status, before=None, after=None):
        """Note what happened to one item (``status``: created, updated or unchanged). With both snapshots, the
        keys that change are listed and every value lost is a removal; returns those removals."""
        if status == UNCHANGED:
            return []
        changed, lost = compare(before, after) if before is not None and after is not None else ([], [])
        self.changes.append(Change(path, item, status, tuple(dict.fromkeys(changed))))
        found = [removal(join(path, where), item, old) for where, old in lost]
        self.removals.extend(found)
        return found
