"""A form's fields as plain HTML, for the public site's filter forms.

Django renders every widget, and every option of a select, through its own template: for the
directory's five filters that cost more than the rest of the page. A form whose fields are only
text inputs, selects and checkboxes, and that shows no errors, is written here in one pass,
with the same markup Django writes (the test compares the two). A form with errors keeps
Django's rendering, which adds the error attributes.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.utils.safestring import mark_safe


def _attributes(**values: Any) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(parts)


def _widget(bound: forms.BoundField) -> str | None:
    field, widget, name = bound.field, bound.field.widget, bound.html_name
    value = bound.value()
    if isinstance(widget, forms.CheckboxInput):
        return f'<input type="checkbox"{_attributes(name=name, id=bound.auto_id, checked=bool(value))}>'
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        choices: list[tuple[Any, Any]] = list(getattr(field, "choices", []))
        if any(isinstance(label, list | tuple) for _code, label in choices):
            return None  # groups of options: Django writes them
        chosen = "" if value is None else str(value)
        options = "".join(
            f"  <option{_attributes(value=code, selected=str(code) == chosen)}>"
            f"{escape(str(label))}</option>\n\n"
            for code, label in choices
        )
        return f"<select{_attributes(name=name, id=bound.auto_id)}>\n{options}</select>"
    if type(widget) is forms.TextInput:
        maxlength = widget.attrs.get("maxlength")
        attributes = _attributes(name=name, value=value or None, maxlength=maxlength, id=bound.auto_id)
        return f'<input type="text"{attributes}>'

    return None


def plain_fields(form: forms.Form) -> list[dict[str, Any]] | None:
    """Each field's name, id, label and widget HTML; None when Django must render the form."""
    if form.is_bound and form.errors:
        return None
    rendered = []
    for bound in form:
        html = _widget(bound)
        if html is None:
            return None
        widget = mark_safe(html)  # noqa: S308 - every value and label is escaped above
        rendered.append(
            {"name": bound.name, "id_for_label": bound.id_for_label, "label": bound.label, "widget": widget}
        )
    return rendered
