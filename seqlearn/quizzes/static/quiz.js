/* seqlearn quick checks: check an answer in the browser, no kernel.
   Each <form class="sq-q"> holds one question; its data attributes carry the kind, the
   answer, the reason (data-explain) and the answer as text (data-solution). Pressing
   Check (or Enter) writes the verdict and the reason into the form's live region. */
(function () {
  "use strict";
  // In a notebook the output's HTML may not be in the document yet when this runs, so
  // the forms next to this script are bound directly.
  var here = document.currentScript;
  var NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

  function parseNumber(text) {
    var t = String(text).replace(/[\s,_]/g, "");
    return NUMBER.test(t) ? parseFloat(t) : null;
  }

  function verdict(form) {
    var kind = form.getAttribute("data-kind");
    if (kind === "choice") {
      var picked = form.querySelector("input[type=radio]:checked");
      if (!picked) return { missing: "Choose an answer first." };
      return { right: parseInt(picked.value, 10) ===
                      parseInt(form.getAttribute("data-answer"), 10) };
    }
    var input = form.querySelector("input[type=text]");
    if (!input.value.trim()) return { missing: "Type a number first." };
    var x = parseNumber(input.value);
    if (x === null) return { missing: "That is not a number: type digits, e.g. 12.5." };
    var answer = parseFloat(form.getAttribute("data-answer"));
    var tol = (form.querySelector(".sq-tol").getAttribute("value") || "0.01 0").split(" ");
    var allowed = Math.max(parseFloat(tol[0]) * Math.abs(answer), parseFloat(tol[1]));
    return { right: Math.abs(x - answer) <= allowed * (1 + 1e-12) };
  }

  function check(form) {
    var box = form.querySelector(".sq-feedback");
    var v = verdict(form);
    form.classList.remove("sq-right", "sq-wrong");
    var input = form.querySelector("input[type=text]");
    if (v.missing) {
      box.textContent = v.missing;
      if (input) input.removeAttribute("aria-invalid");
      return;
    }
    form.classList.add(v.right ? "sq-right" : "sq-wrong");
    if (input) input.setAttribute("aria-invalid", v.right ? "false" : "true");
    var head = v.right ? "\u2713 Right." :
      "\u2717 Not quite: the answer is " +
      form.getAttribute("data-solution").replace(/\.$/, "") + ".";
    box.textContent = head + " " + form.getAttribute("data-explain");
  }

  function init(root) {
    var forms = (root || document).querySelectorAll("form.sq-q:not([data-sq-ready])");
    Array.prototype.forEach.call(forms, function (form) {
      form.setAttribute("data-sq-ready", "1");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form);
      });
      // Enter checks the answer here, and is not passed on: in JupyterLab it would
      // otherwise switch the cell to edit mode instead of submitting the form.
      form.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target.tagName === "INPUT") {
          event.preventDefault();
          event.stopPropagation();
          check(form);
        }
      });
    });
  }

  if (window.seqlearnQuiz === undefined) {
    window.seqlearnQuiz = { init: init, check: check, parseNumber: parseNumber };
  }
  if (here && here.parentNode) init(here.parentNode);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
