"""Reading and writing the YAML of data files: a safe loader that reports repeated keys (PyYAML silently keeps
the last one) and syntax errors by line, a reader that locates what makes a file unreadable, and the export's
dumper (block mappings, short lists of keys on one line, multi-line text as literal blocks)."""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import DataFileError, Problem


class Loader(yaml.SafeLoader):
    """PyYAML's safe loader, noting repeated keys in a mapping (PyYAML silently keeps the last one)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated: list[Problem] = []

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                mark = key_node.start_mark
                self.repeated.append(
                    Problem(f"line {mark.line + 1}, column {mark.column + 1}", f"key {key!r} is repeated")
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text):
    """Parse the data file's text; returns ``(document, problems)``, a syntax error located by line."""
    loader = Loader(text)
    try:
        document = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        detail = f" ({exc.context})" if exc.context else ""
        return None, [Problem(where, f"YAML syntax error: {exc.problem}{detail}")]
    except yaml.YAMLError as exc:
        return None, [Problem("", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    return document, loader.repeated


class Dumper(yaml.SafeDumper):
    """Block mappings, lists indented under their key, short lists of names on one line, multi-line text as
    literal blocks."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_str(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


def _represent_list(dumper, data):
    # Keys (slugs, ids) fit on one line like `levels: [fundamental, emerging]`; names with spaces read better
    # one per line.
    flow = all(isinstance(item, str) and item and not any(char.isspace() for char in item) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


Dumper.add_representer(str, _represent_str)
Dumper.add_representer(list, _represent_list)


def read_text(path):
    """The text of the file at ``path``; raises :class:`DataFileError` when it is missing or not UTF-8."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem(str(path), "no such file")]) from None
    except IsADirectoryError:
        raise DataFileError([Problem(str(path), "is a directory, not a file")]) from None
    except UnicodeDecodeError as exc:
        raise DataFileError([Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None


def read_document(path):
    """The parsed document of the YAML (or JSON) file at ``path``; raises :class:`DataFileError` listing what
    makes it unreadable (syntax errors and repeated keys, by line)."""
    document, problems = parse_yaml(read_text(path))
    if problems:
        raise DataFileError(problems)
    return document


def dump_section(name, data, comment=""):
    """One top-level section as YAML text, after its comment (one ``# `` line per line of ``comment``)."""
    comment = "".join(f"# {line}\n" for line in comment.splitlines())
    body = yaml.dump(
        {name: data}, Dumper=Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=110
    )
    return comment + body
