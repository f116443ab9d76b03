"""The self-assessment's data file (``pathways/data/assessment.yaml``, documented in ``docs/self-assessment.md``):
its questions, level rules and interests, validated through the data-file engine (``core.datafile``) and loaded
once, when this module is imported. ``pathways.assessment`` asks the questions and reasons from the answers."""

import re
import string
from dataclasses import dataclass
from pathlib import Path

from core.datafile.checker import Checker
from core.datafile.problems import DataFileError, at, describe
from core.datafile.yamlio import read_document

DATA_PATH = Path(__file__).resolve().parent / "data" / "assessment.yaml"

# Languages every question, option and sentence must be written in; others fall back to English.
REQUIRED_LANGUAGES = ("en", "es")
_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_LEVEL_PLACEHOLDERS = {"level"}
_INTEREST_PLACEHOLDERS = set()
_ROLE_PLACEHOLDERS = {"role", "entry", "target", "level"}
ROLE_REASON_KINDS = ("fits", "grow")


class AssessmentDataError(DataFileError):
    """The data file is unreadable or inconsistent; the message lists every problem found, located."""

    def __init__(self, path, problems, *, unreadable=False):
        super().__init__(problems)
        self.path = path
        count = len(self.problems)
        what = (
            "cannot be read"
            if unreadable
            else f"{count} problem{'s' if count != 1 else ''} in the self-assessment data"
        )
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        self.args = (f"{path}: {what}:\n{lines}",)

    def __str__(self):
        return self.args[0]


@dataclass(frozen=True)
class Option:
    """One answer to a question: the value sent in the link and its label in each language."""

    value: str
    label: dict


@dataclass(frozen=True)
class Question:
    """A question, its label in each language and its answers in order."""

    key: str
    label: dict
    options: tuple

    @property
    def values(self):
        """The option values, in order."""
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class LevelRule:
    """``level`` applies when every question in ``when`` has one of the listed answers."""

    level: str
    when: dict
    reason: dict

    def matches(self, answers):
        """True when all the rule's conditions hold for ``answers``."""
        return all(answers.get(key) in values for key, values in self.when.items())


@dataclass(frozen=True)
class Interest:
    """What a "what next" answer suggests: role slugs in order of preference, and the sentence saying why."""

    roles: tuple
    reason: dict


@dataclass(frozen=True)
class Assessment:
    """The validated content of the data file."""

    levels: tuple
    questions: tuple
    level_rules: tuple
    interest_question: str
    interests: dict
    max_roles: int
    role_reasons: dict

    def rank(self, level_slug):
        """Position of a level, lowest first; None for a level the file does not know."""
        return self.levels.index(level_slug) if level_slug in self.levels else None

    def level_rule(self, answers):
        """The first rule that holds (the last rule has no conditions, so one always does)."""
        return next(rule for rule in self.level_rules if rule.matches(answers))


# --- Loading and validating the data file -----------------------------------------------------------------
# Checked with the data-file engine's Checker, so that every problem reads like those of the other data files:
# ``questions[2].options[0].label.es: expected text, got a number (3)``.

TOP_LEVEL_KEYS = (
    "version",
    "levels",
    "questions",
    "level_rules",
    "interest_question",
    "max_roles",
    "interests",
    "role_reasons",
)


