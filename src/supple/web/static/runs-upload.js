// The Runs page's upload: drop files on the zone, and watch them being sent.
// Without this script the form still works (a plain post); with it, a progress bar shows
// how much has been sent, then the page reloads with the import's live progress line.
(function () {
  var form = document.querySelector("form[data-upload]");
  if (!form) { return; }
  var input = form.querySelector('input[type="file"]');
  var zone = form.querySelector(".drop-zone");
  var line = form.querySelector("[data-upload-progress]");
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", function (event) {
    if (!input.files.length || !window.XMLHttpRequest) { return; }
    event.preventDefault();
    var request = new XMLHttpRequest();
    var bar = line.querySelector("progress");
    var words = line.querySelector("span");
    line.hidden = false;
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(100 * e.loaded / e.total);
        words.textContent = "Sending… " + bar.value + " %";
      }
    });
    request.addEventListener("load", function () {
      if (request.status >= 200 && request.status < 400) {
        window.location.assign(request.responseURL || "/runs#imports");
      } else if (request.status === 413) {
        words.textContent = "That file is larger than this server takes in one upload.";
      } else {
        // The page again, with what was wrong said beside the form.
        var page = new DOMParser().parseFromString(request.responseText, "text/html").querySelector("main");
        if (page) { document.querySelector("main").replaceWith(page); } else { words.textContent = "The import could not start."; }
      }
    });
    request.addEventListener("error", function () {
      words.textContent = "The upload did not reach Supple: check the connection and try again.";
    });
    request.open("POST", form.action);
    request.send(new FormData(form));
  });
})();
