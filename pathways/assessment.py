"""The "Where do I start?" self-assessment: a short questionnaire whose answers suggest an engagement level and
a few roles, with the reasoning shown. The questions and the mapping are data, read by ``pathways.assessment_file``
when it is imported; this module holds the form, the reasoning and the view."""

from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.i18n import current_language, default_language, field_text
from framework.models import EngagementLevel
from resources.models import ResourcePage

from .assessment_file import ASSESSMENT
from .models import PathwayStep, Role

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
    """The suggested level (None when the framework is not loaded) and roles, with the reasoning: why this level,
    what the interest is, why the roles come in the order shown (and which of the interest's roles were left
    out because the volunteer has grown past them), and a first step and first guide to begin with."""

    level_slug: str
    level: EngagementLevel | None
    level_reason: Sentence
    interest_reason: Sentence
    suggestions: tuple
    order_reason: str = ""
    past_reason: str = ""
    first_step: PathwayStep | None = None
    first_guide: ResourcePage | None = None


def _level_name(level, slug):
    return field_text(level, "name").value if level is not None else slug


def _names(roles):
    """Role names joined for a sentence in the reader's language ("A, B and C")."""
    names = [field_text(role, "name").value for role in roles]
    if len(names) == 1:
        return names[0]
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def order_reason(suggestions, level_name):
    """Why the roles come in the order shown; derived from the suggestions themselves, so it cannot disagree."""
    fits = [suggestion for suggestion in suggestions if suggestion.fits]
    if not suggestions:
        return ""
    if len(fits) == len(suggestions):
        return ngettext(
            "This role fits the %(level)s level.",
            "These roles fit the %(level)s level, most relevant first.",
            len(fits),
        ) % {"level": level_name}
    if not fits:
        return ngettext(
            "No role for this interest fits the %(level)s level, so this is a role to grow into.",
            "No role for this interest fits the %(level)s level, so these are roles to grow into.",
            len(suggestions),
        ) % {"level": level_name}
    return gettext("First the roles that fit the %(level)s level, then roles to grow into.") % {"level": level_name}


def past_reason(past, level_name):
    """Which of the interest's roles are left out because the volunteer has grown past them."""
    if not past:
        return ""
    return ngettext(
        "%(roles)s is not suggested: its pathway ends below the %(level)s level.",
        "%(roles)s are not suggested: their pathways end below the %(level)s level.",
        len(past),
    ) % {"roles": _names(past), "level": level_name}


def first_step_and_guide(role, level):
    """The top role's first step, and one guide to begin with: a live guide of that step, else one for the
    suggested level; a guide in the reader's language first, then by title. Two queries."""
    step = PathwayStep.objects.filter(role=role).select_related("level").order_by("sort_order", "pk").first()
    condition = Q(pk__in=[])
    if step is not None:
        condition |= Q(pathway_steps=step)
    if level is not None:
        condition |= Q(levels=level)
    on_step = PathwayStep.resources.through.objects.filter(
        resourcepage_id=OuterRef("pk"), pathwaystep_id=getattr(step, "pk", None)
    )
    in_language = ResourcePage.languages.through.objects.filter(
        resourcepage_id=OuterRef("pk"), resourcelanguage__code=current_language()
    )
    guide = (
        ResourcePage.objects.live()
        .filter(condition)
        .annotate(on_step=Exists(on_step), in_language=Exists(in_language))
        .order_by("-on_step", "-in_language", "title", "pk")
        .first()
    )
    return step, guide


def suggest(answers, assessment=ASSESSMENT):
    """Map valid answers to a level and up to ``max_roles`` roles: roles from the interest's list that fit the
    level (entry ≤ level ≤ target) first, then ones that start above it; then the top role's first step and a
    first guide. Four queries."""
    rule = assessment.level_rule(answers)
    level = EngagementLevel.objects.filter(slug=rule.level).first()
    level_name = _level_name(level, rule.level)
    level_rank = assessment.rank(rule.level)

    interest = assessment.interests[answers[assessment.interest_question]]
    found = {
        role.slug: role
        for role in Role.objects.filter(slug__in=interest.roles).select_related("entry_level", "target_level")
    }
    fitting, growing, past = [], [], []
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
        else:
            past.append(role)

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
    # Only the roles the volunteer would have seen first are worth naming as left out.
    first_shown = interest.roles.index(suggestions[0].role.slug) if suggestions else len(interest.roles)
    skipped = [role for role in past if interest.roles.index(role.slug) < first_shown]
    first_step, first_guide = first_step_and_guide(suggestions[0].role, level) if suggestions else (None, None)
    return Result(
        level_slug=rule.level,
        level=level,
        level_reason=_sentence(rule.reason, level=level_name),
        interest_reason=_sentence(interest.reason),
        suggestions=tuple(suggestions),
        order_reason=order_reason(suggestions, level_name),
        past_reason=past_reason(skipped, level_name),
        first_step=first_step,
        first_guide=first_guide,
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
