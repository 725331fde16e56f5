"""The staff UI's components: Helsinki Design System markup behind one template tag each.

Every app renders buttons, fields, forms, error summaries, notifications, tables, tabs,
pagination, breadcrumbs, status tags, confirmations and page headers through these tags, so the
markup (and its accessibility: labels, hints, errors and their ``aria-describedby``) lives in one
place. ``templates/components/README.md`` shows how to use each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.base import FilterExpression, Parser, Token
from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

BUTTON_VARIANTS = frozenset({"primary", "secondary", "supplementary", "danger", "success", "clear"})
NOTIFICATION_KINDS = frozenset({"info", "success", "alert", "error"})
STATUS_KINDS = frozenset({"neutral", "info", "success", "alert", "error"})


# ---- buttons -------------------------------------------------------------------------------


def button_classes(variant: str = "primary", small: bool = False) -> str:
    if variant not in BUTTON_VARIANTS:
        raise template.TemplateSyntaxError(f"Unknown button variant {variant!r}")
    return f"hds-button hds-button--{variant}" + (" hds-button--small" if small else "")


@register.simple_tag
def button(
    label: str,
    variant: str = "primary",
    type: str = "submit",
    href: str = "",
    name: str = "",
    value: str = "",
    small: bool = False,
    form: str = "",
) -> SafeString:
    """A button, or a link that looks like one when ``href`` is given."""
    classes = button_classes(variant, small)
    if href:
        return format_html('<a class="{}" href="{}"><span>{}</span></a>', classes, href, label)
    extra = format_html_join(
        "", ' {}="{}"', [(k, v) for k, v in (("name", name), ("value", value), ("form", form)) if v]
    )
    return format_html('<button type="{}" class="{}"{}><span>{}</span></button>', type, classes, extra, label)


@register.simple_tag
def button_class(variant: str = "primary", small: bool = False) -> str:
    """The classes of a button, for markup a tag cannot write (a button with an icon or htmx)."""
    return button_classes(variant, small)


# ---- form fields ---------------------------------------------------------------------------


def _widget_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def field_context(field: BoundField, *, hint: str = "", wide: bool = False) -> dict[str, Any]:
    kind = _widget_kind(field)
    help_text = hint or field.help_text
    described = []
    if help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs: dict[str, Any] = {}
    existing = field.field.widget.attrs.get("aria-describedby")
    if described or existing:
        attrs["aria-describedby"] = " ".join(filter(None, [existing, *described]))
    if field.errors:
        attrs["aria-invalid"] = "true"
    if kind in {"input", "textarea", "select", "file"}:
        attrs["class"] = " ".join(
            filter(None, [field.field.widget.attrs.get("class"), "hds-text-input__input"])
        )
    if kind in {"checkboxes", "radios"}:
        # The group's hint and error are read with the legend; each option keeps its own label.
        attrs.pop("aria-describedby", None)
        attrs.pop("aria-invalid", None)
    return {
        "field": field,
        "kind": kind,
        "hint": help_text,
        "wide": wide,
        "described_by": " ".join(described),
        "widget": field.as_widget(attrs=attrs) if kind not in {"checkboxes", "radios", "checkbox"} else None,
        "checkbox_widget": field.as_widget(attrs={**attrs, "class": "hds-checkbox__input"})
        if kind == "checkbox"
        else None,
    }


@register.inclusion_tag("components/field.html")
def field(bound_field: BoundField, hint: str = "", wide: bool = False) -> dict[str, Any]:
    """One form field with its label, hint and errors (text, select, textarea, checkbox(es), radios)."""
    return field_context(bound_field, hint=hint, wide=wide)


@register.simple_tag
def form_fields(form: forms.BaseForm, only: str = "", exclude: str = "") -> SafeString:
    """All of a form's fields in order (or only those named, space-separated), hidden ones too."""
    names: Iterable[str] = only.split() if only else form.fields.keys()
    skipped = set(exclude.split())
    parts = []
    for name in names:
        if name in skipped:
            continue
        bound = form[name]
        if bound.is_hidden:
            parts.append(str(bound))
        else:
            parts.append(render_to_string("components/field.html", field_context(bound)))
    return mark_safe("".join(parts))  # noqa: S308 - each part is rendered and escaped by Django


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms_: forms.BaseForm | None) -> dict[str, Any]:
    """The list of a page's errors at its top, each linking to its field (one or more forms)."""
    general: list[Any] = []
    by_field: list[tuple[str, str, Any]] = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        general.extend(form.non_field_errors())
        for bound in form:
            for error in bound.errors:
                by_field.append((bound.id_for_label or bound.auto_id, str(bound.label), error))
    return {"general": general, "by_field": by_field}


