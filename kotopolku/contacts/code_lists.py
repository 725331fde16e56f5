"""The contact topics code list, kept by administrators in the product itself."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, require, roles
from kotopolku.audit.services import audit_record
from kotopolku.contacts.models import Topic
from kotopolku.core.versioning import (
    StaleVersion,
    edit_conflict,
    form_conflict_rows,
    form_overrides,
    form_snapshot,
    snapshot_read,
    snapshot_sign,
    version_from_form,
    versioned_update,
)

register(Action("contacts.manage_topics", roles(Role.ADMINISTRATOR), purpose="code list upkeep"))


class TopicForm(forms.ModelForm[Topic]):
    class Meta:
        model = Topic
        fields = ["code", "name_fi", "name_sv", "name_en", "order", "active"]
        help_texts = {
            "code": gettext_lazy(
                "Letters, digits and hyphens; reports and the API use it, so keep it once set."
            ),
            "active": gettext_lazy(
                "An inactive topic is no longer offered at the desk; old contacts keep it."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
        for name in ("name_fi", "name_sv", "name_en"):
            self.fields[name].required = True


@transaction.atomic
def topic_save(*, topic: Topic, by: Any, expected_version: int | None = None) -> Topic:
    """Create a topic, or change one under a row lock, writing only the fields that differ;
    a stale ``expected_version`` raises ``StaleVersion`` and nothing is written."""
    topic.full_clean()
    if topic.pk is None:
        topic.save()
        audit_record(actor=by, action="contacts.topic_created", target=topic, details={"code": topic.code})
        return topic
    changes = {name: getattr(topic, name) for name in TopicForm.Meta.fields if name != "code"}
    locked, changed = versioned_update(topic, changes=changes, expected_version=expected_version)
    if changed:
        audit_record(
            actor=by,
            action="contacts.topic_changed",
            target=locked,
            details={"code": locked.code, "fields": changed, "version": locked.version},
        )
    return locked


@login_required
def topic_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "contacts.manage_topics")
    return render(
        request, "contacts/topic_list.html", {"topics": list(Topic.objects.order_by("order", "code"))}
    )


@login_required
def topic_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "contacts.manage_topics")
    topic = get_object_or_404(Topic, pk=pk) if pk else Topic()
    form = TopicForm(request.POST or None, instance=topic)
    version: Any = topic.version
    snapshot = snapshot_sign(form_snapshot(TopicForm(instance=topic))) if topic.pk else ""
    conflict_rows: list[Any] = []
    status = 200
    if request.method == "POST":
        # Shown again after a mistake, the form keeps the version and values it was filled with.
        version, snapshot, status = request.POST.get("version", ""), request.POST.get("snapshot", ""), 400
    if request.method == "POST" and form.is_valid():
        try:
            topic_save(
                topic=form.save(commit=False),
                by=request.user,
                expected_version=version_from_form(version) if topic.pk else None,
            )
        except StaleVersion as stale:
            current = cast(Topic, stale.current)
            stored = form_snapshot(TopicForm(instance=current))
            submitted = form_snapshot(form)
            conflict = edit_conflict(base=snapshot_read(snapshot), current=stored, submitted=submitted)
            conflict_rows = form_conflict_rows([form], conflict, current=stored, submitted=submitted)
            form = TopicForm(instance=current, initial=form_overrides([form], conflict).get("", {}))
            topic, version, snapshot, status = current, current.version, snapshot_sign(stored), 409
        else:
            messages.success(request, _("The topic was saved."))
            return redirect("contacts:topic_list")
    return render(
        request,
        "contacts/topic_form.html",
        {
            "form": form,
            "topic": topic,
            "version": version,
            "snapshot": snapshot,
            "conflict_rows": conflict_rows,
        },
        status=status,
    )
