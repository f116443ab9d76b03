"""The "Where do I start?" self-assessment: a short questionnaire whose answers suggest an engagement level and
a few roles, with the reasoning shown. The questions and the mapping are data (``pathways/data/assessment.yaml``,
documented in ``docs/self-assessment.md``), validated when this module is imported."""

import re
import string
from dataclasses import dataclass
from pathlib import Path

import yaml
from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.i18n import current_language, default_language, field_text
from framework.models import EngagementLevel

from .models import Role

DATA_PATH = Path(__file__).resolve().parent / "data" / "assessment.yaml"

# Languages every question, option and sentence must be written in; others fall back to English.
REQUIRED_LANGUAGES = ("en", "es")
_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_LEVEL_PLACEHOLDERS = {"level"}
_INTEREST_PLACEHOLDERS = set()
_ROLE_PLACEHOLDERS = {"role", "entry", "target", "level"}
ROLE_REASON_KINDS = ("fits", "grow")


class AssessmentDataError(Exception):
    """The data file is unreadable or inconsistent; the message lists every problem found."""

    def __init__(self, path, problems):
        self.path = path
        self.problems = list(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s) in the self-assessment data:\n{lines}")


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


def _check_text(problems, where, mapping, placeholders):
    """A ``{lang: text}`` mapping with the required languages, using only the allowed placeholders."""
    if not isinstance(mapping, dict):
        problems.append(f"{where}: expected a mapping of language codes to text, got {type(mapping).__name__}")
        return {}
    for lang in REQUIRED_LANGUAGES:
        if not isinstance(mapping.get(lang), str) or not mapping[lang].strip():
            problems.append(f"{where}: missing the {lang!r} text")
    known = {code for code, _name in settings.LANGUAGES}
    for lang, text in mapping.items():
        if lang not in known:
            problems.append(f"{where}: unknown language {lang!r}")
            continue
        if not isinstance(text, str):
            problems.append(f"{where}.{lang}: expected text, got {type(text).__name__}")
            continue
        try:
            names = {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
        except ValueError as error:
            problems.append(f"{where}.{lang}: malformed placeholder ({error})")
            continue
        unknown = names - placeholders
        if unknown:
            allowed = ", ".join(sorted(f"{{{name}}}" for name in placeholders)) or "none"
            problems.append(f"{where}.{lang}: unknown placeholder(s) {sorted(unknown)} (allowed: {allowed})")
    return {lang: text for lang, text in mapping.items() if isinstance(text, str)}


def _check_key(problems, where, value):
    if not isinstance(value, str) or not _KEY.match(value):
        problems.append(f"{where}: {value!r} is not a valid key (lowercase letters, digits, '-' or '_')")
        return False
    return True


def _list(problems, where, value):
    if not isinstance(value, list) or not value:
        problems.append(f"{where}: expected a non-empty list")
        return []
    return value


def _parse_levels(problems, data):
    levels = _list(problems, "levels", data.get("levels"))
    for index, slug in enumerate(levels):
        _check_key(problems, f"levels[{index}]", slug)
    if len(set(map(str, levels))) != len(levels):
        problems.append("levels: a level is listed twice")
    return tuple(levels)


def _parse_questions(problems, data):
    questions = []
    seen = set()
    for index, raw in enumerate(_list(problems, "questions", data.get("questions"))):
        where = f"questions[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        key = raw.get("key")
        if _check_key(problems, f"{where}.key", key):
            where = f"question {key!r}"
            if key in seen:
                problems.append(f"{where}: the key is used twice")
            seen.add(key)
        label = _check_text(problems, f"{where}.label", raw.get("label"), set())
        options = []
        values = set()
        raw_options = _list(problems, f"{where}.options", raw.get("options"))
        if len(raw_options) == 1:
            problems.append(f"{where}.options: a question needs at least two answers")
        for option_index, option in enumerate(raw_options):
            option_where = f"{where}.options[{option_index}]"
            if not isinstance(option, dict):
                problems.append(f"{option_where}: expected a mapping")
                continue
            value = option.get("value")
            if _check_key(problems, f"{option_where}.value", value):
                if value in values:
                    problems.append(f"{option_where}: the value {value!r} is used twice")
                values.add(value)
            option_label = _check_text(problems, f"{option_where}.label", option.get("label"), set())
            options.append(Option(value, option_label))
        questions.append(Question(key, label, tuple(options)))
    return tuple(questions)


def _parse_rules(problems, data, levels, questions):
    by_key = {question.key: question for question in questions}
    rules = []
    raw_rules = _list(problems, "level_rules", data.get("level_rules"))
    for index, raw in enumerate(raw_rules):
        where = f"level_rules[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        level = raw.get("level")
        if level not in levels:
            problems.append(f"{where}.level: {level!r} is not one of the levels {list(levels)}")
        when = raw.get("when", {})
        conditions = {}
        if not isinstance(when, dict):
            problems.append(f"{where}.when: expected a mapping of question keys to lists of answers")
            when = {}
        for key, values in when.items():
            if key not in by_key:
                problems.append(f"{where}.when: {key!r} is not a question")
                continue
            if not isinstance(values, list) or not values:
                problems.append(f"{where}.when.{key}: expected a non-empty list of answers")
                continue
            for value in values:
                if value not in by_key[key].values:
                    problems.append(f"{where}.when.{key}: {value!r} is not an answer of that question")
            conditions[key] = frozenset(values)
        reason = _check_text(problems, f"{where}.reason", raw.get("reason"), _LEVEL_PLACEHOLDERS)
        rules.append(LevelRule(level, conditions, reason))
    if raw_rules and (not isinstance(raw_rules[-1], dict) or raw_rules[-1].get("when")):
        problems.append("level_rules: the last rule must have no conditions (`when: {}`), so every answer gets a level")
    return tuple(rules)


def _parse_interests(problems, data, questions):
    key = data.get("interest_question")
    question = next((question for question in questions if question.key == key), None)
    if question is None:
        problems.append(f"interest_question: {key!r} is not a question")
    raw = data.get("interests")
    if not isinstance(raw, dict):
        problems.append("interests: expected a mapping of the interest question's answers to roles")
        raw = {}
    interests = {}
    for value, entry in raw.items():
        where = f"interests.{value}"
        if question is not None and value not in question.values:
            problems.append(f"{where}: {value!r} is not an answer of the question {key!r}")
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping with `roles` and `reason`")
            continue
        roles = _list(problems, f"{where}.roles", entry.get("roles"))
        for index, slug in enumerate(roles):
            _check_key(problems, f"{where}.roles[{index}]", slug)
        if len(set(map(str, roles))) != len(roles):
            problems.append(f"{where}.roles: a role is listed twice")
        reason = _check_text(problems, f"{where}.reason", entry.get("reason"), _INTEREST_PLACEHOLDERS)
        interests[value] = Interest(tuple(roles), reason)
    if question is not None:
        for value in question.values:
            if value not in raw:
                problems.append(f"interests: the answer {value!r} of {key!r} suggests no roles")
    return key, interests


def _parse(data):
    problems = []
    if not isinstance(data, dict):
        return None, ["the file must be a mapping with levels, questions, level_rules, interests…"]
    if data.get("version") != 1:
        problems.append(f"version: expected 1, got {data.get('version')!r}")
    levels = _parse_levels(problems, data)
    questions = _parse_questions(problems, data)
    rules = _parse_rules(problems, data, levels, questions)
    interest_question, interests = _parse_interests(problems, data, questions)
    max_roles = data.get("max_roles")
    if not isinstance(max_roles, int) or isinstance(max_roles, bool) or not 1 <= max_roles <= 9:
        problems.append(f"max_roles: expected a whole number from 1 to 9, got {max_roles!r}")
    raw_reasons = data.get("role_reasons")
    if not isinstance(raw_reasons, dict):
        problems.append("role_reasons: expected a mapping with `fits` and `grow`")
        raw_reasons = {}
    role_reasons = {
        kind: _check_text(problems, f"role_reasons.{kind}", raw_reasons.get(kind), _ROLE_PLACEHOLDERS)
        for kind in ROLE_REASON_KINDS
    }
    if problems:
        return None, problems
    assessment = Assessment(levels, questions, rules, interest_question, interests, max_roles, role_reasons)
    return assessment, []


def load_assessment(path=DATA_PATH):
    """Read and validate the data file; raise :class:`AssessmentDataError` listing every problem."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise AssessmentDataError(path, [f"cannot be read: {error}"]) from error
    assessment, problems = _parse(data)
    if problems:
        raise AssessmentDataError(path, problems)
    return assessment


# Loaded once, at import (URL loading imports this module): a broken file stops start-up, not a visitor.
ASSESSMENT = load_assessment()


# --- The form ------------------------------------------------------------------------------------------------


class AssessmentForm(forms.Form):
    """One required choice per question. Anything else in the link (an unknown or repeated value) is an error
    next to its question, never a crash."""

    def __init__(self, data=None, *, assessment=ASSESSMENT):
        super().__init__(data)
        self.assessment = assessment
        for question in assessment.questions:
            # The message never repeats the value sent: it may be anything, of any length.
            self.fields[question.key] = forms.ChoiceField(
                choices=[(value, value) for value in question.values],
                error_messages={
                    "required": _("Please choose an answer."),
                    "invalid_choice": _("Please choose one of the answers listed."),
                },
            )

    def clean(self):
        """Reject a question answered twice in the link (``?edited=few&edited=never``)."""
        cleaned = super().clean()
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None:
            for name in self.fields:
                if len(getlist(name)) > 1 and name not in self.errors:
                    self.add_error(name, _("Please choose only one answer."))
        return cleaned


def is_submitted(query):
    """True when the link carries at least one answer (a bare visit shows the empty form, without errors)."""
    return any(question.key in query for question in ASSESSMENT.questions)


# --- From answers to a suggestion ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """A sentence of reasoning and the language it is written in (English when not yet translated)."""

    text: str
    lang: str

    @property
    def is_fallback(self):
        """True when the reader's language had no version of the sentence."""
        return self.lang != current_language()

    def __str__(self):
        return self.text


def _sentence(mapping, **values):
    lang = current_language()
    if not mapping.get(lang):
        lang = default_language()
    return Sentence(mapping[lang].format(**values), lang)


@dataclass(frozen=True)
class Suggestion:
    """A suggested role, whether it fits the level now (else it is one to grow into), and why."""

    role: Role
    fits: bool
    reason: Sentence


@dataclass(frozen=True)
class Result:
    """The suggested level (None when the framework is not loaded) and roles, with the reasoning."""

    level_slug: str
    level: EngagementLevel | None
    level_reason: Sentence
    interest_reason: Sentence
    suggestions: tuple


def _level_name(level, slug):
    return field_text(level, "name").value if level is not None else slug


def suggest(answers, assessment=ASSESSMENT):
    """Map valid answers to a level and up to ``max_roles`` roles: roles from the interest's list that fit the
    level (entry ≤ level ≤ target) first, then ones that start above it. Two queries."""
    rule = assessment.level_rule(answers)
    level = EngagementLevel.objects.filter(slug=rule.level).first()
    level_name = _level_name(level, rule.level)
    level_rank = assessment.rank(rule.level)

    interest = assessment.interests[answers[assessment.interest_question]]
    found = {
        role.slug: role
        for role in Role.objects.filter(slug__in=interest.roles).select_related("entry_level", "target_level")
    }
    fitting, growing = [], []
    for slug in interest.roles:
        role = found.get(slug)
        if role is None:
            continue  # not in the database (yet): simply not suggested
        entry, target = assessment.rank(role.entry_level.slug), assessment.rank(role.target_level.slug)
        if entry is None or target is None:
            continue
        if entry <= level_rank <= target:
            fitting.append(role)
        elif entry > level_rank:
            growing.append(role)

    suggestions = []
    for role in [*fitting, *growing][: assessment.max_roles]:
        fits = role in fitting
        reason = _sentence(
            assessment.role_reasons["fits" if fits else "grow"],
            role=field_text(role, "name").value,
            entry=_level_name(role.entry_level, role.entry_level.slug),
            target=_level_name(role.target_level, role.target_level.slug),
            level=level_name,
        )
        suggestions.append(Suggestion(role, fits, reason))
    return Result(
        level_slug=rule.level,
        level=level,
        level_reason=_sentence(rule.reason, level=level_name),
        interest_reason=_sentence(interest.reason),
        suggestions=tuple(suggestions),
    )


# --- The page -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionView:
    """An answer as the template draws it."""

    value: str
    label: dict
    id: str
    checked: bool


@dataclass(frozen=True)
class QuestionView:
    """A question as the template draws it: a fieldset of radios, with its errors."""

    key: str
    label: dict
    options: tuple
    errors: list

    @property
    def first_id(self):
        """The id the error summary links to (the first radio of the group)."""
        return self.options[0].id


def _question_views(form, bound):
    views = []
    for question in form.assessment.questions:
        # Only a known value is shown as chosen; anything else in the link is left out of the page.
        chosen = form.data.get(question.key) if bound else None
        options = tuple(
            OptionView(option.value, option.label, f"q-{question.key}-{index}", option.value == chosen)
            for index, option in enumerate(question.options)
        )
        errors = list(form.errors.get(question.key, [])) if bound else []
        views.append(QuestionView(question.key, question.label, options, errors))
    return views


@require_safe
def start(request):
    """The questionnaire, and under it (once answered) the suggested level and roles with the reasoning.
    A GET form: the answer is a link to share or bookmark, and nothing is stored."""
    bound = is_submitted(request.GET)
    form = AssessmentForm(request.GET if bound else None)
    result = suggest(form.cleaned_data) if bound and form.is_valid() else None
    # No page-wide translation percentage: the questions come from the data file, not from models, and
    # each English fallback (a question, a role's name) is marked where it appears.
    context = {"form": form, "questions": _question_views(form, bound), "result": result}
    return render(request, "pathways/start.html", context)
