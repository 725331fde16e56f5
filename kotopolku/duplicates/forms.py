from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count, F, Q, Value
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.permissions import service_point_ids
from kotopolku.organisations.models import Network, ServicePoint


def sweep_scopes(user: Any) -> list[tuple[str, str]]:
    """The registries ``user`` may sweep: each service point where they hold the role, and each
    network all of whose members are such points (one query)."""
    points = service_point_ids(user, "duplicates.sweep")
    if not points:
        return []
    own = ServicePoint.objects.filter(pk__in=points).order_by().values_list(Value("point"), "uuid", "name")
    networks = (
        Network.objects.annotate(
            members=Count("service_points", distinct=True),
            mine=Count("service_points", filter=Q(service_points__in=points), distinct=True),
        )
        .filter(mine__gt=0, members=F("mine"))
        .order_by()
        .values_list(Value("network"), "uuid", "name")
    )
    rows = sorted(own.union(networks), key=lambda row: (row[0] != "point", row[2]))
    return [
        (f"{kind}:{uuid}", str(name) if kind == "point" else str(_("Network: %(name)s") % {"name": name}))
        for kind, uuid, name in rows
    ]


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
