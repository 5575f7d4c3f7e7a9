// The workspace's only script (the Content-Security-Policy allows no inline script). Every
// page works without it; it adds keyboard navigation between findings, filling in a missed
// finding's characters from a selection, and upload progress.
"use strict";

(function () {
  function findings() {
    return Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  }

  function marksOf(id) {
    return Array.prototype.slice.call(document.querySelectorAll("mark.ev")).filter(
      function (m) { return (m.getAttribute("data-findings") || "").split(" ").indexOf(id) >= 0; });
  }

  function focusFinding(step) {
    var list = findings();
    if (!list.length) { return; }
    var at = list.indexOf(document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("li.finding") : null);
    var next = list[(at + step + list.length) % list.length];
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var marks = marksOf(next.getAttribute("data-finding"));
    marks.forEach(function (m) { m.classList.add("current"); });
    if (marks.length) { marks[0].scrollIntoView({ block: "center" }); }
    next.focus({ preventScroll: marks.length > 0 });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    if (event.key === "j") { focusFinding(1); event.preventDefault(); }
    else if (event.key === "k") { focusFinding(-1); event.preventDefault(); }
    else if (event.key === "Enter" && target && target.matches && target.matches("li.finding")) {
      var details = target.querySelector("details.review");
      if (details) { details.open = true; var first = details.querySelector("input:not([type=hidden])"); if (first) { first.focus(); } }
      event.preventDefault();
    }
  });

  // Offsets of a selection in the document's text: count characters of text nodes outside
  // the numbered markers, which are not part of the text.
  function offsetIn(container, node, offset) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentElement.closest("sup.ref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var count = 0, current;
    while ((current = walker.nextNode())) {
      if (current === node) { return count + offset; }
      count += current.data.length;
    }
    return null;
  }

  document.addEventListener("mouseup", function () {
    var text = document.getElementById("doc-text"), form = document.getElementById("add-finding");
    var selection = window.getSelection();
    if (!text || !form || !selection || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
    var start = offsetIn(text, range.startContainer, range.startOffset);
    var end = offsetIn(text, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return; }
    form.querySelector("input[name=start]").value = String(start);
    form.querySelector("input[name=end]").value = String(end);
    var details = form.closest("details"); if (details) { details.open = true; }
  });

  function pollJob() {
    var box = document.getElementById("job");
    if (!box) { return; }
    fetch("/api/uploads/" + encodeURIComponent(box.getAttribute("data-job")), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (job) {
        document.getElementById("job-state").textContent = job.done ? "Done" : (job.interrupted
          ? "Interrupted: the server stopped before the end; what is listed is stored" : "Analysing…");
        var processed = job.stored + job.skipped + job.failed;
        document.getElementById("job-total").textContent = job.total === null ? ""
          : " of " + job.total + (job.total === 1 ? " document" : " documents");
        var bar = document.getElementById("job-progress");
        bar.max = job.total || 1; bar.value = job.total ? processed : 0; bar.textContent = String(processed);
        document.getElementById("job-stored").textContent = String(job.stored);
        document.getElementById("job-skipped").textContent = String(job.skipped);
        document.getElementById("job-failed").textContent = String(job.failed);
        var list = document.getElementById("job-documents");
        list.textContent = "";
        job.documents.forEach(function (id) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = "/documents/" + id; a.textContent = "Document " + id;
          li.appendChild(a); list.appendChild(li);
        });
        var failures = document.getElementById("job-failures");
        failures.textContent = "";
        job.failures.forEach(function (f) { var li = document.createElement("li"); li.textContent = f; failures.appendChild(li); });
        if (!job.done && !job.interrupted) { setTimeout(pollJob, 700); }
      })
      .catch(function () { /* signed out or gone: the page keeps what it last showed */ });
  }
  document.addEventListener("DOMContentLoaded", pollJob);
}());
