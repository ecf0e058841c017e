// Long work shows its progress. Uploads: a form marked data-upload is sent in the background:
// a bar follows the file going up, then the page says that the rows are being checked
// and stored (the server answers within seconds even for 10,000 rows), and the page the
// server answers replaces this one, as after a normal submit. Without JavaScript the form
// is a plain upload.
(function () {
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    var status = form.querySelector(".upload-status");
    var bar = status && status.querySelector("progress");
    var words = status && status.querySelector("span");
    if (!status || !window.FormData) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      status.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        bar.max = e.total;
        bar.value = e.loaded;
        words.textContent = form.dataset.sending.replace("{percent}", Math.round(100 * e.loaded / e.total));
      });
      request.upload.addEventListener("load", function () {
        bar.removeAttribute("value");  // indeterminate while the server works
        words.textContent = form.dataset.checking;
      });
      request.addEventListener("load", function () {
        history.replaceState(null, "", request.responseURL);
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener("error", function () {
        status.hidden = true;
        if (button) button.disabled = false;
        form.submit();  // let the browser try, and say what went wrong
      });
      request.send(new FormData(form));
    });
  });

  // Documents: a link marked data-preparing says the PDF is being prepared until the
  // browser has it (a 200-page report takes a few seconds).
  document.querySelectorAll("a[data-preparing]").forEach(function (link) {
    link.addEventListener("click", function () {
      var note = document.createElement("span");
      note.className = "muted preparing";
      note.setAttribute("role", "status");
      note.textContent = " " + link.dataset.preparing;
      link.after(note);
      setTimeout(function () { note.remove(); }, 15000);
    });
  });
})();
