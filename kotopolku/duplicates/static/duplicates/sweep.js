// A running sweep's progress, updated in place: without this file the page says to reload.
(() => {
  const box = document.querySelector("[data-sweep-progress]");
  if (!box || !window.fetch) return;
  const text = box.querySelector(".hds-notification__body");
  const bar = box.querySelector("progress");
  const done = box.querySelector("[data-sweep-done]");
  const poll = async () => {
    let state;
    try {
      const response = await fetch(box.dataset.sweepProgress, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      state = await response.json();
    } catch (error) {
      window.setTimeout(poll, 5000); // the network blinked: try again a little later
      return;
    }
    if (text) text.textContent = state.text;
    if (bar) bar.value = state.progress;
    if (state.status === "done" || state.status === "failed") {
      if (bar) bar.remove();
      if (done && state.status === "done") done.hidden = false;
      return;
    }
    window.setTimeout(poll, 2000);
  };
  poll();
})();
