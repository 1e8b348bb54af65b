/* plangraph result tables: click a column's header to sort by it (again to reverse).
 *
 * Cells carry their sort key in data-sort (text in lower case, numbers as numbers), so
 * sorting never reads labels as HTML. Rows keep their order among equals. Without
 * JavaScript the table stays in the order the server gave it.
 */
(function () {
  "use strict";

  function key(row, column) {
    var cell = row.cells[column];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) { return x - y; }
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  function sortBy(button) {
    var th = button.closest("th");
    var table = button.closest("table");
    var column = Number(button.getAttribute("data-column"));
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th[aria-sort]").forEach(function (other) {
      other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, index) { return [row, index]; });
    rows.sort(function (p, q) {
      var order = compare(key(p[0], column), key(q[0], column));
      return (ascending ? order : -order) || p[1] - q[1];
    });
    rows.forEach(function (pair) { body.appendChild(pair[0]); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.sortable button.sort");
    if (button) { sortBy(button); }
  });
}());