# ---- notifications, status tags -------------------------------------------------------------


@register.inclusion_tag("components/notification.html")
def notification(kind: str, text: str, title: str = "", role: str = "") -> dict[str, Any]:
    """A notification box: info, success, alert or error. Errors and alerts are announced."""
    if kind not in NOTIFICATION_KINDS:
        kind = "info"
    if not title:
        title = {"info": _("Note"), "success": _("Done"), "alert": _("Please note"), "error": _("Error")}[
            kind
        ]
    return {
        "kind": kind,
        "text": text,
        "title": title,
        "role": role or ("alert" if kind == "error" else "status"),
    }


MESSAGE_KINDS = {"debug": "info", "info": "info", "success": "success", "warning": "alert", "error": "error"}


@register.simple_tag
def message_kind(message: Any) -> str:
    """The notification kind of a ``django.contrib.messages`` message."""
    return MESSAGE_KINDS.get(getattr(message, "level_tag", "info"), "info")


@register.simple_tag
def status_tag(text: str, kind: str = "neutral") -> SafeString:
    """A short status label (active, closed, overdue…): never colour alone, the text says it."""
    if kind not in STATUS_KINDS:
        kind = "neutral"
    modifier = "" if kind == "neutral" else f" hds-status-label--{kind}"
    return format_html('<span class="hds-status-label{}">{}</span>', modifier, text)


