// The session player: timers, sides and sets, ratings, and saving each item as it ends.
// It reads the session from the page's JSON block (no inline script, CSP friendly) and
// saves each item's result with PATCH /api/v1/sessions/{id}/items/{n} before moving on.
// A result that cannot be sent yet is kept in localStorage and retried, so nothing is lost.
(function () {
  "use strict";

  var dataNode = document.getElementById("session-data");
  if (!dataNode || !window.SuppleDevice) { return; }
  var data = JSON.parse(dataNode.textContent);
  var session = data.session;
  var items = data.items;
  var scale = data.time_scale > 0 ? data.time_scale : 1;
  var timing = data.timing;
  var pendingKey = "supple-pending-" + session.id;
  var device = window.SuppleDevice;
  var readStore = device.readStore, writeStore = device.writeStore, beep = device.beep, buzz = device.buzz;
  var keepAwake = device.keepAwake, letSleep = device.letSleep, sendUntilDone = device.sendUntilDone;

  function $(id) { return document.getElementById(id); }
  var el = {
    player: $("player"), summary: $("summary"), summaryText: $("summary-text"), summaryTitle: $("summary-title"),
    img: $("item-img"), role: $("item-role"), region: $("item-region"), name: $("item-name"), dose: $("item-dose"),
    stage: $("stage"), side: $("step-side"), label: $("step-label"), timer: $("timer"), ring: $("ring-fill"),
    number: $("timer-number"), unit: $("timer-unit"), reps: $("rep-counter"), repCount: $("rep-count"),
    repTarget: $("rep-target"), controls: $("controls"), done: $("btn-done"), back: $("btn-back"),
    pause: $("btn-pause"), skip: $("btn-skip"), nextUp: $("next-up"), rating: $("rating"),
    ratingTitle: $("rating-title"), save: $("btn-save"), saveBox: $("save-box"), saveMessage: $("save-message"),
    retry: $("btn-retry"),
    saveState: $("save-state"), progressText: $("progress-text"), progressBar: $("progress-bar"),
    announcer: $("announcer"), setup: $("cues-setup"), movement: $("cues-movement"), avoid: $("cues-avoid")
  };

  function pending() {
    try { return JSON.parse(readStore(pendingKey) || "{}") || {}; } catch (e) { return {}; }
  }
  function setPending(position, result) {
    var all = pending();
    if (result === null) { delete all[position]; } else { all[position] = result; }
    writeStore(pendingKey, Object.keys(all).length ? JSON.stringify(all) : null);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { tick(); }
  });

  // -- announcements for screen readers: at changes and every 10 s, never each second ------
  var lastSaid = "";
  function say(text) {
    if (!el.announcer || text === lastSaid) { return; }
    lastSaid = text;
    el.announcer.textContent = text;
  }

  // -- the steps of one item: get ready, then each set and side, with switches and rests ---
  function stepsFor(item) {
    var sides = item.per_side ? ["left", "right"] : [null];
    var out = [{ kind: "position", seconds: timing.position, side: sides[0], set: 1 }];
    for (var set = 1; set <= item.sets; set++) {
      for (var s = 0; s < sides.length; s++) {
        if (s > 0) { out.push({ kind: "switch", seconds: timing["switch"], side: sides[s], set: set }); }
        else if (set > 1) { out.push({ kind: "rest", seconds: timing.rest, side: sides[s], set: set }); }
        if (item.hold_seconds !== null) {
          out.push({ kind: "hold", seconds: item.hold_seconds, side: sides[s], set: set });
        } else {
          out.push({ kind: "reps", reps: item.reps || 1, side: sides[s], set: set });
        }
      }
    }
    return out;
  }
  function isWork(step) { return step.kind === "hold" || step.kind === "reps" || step.kind === "position"; }

  // -- state --------------------------------------------------------------------------------
  var state = {
    position: 0, steps: [], index: 0, remaining: 0, paused: false, last: 0, reps: 0,
    holds: [], phase: "steps", saving: false, finished: session.finished_at !== null
  };
  var results = items.map(function (item) { return item.result; });
  var timerId = null;

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function clock(seconds) {
    var whole = Math.max(0, Math.ceil(seconds - 1e-6));
    if (whole < 60) { return String(whole); }
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }
  function doseText(item) {
    var work = item.hold_seconds !== null ? item.hold_seconds + " s hold" : item.reps + " reps";
    var text = (item.sets > 1 ? item.sets + " sets" : "1 set") + " \u00d7 " + work + (item.per_side ? " each side" : "");
    text += " \u00b7 level " + item.level;
    if (item.rung) { text += " of " + item.rung.of + ": " + item.rung.label; }
    return text;
  }
  function fillList(node, lines) {
    if (!node) { return; }
    node.textContent = "";
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      node.appendChild(li);
    });
  }
  function doneCount() { return results.filter(function (r) { return r !== null; }).length; }
  // Time done is the server's figure (core/time_done.py, `seconds_done` of the finished session),
  // worded as services' duration_text; without it the summary counts items only.
  var secondsDone = null;
  function durationText(seconds) {
    var minutes = Math.floor(Math.max(seconds, 0) / 60), rest = Math.max(seconds, 0) % 60;
    if (!minutes) { return rest + " s"; }
    return rest ? minutes + " min " + (rest < 10 ? "0" : "") + rest + " s" : minutes + " min";
  }
  function summaryText() {
    var done = items.filter(function (item, i) { return results[i] && results[i].done; });
    var text = "You did " + done.length + " of " + items.length + " items";
    return secondsDone === null ? text + "." : text + ": " + durationText(secondsDone) + " of work.";
  }

  // -- drawing ------------------------------------------------------------------------------
  function showItem(position) {
    var item = items[position];
    state.position = position;
    state.steps = stepsFor(item);
    state.holds = [];
    el.player.className = "player pl-role-accent-" + item.role;
    var picture = "/illustrations/" + item.exercise + ".svg?level=" + item.level;
    if (el.img.getAttribute("src") !== picture) {
      el.img.src = picture;
    }
    el.img.alt = "Drawing of " + item.name;
    el.role.className = "role role-" + item.role;
    el.role.textContent = data.roles[item.role] || item.role;
    el.region.textContent = item.region_name;
    el.name.textContent = item.name;
    el.dose.textContent = doseText(item);
    fillList(el.setup, item.cues.setup);
    fillList(el.movement, item.cues.movement);
    fillList(el.avoid, item.cues.avoid);
    var next = items[position + 1];
    el.nextUp.textContent = next ? "Next: " + next.name : "Last item of the session";
    el.progressText.textContent = "Item " + (position + 1) + " of " + items.length;
    el.progressBar.value = doneCount();
  }

  function startStep(index) {
    var step = state.steps[index];
    var item = items[state.position];
    state.index = index;
    state.phase = "steps";
    state.remaining = step.seconds || 0;
    state.reps = 0;
    state.last = performance.now();
    el.rating.hidden = true;
    el.player.classList.remove("pl-is-rating");
    el.stage.hidden = false;
    el.controls.hidden = false;
    el.side.hidden = !step.side;
    var sideText = step.side ? capital(step.side) + " side" : "";
    el.side.textContent = step.kind === "switch" ? "Switch to the " + step.side + " side" : sideText;
    var setText = "Set " + step.set + " of " + item.sets;
    var labels = {
      position: "Get into position" + (step.side ? ", " + step.side + " side first" : ""),
      hold: setText + " \u00b7 hold",
      reps: setText + " \u00b7 " + step.reps + " reps",
      "switch": "Change sides",
      rest: "Rest before set " + step.set
    };
    el.label.textContent = labels[step.kind];
    el.stage.className = "pl-stage pl-stage-" + step.kind;
    var counting = step.kind === "reps";
    el.timer.hidden = counting;
    el.reps.hidden = !counting;
    el.done.textContent = isWork(step) && step.kind !== "position" ? "Done" : "Ready, go";
    if (counting) {
      el.repTarget.textContent = String(step.reps);
      drawReps();
      say(item.name + ". " + (sideText ? sideText + ". " : "") + setText + ". Do " + step.reps + " reps, tap for each.");
    } else {
      var what = { position: "Get into position", hold: "Hold", "switch": "Switch sides", rest: "Rest" }[step.kind];
      say((step.kind === "position" ? item.name + ". " : "") + (sideText && step.kind !== "switch" ? sideText + ". " : "") +
        what + " for " + step.seconds + " seconds.");
    }
    state.spoken = Math.ceil(state.remaining);
    drawTimer();
    drawPause();
    keepAwake();
  }

  function drawTimer() {
    var step = state.steps[state.index];
    if (!step || step.kind === "reps") { return; }
    el.number.textContent = clock(state.remaining);
    el.unit.textContent = state.paused ? "paused" : (state.remaining >= 60 ? "min left" : "seconds");
    var share = step.seconds > 0 ? Math.max(0, Math.min(1, state.remaining / step.seconds)) : 0;
    el.ring.style.strokeDashoffset = String(100 - share * 100);
  }
  function drawReps() {
    el.repCount.textContent = String(state.reps);
  }
  function drawPause() {
    el.pause.textContent = state.paused ? "Resume" : "Pause";
    el.pause.setAttribute("aria-pressed", state.paused ? "true" : "false");
    el.stage.classList.toggle("pl-is-paused", state.paused);
  }

  // -- the clock: real time, scaled by the server's time_scale ------------------------------
  function tick() {
    var now = performance.now();
    var elapsed = (now - state.last) / 1000 / scale;
    state.last = now;
    if (state.phase !== "steps" || state.paused) { return; }
    var step = state.steps[state.index];
    if (!step || step.kind === "reps") { return; }
    state.remaining -= elapsed;
    if (state.remaining <= 0) {
      state.remaining = 0;
      finishStep(true);
      return;
    }
    var left = Math.ceil(state.remaining);
    if (left !== state.spoken && (left % 10 === 0 || left === 5)) {
      state.spoken = left;
      say(left + " seconds left");
    }
    drawTimer();
  }

  function finishStep(timedOut) {
    var step = state.steps[state.index];
    if (step.kind === "hold") {
      var held = Math.round(step.seconds - Math.max(0, state.remaining));
      state.holds.push(Math.max(0, Math.min(step.seconds, held)));
      beep(880, 2);
      buzz([200, 100, 200]);
      say("Hold done.");
    } else if (step.kind === "reps") {
      beep(880, 2);
      say("Set done.");
    } else if (timedOut) {
      beep(520, 1);
    }
    if (state.index + 1 < state.steps.length) {
      startStep(state.index + 1);
    } else {
      showRating();
    }
  }

  // -- rating and saving --------------------------------------------------------------------
  function showRating() {
    state.phase = "rating";
    el.stage.hidden = true;
    el.controls.hidden = true;
    el.rating.hidden = false;
    el.rating.reset();
    el.player.classList.add("pl-is-rating");
    el.save.disabled = false;
    say(items[state.position].name + " done. Rate your control and discomfort, then save.");
    el.ratingTitle.focus({ preventScroll: false });
  }

  function picked(name) {
    var chosen = el.rating.querySelector('input[name="' + name + '"]:checked');
    return chosen ? parseInt(chosen.value, 10) : null;
  }

  function resultNow(done) {
    var item = items[state.position];
    var result = { done: done, level: item.level, hold_seconds: null, control: null, discomfort: null };
    if (done) {
      result.control = picked("control");
      result.discomfort = picked("discomfort");
      if (item.hold_seconds !== null && state.holds.length) { result.hold_seconds = Math.min.apply(null, state.holds); }
    }
    return result;
  }

  function setSaveState(kind, text) {
    el.saveState.textContent = text;
    el.saveState.className = "pl-save-state pl-save-" + kind;
  }

  function showProblem(text, canRetry) {
    setSaveState("offline", "Not saved yet");
    el.saveMessage.textContent = text;
    el.retry.hidden = !canRetry;
    el.saveBox.hidden = false;
  }
  function clearProblem() {
    el.saveBox.hidden = true;
    el.saveMessage.textContent = "";
  }

  function saveResult(position, result) {
    setPending(position, result);
    setSaveState("busy", "Saving\u2026");
    var url = "/api/v1/sessions/" + session.id + "/items/" + position;
    return sendUntilDone("PATCH", url, result, function (seconds) {
      showProblem("Not saved yet: the server cannot be reached. Your answers are kept on this device; " +
        "trying again in " + seconds + " s.", true);
    }).then(function () {
      setPending(position, null);
      results[position] = result;
      el.progressBar.value = doneCount();
      clearProblem();
      setSaveState("ok", "Saved");
    }, function (error) {
      setPending(position, null);  // refused for good (the session is gone or the answer is invalid)
      throw error;
    });
  }

  function commit(done) {
    if (state.saving) { return; }
    state.saving = true;
    var position = state.position;
    var result = resultNow(done);
    state.phase = "saving";
    el.save.disabled = true;
    el.save.textContent = "Saving\u2026";
    saveResult(position, result).then(function () {
      state.saving = false;
      el.save.textContent = "Save and go on";
      goTo(nextOpen(position + 1));
    }, function (error) {
      state.saving = false;
      state.phase = "rating";
      el.save.disabled = false;
      el.save.textContent = "Save and go on";
      showProblem("The server refused this answer (" + error.message + "). Reload the page to do this item again.",
        false);
    });
  }

  function nextOpen(from) {
    for (var i = from; i < items.length; i++) { if (results[i] === null) { return i; } }
    for (var j = 0; j < from && j < items.length; j++) { if (results[j] === null) { return j; } }
    return null;
  }

  function goTo(position) {
    if (position === null) { finishSession(); return; }
    el.rating.hidden = true;
    state.paused = false;
    showItem(position);
    startStep(0);
    el.name.focus({ preventScroll: true });
  }

  function finishSession() {
    state.phase = "finishing";
    setSaveState("busy", "Saving\u2026");
    sendUntilDone("POST", "/api/v1/sessions/" + session.id + "/finish", undefined, function (seconds) {
      showProblem("Every answer is saved, but the session is not marked finished yet; trying again in " +
        seconds + " s.", true);
    }).then(function (finished) {
      clearProblem();
      setSaveState("ok", "Saved");
      if (finished && typeof finished.seconds_done === "number") { secondsDone = finished.seconds_done; }
      showSummary();
    }, function (error) {
      showProblem("The server would not finish the session (" + error.message + "); your answers are saved.", false);
      showSummary();
    });
  }

  function showSummary() {
    state.phase = "summary";
    state.finished = true;
    letSleep();
    el.player.hidden = true;
    el.summary.appendChild(el.saveBox);
    el.summary.hidden = false;
    el.summaryText.textContent = summaryText();
    el.progressText.textContent = "All items done";
    el.progressBar.value = items.length;
    say("Session done. " + summaryText());
    el.summaryTitle.focus({ preventScroll: true });
  }

  // -- controls -----------------------------------------------------------------------------
  function togglePause() {
    if (state.phase !== "steps") { return; }
    state.paused = !state.paused;
    state.last = performance.now();
    drawPause();
    drawTimer();
    say(state.paused ? "Paused." : "Going again.");
  }
  // A pause lasts until Resume (or until an item's answers are saved): Back and Done keep it.
  function back() {
    if (state.phase !== "steps") { return; }
    for (var i = state.index - 1; i >= 0; i--) {
      if (isWork(state.steps[i])) {
        if (state.steps[i].kind === "hold" && state.holds.length) { state.holds.pop(); }
        startStep(i);
        return;
      }
    }
    if (state.position > 0) {
      // Before the first step: go back to the previous item's last set (its answers can be redone).
      showItem(state.position - 1);
      startStep(state.steps.length - 1);
      return;
    }
    startStep(0);
  }
  function skip() {
    if (state.phase !== "steps") { return; }
    say("Skipped " + items[state.position].name + ".");
    commit(false);
  }
  function doneNow() {
    if (state.phase !== "steps") { return; }
    finishStep(false);
  }
  function countRep() {
    if (state.phase !== "steps") { return; }
    var step = state.steps[state.index];
    if (step.kind !== "reps") { return; }
    state.reps += 1;
    drawReps();
    if (state.reps >= step.reps) { finishStep(false); } else { beep(660, 1); }
  }

  el.pause.addEventListener("click", togglePause);
  el.back.addEventListener("click", back);
  el.skip.addEventListener("click", skip);
  el.done.addEventListener("click", doneNow);
  el.reps.addEventListener("click", countRep);
  el.rating.addEventListener("submit", function (event) { event.preventDefault(); commit(true); });
  el.retry.addEventListener("click", device.retryNow);
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    var onControl = tag === "BUTTON" || tag === "INPUT" || tag === "A" || tag === "TEXTAREA" || tag === "SELECT";
    var key = (event.key || "").toLowerCase();
    if (key === " " && onControl) { return; }  // Space presses the focused button or radio
    if (key === " " || key === "p") { event.preventDefault(); togglePause(); }
    else if (key === "d") { doneNow(); }
    else if (key === "b") { back(); }
    else if (key === "s") { skip(); }
  });

  // -- start: send anything kept from an earlier visit, then resume ---------------------------
  function start() {
    var kept = pending();
    var resend = Object.keys(kept).filter(function (p) { return results[p] === null && items[p]; });
    if (resend.length) {
      el.player.hidden = false;
      el.summary.hidden = true;
      el.stage.hidden = true;
      el.controls.hidden = true;
      say("Sending answers kept from before.");
      resend.reduce(function (chain, p) {
        return chain.then(function () { return saveResult(Number(p), kept[p]); });
      }, Promise.resolve()).then(resume, resume);
      return;
    }
    resume();
  }
  function resume() {
    var position = nextOpen(0);
    if (position === null) {
      if (state.finished) { showSummary(); } else { finishSession(); }
      return;
    }
    el.summary.hidden = true;
    el.player.hidden = false;
    showItem(position);
    startStep(0);
    timerId = timerId || setInterval(tick, 50);
  }
  start();
  timerId = timerId || setInterval(tick, 50);
}());
