"""Staff pages of service paths: list, a path for a chosen municipality, edit steps."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.permissions import can, require
from kotopolku.catalogue.enums import EDIT_LANGUAGES, StepChange
from kotopolku.catalogue.forms import LANGUAGE_NAMES, CleanTextMixin
from kotopolku.catalogue.models import Service, ServicePath, ServicePathStep, ServicePathVariant
from kotopolku.catalogue.selectors import path_list, path_with_steps, resolve_steps
from kotopolku.catalogue.services import path_step_remove, path_step_save
from kotopolku.catalogue.templatetags.catalogue_tags import current_language, pick_translation, tr
from kotopolku.core.components import confirmation_page
from kotopolku.organisations.models import Municipality


class StepForm(CleanTextMixin, forms.Form):
    """Add a step to the common path, or a local change for a municipality."""

    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Only in municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=gettext_lazy("Common to all municipalities"),
    )
    change = forms.ChoiceField(
        label=gettext_lazy("Change"), choices=StepChange.choices, initial=StepChange.ADD
    )
    replaces = forms.ModelChoiceField(
        label=gettext_lazy("Common step replaced or removed"),
        queryset=ServicePathStep.objects.none(),
        required=False,
    )
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"), queryset=Service.objects.none(), required=False
    )
    position = forms.IntegerField(
        label=gettext_lazy("Position"), min_value=0, max_value=10000, required=False
    )
    note_fi = forms.CharField(
        label=gettext_lazy("Note in Finnish"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note_sv = forms.CharField(
        label=gettext_lazy("Note in Swedish"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note_en = forms.CharField(
        label=gettext_lazy("Note in English"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, path: ServicePath, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        language = current_language()
        common = (
            ServicePathStep.objects.filter(path=path, variant__isnull=True)
            .select_related("service")
            .prefetch_related("service__translations")
        )
        self.fields["replaces"].queryset = common  # type: ignore[attr-defined]
        self.fields["replaces"].label_from_instance = (  # type: ignore[attr-defined]
            lambda step: f"{step.position}. {getattr(pick_translation(step.service, language), 'name', '')}"
        )
        self.fields["service"].queryset = Service.objects.active().prefetch_related("translations")  # type: ignore[attr-defined]
        self.fields["service"].label_from_instance = (  # type: ignore[attr-defined]
            lambda service: getattr(pick_translation(service, language), "name", str(service.uuid))
        )
        self.fields["municipality"].label_from_instance = lambda m: m.name_in(language)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        municipality, change = cleaned.get("municipality"), cleaned.get("change")
        if municipality is None and change != StepChange.ADD:
            self.add_error("change", _("The common path can only get new steps; remove them from the list."))
        if change in (StepChange.REPLACE, StepChange.REMOVE) and cleaned.get("replaces") is None:
            self.add_error("replaces", _("Choose the common step this changes."))
        if change != StepChange.REMOVE and cleaned.get("service") is None:
            self.add_error("service", _("Choose the service of the step."))
        return cleaned


def step_removal_question(step: ServicePathStep) -> str:
    service = tr(step.service, "name") if step.service else ""
    if step.variant_id:
        return _("Remove this local change from the path?")
    return _("Remove the step “%(service)s” from the path?") % {"service": service}


@login_required
def path_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "catalogue.view")
    return render(request, "catalogue/path_list.html", {"paths": path_list()})


def _municipality_from(request: HttpRequest) -> Municipality | None:
    code = request.GET.get("municipality", "")
    if not code:
        return None
    if not (code.isdigit() and len(code) == 3):
        raise Http404
    return get_object_or_404(Municipality, code=code)


@login_required
def path_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require(request.user, "catalogue.view")
    try:
        path = path_with_steps(uuid=uuid)
    except ServicePath.DoesNotExist:
        raise Http404 from None
    municipality = _municipality_from(request)
    may_manage = can(request.user, "catalogue.manage", path)
    variants = list(path.variants.all())
    return render(
        request,
        "catalogue/path_detail.html",
        {
            "path": path,
            "municipality": municipality,
            "variant_municipalities": [v.municipality for v in variants],
            "variant": next(
                (v for v in variants if municipality and v.municipality_id == municipality.pk), None
            ),
            "steps": resolve_steps(path, municipality),
            "local_steps": [s for s in path.steps.all() if s.variant_id is not None],
            "may_manage": may_manage,
            "step_form": StepForm(path=path) if may_manage else None,
            "language": current_language(),
        },
    )


@login_required
@require_POST
def path_step_create(request: HttpRequest, uuid: UUID) -> HttpResponse:
    path = get_object_or_404(ServicePath, uuid=uuid)
    require(request.user, "catalogue.manage", path)
    form = StepForm(request.POST, path=path)
    if form.is_valid():
        data = form.cleaned_data
        variant = None
        if data["municipality"] is not None:
            variant, _created = ServicePathVariant.objects.get_or_create(
                path=path, municipality=data["municipality"]
            )
        change = data["change"] if variant is not None else ""
        replaces = data["replaces"] if change in (StepChange.REPLACE, StepChange.REMOVE) else None
        position = data.get("position")
        if position is None:
            position = (
                replaces.position
                if replaces is not None
                else (max((s.position for s in path.steps.all()), default=0) + 10)
            )
        step = ServicePathStep(
            path=path,
            variant=variant,
            change=change,
            replaces=replaces,
            position=position,
            service=data["service"] if change != StepChange.REMOVE else None,
        )
        path_step_save(
            step=step, notes={code: data.get(f"note_{code}", "") for code in EDIT_LANGUAGES}, by=request.user
        )
        messages.success(request, _("The step was saved."))
        target = f"?municipality={data['municipality'].code}" if data["municipality"] is not None else ""
        return redirect(f"{path.get_absolute_url()}{target}")
    return render(
        request,
        "catalogue/path_step_form.html",
        {"form": form, "path": path, "language_names": LANGUAGE_NAMES},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def path_step_delete(request: HttpRequest, uuid: UUID, step_uuid: UUID) -> HttpResponse:
    """Remove a step, after asking: a confirmation page (or the page's dialog) posts ``confirmed``."""
    path = get_object_or_404(ServicePath, uuid=uuid)
    step = get_object_or_404(ServicePathStep, uuid=step_uuid, path=path)
    require(request.user, "catalogue.manage", path)
    if request.POST.get("confirmed") != "1":
        return confirmation_page(
            request,
            question=step_removal_question(step),
            detail=_("Local changes that refer to the step are removed with it."),
            action_url=request.path,
            cancel_url=path.get_absolute_url(),
            confirm_label=_("Remove the step"),
        )
    path_step_remove(step=step, by=request.user)
    messages.success(request, _("The step was removed."))
    return redirect(path.get_absolute_url())
