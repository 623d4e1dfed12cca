/* Filters and sorting for the directions log table: progressive enhancement only.
 * Without this script the page shows the whole table. With it, the filter form (rendered
 * hidden in the page) is shown, column headings become sort buttons (aria-sort tells
 * assistive technology the order) and a polite live region announces the result.
 * All wording comes from data- attributes in the page template. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function setUp(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table || !table.tBodies.length) {
      return;
    }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var results = form.querySelector("[data-results]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    function announce(text) {
      // Clear first so that the same message is announced again.
      results.textContent = "";
      window.setTimeout(function () { results.textContent = text; }, 50);
    }

    function applyFilters() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) {
          var wanted = select.value;
          if (!wanted) {
            return true;
          }
          var values = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "")
            .split(" ");
          return values.indexOf(wanted) !== -1;
        });
        row.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      announce(format(form.getAttribute("data-announce"), {shown: shown, total: rows.length}));
    }

    function sortBy(index, button) {
      var header = headers[index];
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      var numeric = header.getAttribute("data-sort-type") === "number";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-sort") || "";
        var y = b.cells[index].getAttribute("data-sort") || "";
        var order;
        if (numeric) {
          order = (parseFloat(x) || 0) - (parseFloat(y) || 0);
        } else {
          order = x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"});
        }
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      announce(format(form.getAttribute("data-sorted"), {
        column: button.textContent,
        direction: form.getAttribute(ascending ? "data-ascending" : "data-descending")
      }));
    }

    headers.forEach(function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ijb-sort";
      button.textContent = header.textContent;
      button.addEventListener("click", function () { sortBy(index, button); });
      header.textContent = "";
      header.appendChild(button);
    });
    selects.forEach(function (select) {
      select.addEventListener("change", applyFilters);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(applyFilters, 0); });
    form.hidden = false;
  }

  function start() {
    var forms = document.querySelectorAll("form[data-table]");
    Array.prototype.forEach.call(forms, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
