// The desk form, enhanced: every part of it works without this file.
if (!window.kotopolkuContactsDesk) {
  window.kotopolkuContactsDesk = true;

  // Enter saves the contact from a list or a check box too, as it does from a text field.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing || event.shiftKey) return;
    const target = event.target;
    const form = target.closest ? target.closest("form[data-contacts-form]") : null;
    if (!form || !target.matches("select, input[type=checkbox], input[type=radio]")) return;
    event.preventDefault();
    form.requestSubmit();
  });

  // A form with errors comes back as 400: show it in place instead of ignoring it.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const source = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
    if (event.detail.xhr.status === 400 && source && source.matches("form[data-contacts-form]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSettle", () => {
    const summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
}
