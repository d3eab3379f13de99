"""/evaluations/: a trainee's practical evaluations and an evaluator's queue. Views read through
selectors and write through services; an evaluation that is not the requester's to see is a
404, the same answer as one that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import RatingForm, ScheduleForm
from .models import Evaluation, Instrument, Rating

SEES_VIDEO_LINK = (selectors.TRAINEE, selectors.EVALUATOR, selectors.SECOND_RATER)
SCHEDULES = (selectors.EVALUATOR, selectors.CANDIDATE)


def _evaluation_or_404(request, evaluation_id: int) -> tuple[Evaluation, str]:
    try:
        return selectors.evaluation_for(user=request.user, evaluation_id=evaluation_id)
    except Evaluation.DoesNotExist as error:
        raise Http404 from error


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def home(request):
    user = request.user
    evaluator = selectors.is_evaluator(user)
    return render(
        request,
        "evaluations/home.html",
        {
            "rows": selectors.instruments_for_trainee(trainee=user),
            "evaluator": evaluator,
            "queue": selectors.queue_for(user) if evaluator else None,
        },
    )


@login_required
@require_POST
def request_evaluation(request, instrument_id: int):
    instrument = get_object_or_404(Instrument.objects.filter(live=True), pk=instrument_id)
    try:
        evaluation = services.evaluation_request(trainee=request.user, instrument=instrument)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("evaluations:home")
    messages.success(
        request,
        _("Requested. An evaluator will schedule it; you will see the time and place here."),
    )
    return redirect("evaluations:detail", evaluation_id=evaluation.pk)


def _detail(request, evaluation: Evaluation, role: str, *, schedule_form=None, status=200):
    instrument = evaluation.pinned_instrument()
    result = None
    if evaluation.status == Evaluation.Status.COMPLETED:
        second_rating_pending = role == selectors.SECOND_RATER and not selectors.has_rated(
            evaluation=evaluation, role=Rating.Role.SECOND
        )
        # A second rater scores blind: the first rating stays hidden until theirs is in.
        if not second_rating_pending and role != selectors.SECOND_CANDIDATE:
            result = selectors.primary_rating(evaluation)
    if schedule_form is None and role in SCHEDULES and evaluation.is_open:
        schedule_form = ScheduleForm(
            initial={
                "mode": evaluation.mode or Evaluation.Mode.IN_PERSON,
                "scheduled_for": evaluation.scheduled_for,
                "location": evaluation.location,
                "video_link": evaluation.video_link if role == selectors.EVALUATOR else "",
            }
        )
    may_score = (
        role == selectors.EVALUATOR and evaluation.status == Evaluation.Status.SCHEDULED
    ) or (
        role == selectors.SECOND_RATER
        and not selectors.has_rated(evaluation=evaluation, role=Rating.Role.SECOND)
    )
    return render(
        request,
        "evaluations/detail.html",
        {
            "evaluation": evaluation,
            "instrument": instrument,
            "criteria": list(instrument.criteria.all()),
            "role": role,
            "is_trainee": role == selectors.TRAINEE,
            "is_rater": role != selectors.TRAINEE,
            "shows_video_link": role in SEES_VIDEO_LINK,
            "schedule_form": schedule_form,
            "may_score": may_score,
            "may_take_second": role == selectors.SECOND_CANDIDATE,
            "result": result,
            "eligibility": selectors.trainee_instrument_state(
                trainee=request.user, instrument=evaluation.instrument
            )
            if role == selectors.TRAINEE and evaluation.status == Evaluation.Status.COMPLETED
            else None,
        },
        status=status,
    )


@login_required
def detail(request, evaluation_id: int):
    evaluation, role = _evaluation_or_404(request, evaluation_id)
    return _detail(request, evaluation, role)


@login_required
@require_POST
def withdraw(request, evaluation_id: int):
    evaluation, role = _evaluation_or_404(request, evaluation_id)
    if role != selectors.TRAINEE:
        raise Http404
    try:
        services.evaluation_withdraw(trainee=request.user, evaluation_id=evaluation.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("evaluations:detail", evaluation_id=evaluation.pk)
    messages.success(request, _("Your request is withdrawn."))
    return redirect("evaluations:home")


@login_required
@require_POST
def schedule(request, evaluation_id: int):
    evaluation, role = _evaluation_or_404(request, evaluation_id)
    if role not in SCHEDULES:
        raise Http404
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_schedule(
                evaluator=request.user, evaluation_id=evaluation.pk, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Scheduled. The trainee is told by e-mail."))
            return redirect("evaluations:detail", evaluation_id=evaluation.pk)
    return _detail(request, evaluation, role, schedule_form=form, status=400)


@login_required
@require_POST
def take_second_rating(request, evaluation_id: int):
    evaluation, role = _evaluation_or_404(request, evaluation_id)
    if role not in (selectors.SECOND_CANDIDATE, selectors.SECOND_RATER):
        raise Http404
    try:
        services.second_rating_take(evaluator=request.user, evaluation_id=evaluation.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You give the second rating. Score it independently."))
    return redirect("evaluations:detail", evaluation_id=evaluation.pk)


@login_required
def score(request, evaluation_id: int):
    evaluation, role = _evaluation_or_404(request, evaluation_id)
    if role not in (selectors.EVALUATOR, selectors.SECOND_RATER):
        raise Http404
    instrument = evaluation.pinned_instrument()
    criteria = list(instrument.criteria.all())
    form = RatingForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_submit(
                rater=request.user,
                evaluation_id=evaluation.pk,
                levels=form.levels(),
                notes=form.notes(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            if any(
                message in error.messages
                for message in (_(services.ALREADY_FINAL), _(services.ALREADY_RATED))
            ):
                # Submitted twice (a double click, a second tab): the first one counts.
                messages.error(request, " ".join(error.messages))
                return redirect("evaluations:detail", evaluation_id=evaluation.pk)
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Result final. The trainee is told by e-mail.")
                if role == selectors.EVALUATOR
                else _("Second rating recorded. Thank you."),
            )
            return redirect("evaluations:detail", evaluation_id=evaluation.pk)
    elif request.method != "POST":
        given = Rating.Role.PRIMARY if role == selectors.EVALUATOR else Rating.Role.SECOND
        if selectors.has_rated(evaluation=evaluation, role=given) or (
            role == selectors.EVALUATOR and evaluation.status != Evaluation.Status.SCHEDULED
        ):
            messages.info(
                request,
                _("This evaluation already has its final result.")
                if evaluation.status == Evaluation.Status.COMPLETED
                else _("Schedule the evaluation before scoring it."),
            )
            return redirect("evaluations:detail", evaluation_id=evaluation.pk)
    return render(
        request,
        "evaluations/score.html",
        {
            "evaluation": evaluation,
            "instrument": instrument,
            "form": form,
            "second": role == selectors.SECOND_RATER,
        },
        status=400 if request.method == "POST" else 200,
    )