# ---- navigation: breadcrumbs, tabs, pagination ---------------------------------------------


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*trail: Any) -> dict[str, Any]:
    """``{% breadcrumbs label url label url … current_label %}``: the way back to this page."""
    items = list(trail)
    current = items.pop() if len(items) % 2 else None
    links = [(items[i], items[i + 1]) for i in range(0, len(items), 2)]
    return {"links": links, "current": current}


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context: Context, page: Any, query: str = "") -> dict[str, Any]:
    """Links to a list's pages (first, last and two around the current), keeping the filters."""
    if page is None or page.paginator.num_pages <= 1:
        return {"page": None}
    number, last = page.number, page.paginator.num_pages
    shown = sorted({1, last, *range(max(1, number - 2), min(last, number + 2) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    prefix = f"?{query}&" if query else "?"
    return {"page": page, "numbers": numbers, "prefix": prefix, "last": last}


class TabsNode(template.Node):
    def __init__(self, label: FilterExpression, nodelist: template.NodeList) -> None:
        self.label = label
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        return render_to_string(
            "components/tabs.html",
            {"label": self.label.resolve(context), "tabs": mark_safe(self.nodelist.render(context))},  # noqa: S308 - rendered output
        )


@register.tag
def tabs(parser: Parser, token: Token) -> TabsNode:
    """``{% tabs _("Client record") %}{% tab … %}…{% endtabs %}``: sections of a page as links."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("tabs takes one argument: the tab list's accessible name")
    nodelist = parser.parse(("endtabs",))
    parser.delete_first_token()
    return TabsNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag
def tab(label: str, url: str, current: bool = False, count: int | None = None) -> SafeString:
    """One tab: a link to a part of the page or another page; the current one is marked."""
    badge = format_html(' <span class="kp-tabs__count">{}</span>', count) if count is not None else ""
    if current:
        return format_html(
            '<li class="kp-tabs__item"><a class="kp-tabs__link" href="{}" aria-current="page">{}{}</a></li>',
            url,
            label,
            badge,
        )
    return format_html(
        '<li class="kp-tabs__item"><a class="kp-tabs__link" href="{}">{}{}</a></li>', url, label, badge
    )


# ---- tables ---------------------------------------------------------------------------------


class TableNode(template.Node):
    def __init__(self, options: dict[str, FilterExpression], nodelist: template.NodeList) -> None:
        self.options = options
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        values = {key: value.resolve(context) for key, value in self.options.items()}
        layout = values.get("layout", "scroll")
        if layout not in {"scroll", "stack"}:
            raise template.TemplateSyntaxError(f"Unknown table layout {layout!r}")
        return render_to_string(
            "components/table.html",
            {
                "caption": values.get("caption", ""),
                "caption_hidden": bool(values.get("caption_hidden", False)),
                "layout": layout,
                "dense": bool(values.get("dense", False)),
                "extra_class": values.get("class", ""),
                "body": mark_safe(self.nodelist.render(context)),  # noqa: S308 - rendered output
            },
        )


@register.tag
def table(parser: Parser, token: Token) -> TableNode:
    """``{% table caption=… layout="stack" %}<thead>…</thead><tbody>…</tbody>{% endtable %}``.

    ``layout="scroll"`` (the default) scrolls the table inside its own box on a narrow screen;
    ``layout="stack"`` shows each row as a card there, labelling every cell with the
    ``data-label`` its ``<td>`` carries.
    """
    options: dict[str, FilterExpression] = {}
    for bit in token.split_contents()[1:]:
        key, sep, value = bit.partition("=")
        if not sep:
            raise template.TemplateSyntaxError("table takes key=value options")
        options[key] = parser.compile_filter(value)
    nodelist = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(options, nodelist)


# ---- page header, confirmations -------------------------------------------------------------


class PageHeaderNode(template.Node):
    def __init__(
        self, title: FilterExpression, lead: FilterExpression | None, nodelist: template.NodeList
    ) -> None:
        self.title = title
        self.lead = lead
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        return render_to_string(
            "components/page_header.html",
            {
                "title": self.title.resolve(context),
                "lead": self.lead.resolve(context) if self.lead else "",
                "actions": mark_safe(self.nodelist.render(context).strip()),  # noqa: S308 - rendered output
            },
        )


@register.tag
def page_header(parser: Parser, token: Token) -> PageHeaderNode:
    """``{% page_header title [lead] %}actions{% endpage_header %}``: h1, lead and the page's actions."""
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("page_header takes a title and an optional lead")
    nodelist = parser.parse(("endpage_header",))
    parser.delete_first_token()
    lead = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return PageHeaderNode(parser.compile_filter(bits[1]), lead, nodelist)


@register.inclusion_tag("components/confirm_action.html", takes_context=True)
def confirm_action(
    context: Context,
    url: str,
    label: str,
    question: str,
    confirm_label: str = "",
    variant: str = "danger",
    small: bool = True,
) -> dict[str, Any]:
    """A destructive action that asks first.

    Without JavaScript the button is a link to ``url``, whose GET answers with a confirmation
    page (``kotopolku.core.components.confirmation_page``); with JavaScript the same question
    opens in a ``<dialog>`` and its form posts to ``url`` directly.
    """
    # Dialog ids unique within the page being rendered.
    counter: list[int] = context.render_context.setdefault("confirm_action_counter", [0])  # type: ignore[list-item, assignment]
    counter[0] += 1
    return {
        "url": url,
        "label": label,
        "question": question,
        "confirm_label": confirm_label or label,
        "classes": button_classes(variant, small),
        "confirm_classes": button_classes(variant, False),
        "dialog_id": f"confirm-dialog-{counter[0]}",
        "csrf_token": context.get("csrf_token"),
    }
