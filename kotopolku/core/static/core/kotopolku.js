// Progressive enhancement only: every page works without this file.
(() => {
  // Confirmations: the link leads to a confirmation page; with JavaScript the same question
  // opens in a dialog on this page instead.
  const enhanceConfirmations = (root) => {
    root.querySelectorAll("a[data-confirm-dialog]").forEach((link) => {
      const dialog = document.getElementById(link.dataset.confirmDialog);
      if (!dialog || typeof dialog.showModal !== "function" || link.dataset.enhanced) return;
      link.dataset.enhanced = "1";
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
  };

  // A group of many checkboxes is one Tab stop: arrow keys move inside it, Space ticks
  // (the keyboard pattern of a multi-select list, on native checkboxes).
  const enhanceOptionGroups = (root) => {
    root.querySelectorAll("fieldset[data-option-group]").forEach((group) => {
      const boxes = Array.from(group.querySelectorAll("input[type=checkbox]"));
      if (boxes.length < 2 || group.dataset.enhanced) return;
      group.dataset.enhanced = "1";
      const setStop = (index) => boxes.forEach((box, i) => { box.tabIndex = i === index ? 0 : -1; });
      setStop(Math.max(0, boxes.findIndex((box) => box.checked)));
      const columns = () => {
        const top = boxes[0].getBoundingClientRect().top;
        const sameRow = boxes.filter((box) => Math.abs(box.getBoundingClientRect().top - top) < 4).length;
        return Math.max(1, sameRow);
      };
      group.addEventListener("keydown", (event) => {
        const index = boxes.indexOf(document.activeElement);
        if (index < 0) return;
        const rtl = getComputedStyle(group).direction === "rtl";
        const step = { ArrowDown: columns(), ArrowUp: -columns(), ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
        let next;
        if (event.key in step) next = index + step[event.key];
        else if (event.key === "Home") next = 0;
        else if (event.key === "End") next = boxes.length - 1;
        else return;
        event.preventDefault();
        next = Math.min(boxes.length - 1, Math.max(0, next));
        setStop(next);
        boxes[next].focus();
      });
      group.addEventListener("focusin", (event) => {
        const index = boxes.indexOf(event.target);
        if (index >= 0) setStop(index);
      });
    });
  };

  const enhance = (root) => {
    root.querySelectorAll("select[data-autosubmit]").forEach((select) => {
      select.addEventListener("change", () => select.form.requestSubmit());
    });
    root.querySelectorAll("[data-print]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => window.print());
    });
    enhanceConfirmations(root);
    enhanceOptionGroups(root);
  };

  document.addEventListener("DOMContentLoaded", () => {
    const summary = document.getElementById("error-summary");
    if (summary) summary.focus();
    enhance(document);
  });
  // Parts of a page that htmx swaps in get the same enhancements.
  document.addEventListener("htmx:load", (event) => {
    if (event.target !== document.body) enhance(event.target);
  });
})();
