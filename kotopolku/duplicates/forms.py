from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.permissions import service_point_ids
from kotopolku.organisations.models import Network, ServicePoint


def sweep_scopes(user: Any) -> list[tuple[str, str]]:
    """The registries ``user`` may sweep: each service point where they hold the role, and each
    network all of whose members are such points."""
    points = service_point_ids(user, "duplicates.sweep")
    choices = [
        (f"point:{point.uuid}", str(point.name))
        for point in ServicePoint.objects.filter(pk__in=points).order_by("name")
    ]
    for network in Network.objects.prefetch_related("service_points").order_by("name"):
        members = {member.pk for member in network.service_points.all()}
        if members and members <= points:
            choices.append((f"network:{network.uuid}", str(_("Network: %(name)s") % {"name": network.name})))
    return choices


class SweepForm(forms.Form):
    scope = forms.ChoiceField(label=_("Registry to sweep"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = sweep_scopes(user)

    def target(self) -> dict[str, Any]:
        kind, _sep, uuid = self.cleaned_data["scope"].partition(":")
        if kind == "network":
            return {"network": Network.objects.get(uuid=uuid)}
        return {"service_point": ServicePoint.objects.get(uuid=uuid)}
