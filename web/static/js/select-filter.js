/* A search box over a long <select>: typing hides the options whose text does not contain what was typed
   (case-insensitive). Without JavaScript the box stays hidden and the select works as it is. */
(function () {
  "use strict";

  function attach(input) {
    var select = document.getElementById(input.dataset.filters);
    if (!select) { return; }
    input.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = query !== "" && option.textContent.toLocaleLowerCase().indexOf(query) < 0;
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (option) { return !option.hidden; });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filters]").forEach(attach);
  });
}());
