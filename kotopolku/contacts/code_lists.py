"""The contact topics code list, kept by administrators in the product itself."""

from __future__ import annotations

from typing import Any

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
def topic_save(*, topic: Topic, by: Any) -> Topic:
    created = topic.pk is None
    topic.full_clean()
    topic.save()
    audit_record(
        actor=by,
        action="contacts.topic_created" if created else "contacts.topic_changed",
        target=topic,
        details={"code": topic.code},
    )
    return topic


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
    if request.method == "POST" and form.is_valid():
        topic_save(topic=form.save(commit=False), by=request.user)
        messages.success(request, _("The topic was saved."))
        return redirect("contacts:topic_list")
    return render(
        request,
        "contacts/topic_form.html",
        {"form": form, "topic": topic},
        status=400 if request.method == "POST" else 200,
    )