def _text(checker, value, path, placeholders):
    """A ``{lang: text}`` mapping with the required languages, using only the allowed placeholders."""
    texts = checker.translated(value, path, required=True, required_languages=REQUIRED_LANGUAGES[1:])
    for lang, text in (texts or {}).items():
        try:
            names = {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
        except ValueError as error:
            checker.error(at(path, lang), f"malformed placeholder ({error})")
            continue
        unknown = names - placeholders
        if unknown:
            allowed = ", ".join(sorted(f"{{{name}}}" for name in placeholders)) or "none"
            checker.error(at(path, lang), f"unknown placeholder(s) {sorted(unknown)} (allowed: {allowed})")
    return texts or {}


def _key(checker, value, path):
    """A lowercase key (a question's key, an answer's value, a slug); None when it is not one."""
    if checker.text(value, path, required=True, max_length=40) is None:
        return None
    if not _KEY.match(value):
        checker.error(path, f"{value!r} is not a valid key (lowercase letters, digits, '-' or '_')")
        return None
    return value


def _keys(checker, value, path, label):
    """A non-empty list of keys, each once."""
    if not isinstance(value, list) or not value:
        checker.error(path, f"expected a non-empty list of {label}s, got {describe(value)}")
        return ()
    keys, seen = [], {}
    for index, item in enumerate(value):
        item_path = at(path, index)
        key = _key(checker, item, item_path)
        if key is not None and key in seen:
            checker.error(item_path, f"{label} {key!r} is already listed at {seen[key]}")
        elif key is not None:
            seen[key] = item_path
        keys.append(item)
    return tuple(keys)


def _entries(checker, value, path):
    """The mappings of a non-empty list, as ``(index, path, mapping)``."""
    if isinstance(value, list) and not value:
        checker.error(path, "expected a non-empty list")
        return []
    return checker.entries(value, path) or []


def _parse_questions(checker, data):
    questions, seen = [], {}
    for _index, path, raw in _entries(checker, data.get("questions"), "questions"):
        key = _key(checker, raw.get("key"), at(path, "key"))
        if key is not None and key in seen:
            checker.error(at(path, "key"), f"key {key!r} is already used by {seen[key]}")
        elif key is not None:
            seen[key] = path
        label = _text(checker, raw.get("label"), at(path, "label"), set())
        options, values = [], {}
        options_path = at(path, "options")
        raw_options = _entries(checker, raw.get("options"), options_path)
        if len(raw_options) == 1:
            checker.error(options_path, "a question needs at least two answers")
        for _option_index, option_path, option in raw_options:
            value = _key(checker, option.get("value"), at(option_path, "value"))
            if value is not None and value in values:
                checker.error(at(option_path, "value"), f"{value!r} is already used by {values[value]}")
            elif value is not None:
                values[value] = option_path
            options.append(Option(value, _text(checker, option.get("label"), at(option_path, "label"), set())))
        questions.append(Question(key, label, tuple(options)))
    return tuple(questions)


def _parse_rules(checker, data, levels, questions):
    by_key = {question.key: question for question in questions}
    rules = []
    raw_rules = data.get("level_rules")
    for _index, path, raw in _entries(checker, raw_rules, "level_rules"):
        level = raw.get("level")
        if level not in levels:
            checker.error(at(path, "level"), f"{level!r} is not one of the levels {list(levels)}")
        when_path = at(path, "when")
        when = raw.get("when", {})
        if checker.mapping(when, when_path) is None:
            when = {}
        conditions = {}
        for key, values in when.items():
            if key not in by_key:
                checker.error(when_path, f"{key!r} is not a question")
                continue
            if not isinstance(values, list) or not values:
                checker.error(at(when_path, key), f"expected a non-empty list of answers, got {describe(values)}")
                continue
            for value_index, value in enumerate(values):
                if value not in by_key[key].values:
                    checker.error(at(at(when_path, key), value_index), f"{value!r} is not an answer of that question")
            conditions[key] = frozenset(values)
        reason = _text(checker, raw.get("reason"), at(path, "reason"), _LEVEL_PLACEHOLDERS)
        rules.append(LevelRule(level, conditions, reason))
    if isinstance(raw_rules, list) and raw_rules and (not isinstance(raw_rules[-1], dict) or raw_rules[-1].get("when")):
        checker.error("level_rules", "the last rule must have no conditions (`when: {}`), so every answer gets a level")
    return tuple(rules)


def _parse_interests(checker, data, questions):
    key = data.get("interest_question")
    question = next((question for question in questions if question.key == key), None)
    if question is None:
        checker.error("interest_question", f"{key!r} is not a question")
    raw = data.get("interests")
    if checker.mapping(raw, "interests") is None:
        raw = {}
    interests = {}
    for value, entry in raw.items():
        path = at("interests", value)
        if question is not None and value not in question.values:
            checker.error(path, f"{value!r} is not an answer of the question {key!r}")
        if checker.mapping(entry, path) is None:
            continue
        roles = _keys(checker, entry.get("roles"), at(path, "roles"), "role")
        reason = _text(checker, entry.get("reason"), at(path, "reason"), _INTEREST_PLACEHOLDERS)
        interests[value] = Interest(roles, reason)
    if question is not None:
        for value in question.values:
            if value not in raw:
                checker.error("interests", f"the answer {value!r} of {key!r} suggests no roles")
    return key, interests


def validate(data):
    """Check a parsed data file; returns ``(assessment, problems)``, the assessment None when there are any."""
    checker = Checker()
    if not isinstance(data, dict):
        checker.error("", f"the file must be a mapping with {', '.join(TOP_LEVEL_KEYS)}; got {describe(data)}")
        return None, checker.problems
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            checker.error(str(key), "unknown key")
    if data.get("version") != 1:
        checker.error("version", f"expected 1, got {data.get('version')!r}")
    levels = _keys(checker, data.get("levels"), "levels", "level")
    questions = _parse_questions(checker, data)
    rules = _parse_rules(checker, data, levels, questions)
    interest_question, interests = _parse_interests(checker, data, questions)
    max_roles = checker.integer(data.get("max_roles"), "max_roles", minimum=1, maximum=9)
    raw_reasons = data.get("role_reasons")
    if checker.mapping(raw_reasons, "role_reasons") is None:
        raw_reasons = {}
    role_reasons = {
        kind: _text(checker, raw_reasons.get(kind), at("role_reasons", kind), _ROLE_PLACEHOLDERS)
        for kind in ROLE_REASON_KINDS
    }
    if checker.problems:
        return None, checker.problems
    return Assessment(levels, questions, rules, interest_question, interests, max_roles, role_reasons), []


def load_assessment(path=DATA_PATH):
    """Read and validate the data file; raise :class:`AssessmentDataError` listing every problem."""
    try:
        data = read_document(path)
    except DataFileError as error:
        raise AssessmentDataError(path, error.problems, unreadable=True) from None
    assessment, problems = validate(data)
    if problems:
        raise AssessmentDataError(path, problems)
    return assessment


# Loaded once, at import (URL loading imports this module): a broken file stops start-up, not a visitor.
ASSESSMENT = load_assessment()
