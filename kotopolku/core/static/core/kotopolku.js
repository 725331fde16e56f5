// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });

  // Confirmations: the link leads to a confirmation page; with JavaScript the same question
  // opens in a dialog on this page instead.
  document.querySelectorAll("a[data-confirm-dialog]").forEach((link) => {
    const dialog = document.getElementById(link.dataset.confirmDialog);
    if (!dialog || typeof dialog.showModal !== "function") return;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      dialog.showModal();
    });
    dialog.querySelectorAll("[data-dialog-close]").forEach((button) => {
      button.addEventListener("click", () => {
        dialog.close();
        link.focus();
      });
    });
  });

  // A group of many checkboxes is one Tab stop: arrow keys move inside it, Space ticks
  // (the pattern of a listbox with multiple selection, on native checkboxes).
  document.querySelectorAll("fieldset[data-option-group]").forEach((group) => {
    const boxes = Array.from(group.querySelectorAll("input[type=checkbox]"));
    if (boxes.length < 2) return;
    const setStop = (index) => boxes.forEach((box, i) => { box.tabIndex = i === index ? 0 : -1; });
    setStop(Math.max(0, boxes.findIndex((box) => box.checked)));
    group.addEventListener("keydown", (event) => {
      const index = boxes.indexOf(document.activeElement);
      if (index < 0) return;
      const columns = Math.max(1, Math.round(group.querySelector(".kp-options").clientWidth / boxes[0].parentElement.clientWidth));
      const moves = { ArrowDown: columns, ArrowRight: 1, ArrowUp: -columns, ArrowLeft: -1, Home: -index, End: boxes.length - 1 - index };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const rtl = document.dir === "rtl" && (event.key === "ArrowLeft" || event.key === "ArrowRight");
      const next = Math.min(boxes.length - 1, Math.max(0, index + (rtl ? -moves[event.key] : moves[event.key])));
      setStop(next);
      boxes[next].focus();
    });
    group.addEventListener("focusin", (event) => {
      const index = boxes.indexOf(event.target);
      if (index >= 0) setStop(index);
    });
  });
});
