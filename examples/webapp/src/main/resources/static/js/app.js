// Progressive touches only: every page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  // The Copy button next to a secret shown once (hidden without JavaScript: the field can be selected).
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(field.value);
      button.textContent = "Copied";
    });
  }
});
