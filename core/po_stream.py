"""The texts inside a translated StreamField (a guide's body) as PO units: one per heading, paragraph, quote or
step text, named by the stable ids of the blocks that hold it (``body.<block id>.text``), never by position, so an
entry finds its block again after blocks are added or moved. Images, embeds, links and choices are not texts.

A language's body is matched to the English block by block: a unit is offered when that language's body is empty
(it then starts as a copy of the English structure) or holds the same block; a body built otherwise in the admin
(other blocks, other ids) is translated there."""

import copy

from wagtail import blocks

from .i18n import default_language, is_blank
from .translations import is_outdated

PATH_SEPARATOR = "."


def _texts(block, value, path):
    """``(path, block, text)`` for each text in ``value`` (the raw data of ``block``)."""
    if isinstance(block, blocks.RichTextBlock):
        if isinstance(value, str) and not is_blank(value):
            yield path, block, value
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        if isinstance(value, str) and value.strip():
            yield path, block, value
    elif isinstance(block, blocks.StreamBlock):
        for item in value or []:
            child = block.child_blocks.get(item.get("type"))
            if child is not None and item.get("id"):
                yield from _texts(child, item.get("value"), (*path, item["id"]))
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            if isinstance(item, dict) and item.get("id"):
                yield from _texts(block.child_block, item.get("value"), (*path, item["id"]))
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child in block.child_blocks.items():
            yield from _texts(child, value.get(name), (*path, name))


def stream_texts(stream_value):
    """``{path: (block, text)}`` of every text of a StreamField value, in reading order."""
    raw = list(getattr(stream_value, "raw_data", None) or [])
    return {path: (block, text) for path, block, text in _texts(stream_value.stream_block, raw, ())}


def _node(raw, path):
    """The container holding the last step of ``path`` inside ``raw`` and the key of that step, or None."""
    node = raw
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, list):
            item = next((item for item in node if isinstance(item, dict) and item.get("id") == step), None)
            if item is None:
                return None
            if last:
                return item, "value"
            node = item.get("value")
        elif isinstance(node, dict):
            if step not in node:
                return None
            if last:
                return node, step
            node = node[step]
        else:
            return None
    return None


def text_at(raw, path):
    """The text at ``path`` in the raw data ``raw``, or None when that language has no such block."""
    found = _node(raw, path)
    if found is None:
        return None
    container, key = found
    value = container.get(key)
    return value if isinstance(value, str) else None


def with_text(raw, english_raw, path, text):
    """A copy of ``raw`` with ``text`` at ``path``; an empty ``raw`` starts as a copy of the English structure."""
    result = copy.deepcopy(raw if raw else english_raw)
    found = _node(result, path)
    if found is None:
        raise LookupError(PATH_SEPARATOR.join(path))
    container, key = found
    container[key] = text
    return result


def raw_of(obj, field_name, lang):
    """The raw data (a list of blocks) of ``field_name`` in ``lang``."""
    return list(getattr(getattr(obj, f"{field_name}_{lang}", None), "raw_data", None) or [])


def stream_parts(obj, field_name, lang):
    """``[(part, block, english, translation)]``: each text of the English ``field_name`` that ``lang`` can take
    through a PO file (``part`` is ``field.<block id>…``), with its current translation ("" when none)."""
    english = getattr(obj, f"{field_name}_{default_language()}", None)
    if english is None or not getattr(english, "raw_data", None):
        return []
    own = raw_of(obj, field_name, lang)
    parts = []
    for path, (block, text) in stream_texts(english).items():
        translation = text_at(own, path) if own else ""
        if translation is None:
            continue  # built otherwise in this language: translated in the admin
        parts.append((PATH_SEPARATOR.join((field_name, *path)), block, text, translation))
    return parts


def stream_outdated(obj, field_name, lang):
    """True when the ``lang`` body was made from an English body that has changed since."""
    return is_outdated(obj, field_name, lang)


def write_part(obj, part, lang, text):
    """Write ``text`` at ``part`` (``field.<block id>…``) of ``obj``'s ``lang`` StreamField, in memory."""
    field_name, *path = part.split(PATH_SEPARATOR)
    raw = with_text(raw_of(obj, field_name, lang), raw_of(obj, field_name, default_language()), tuple(path), text)
    setattr(obj, f"{field_name}_{lang}", raw)
