// What the session player needs from the browser, each used only where it is supported:
// storage that never throws, a beep (Web Audio), a buzz (vibration), the screen kept on
// (Screen Wake Lock), and sending to the server with retries. player.js uses it as
// window.SuppleDevice; nothing here knows about sessions.
(function () {
  "use strict";

  // -- storage that never throws (private mode, full disk) ---------------------------------
  function readStore(key) {
    try { return window.localStorage ? window.localStorage.getItem(key) : null; } catch (e) { return null; }
  }
  function writeStore(key, value) {
    try {
      if (!window.localStorage) { return; }
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* storage unavailable: the server copy is the only one */ }
  }

  // -- sound, vibration, wake lock: each only where the browser supports it ----------------
  var audio = null;
  function unlockAudio() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    if (!audio) {
      try { audio = new Ctx(); } catch (e) { audio = null; return; }
    }
    if (audio.state === "suspended" && audio.resume) { audio.resume().catch(function () {}); }
  }
  function beep(frequency, count) {
    if (!audio || audio.state !== "running") { return; }
    try {
      for (var i = 0; i < count; i++) {
        var start = audio.currentTime + i * 0.22;
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.type = "sine";
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.start(start);
        osc.stop(start + 0.2);
      }
    } catch (e) { /* no sound is better than a broken player */ }
  }
  function buzz(pattern) {
    if (typeof navigator.vibrate !== "function") { return; }
    if (navigator.userActivation && !navigator.userActivation.hasBeenActive) { return; }
    try { navigator.vibrate(pattern); } catch (e) { /* not allowed here */ }
  }
  var wakeLock = null;
  var wantAwake = true;
  function keepAwake() {
    if (!wantAwake || wakeLock || !("wakeLock" in navigator) || document.visibilityState !== "visible") { return; }
    try {
      navigator.wakeLock.request("screen").then(function (lock) {
        wakeLock = lock;
        lock.addEventListener("release", function () { wakeLock = null; });
      }).catch(function () { wakeLock = null; });
    } catch (e) { wakeLock = null; }
  }
  function letSleep() {
    wantAwake = false;
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { keepAwake(); }
  });
  document.addEventListener("pointerdown", unlockAudio, { passive: true });
  document.addEventListener("keydown", unlockAudio);

  // -- the server: JSON requests, retried after 1, 2, 4 ... 30 s while it cannot be reached --
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function send(method, url, body) {
    var init = { method: method, credentials: "same-origin", headers: { "X-CSRF-Token": csrfToken() } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (reply) {
      if (reply.ok) { return reply.json(); }
      var error = new Error("HTTP " + reply.status);
      error.status = reply.status;
      error.retry = reply.status >= 500 || reply.status === 429 || reply.status === 408;
      throw error;
    }, function (networkError) {
      var error = new Error("network: " + networkError.message);
      error.retry = true;
      throw error;
    });
  }

  // Send with retries (1 s, 2 s, 4 s … up to 30 s); resolves once the server has it.
  var retry = { now: null };
  function sendUntilDone(method, url, body, onWait) {
    return new Promise(function (resolve, reject) {
      var delay = 1000;
      function attempt() {
        retry.now = null;
        send(method, url, body).then(resolve, function (error) {
          if (!error.retry) { reject(error); return; }
          var timer = setTimeout(attempt, delay);
          retry.now = function () { clearTimeout(timer); attempt(); };
          onWait(Math.round(delay / 1000));
          delay = Math.min(delay * 2, 30000);
        });
      }
      attempt();
    });
  }
  function retryNow() { if (retry.now) { retry.now(); } }
  window.addEventListener("online", retryNow);

  window.SuppleDevice = {
    readStore: readStore, writeStore: writeStore, beep: beep, buzz: buzz, keepAwake: keepAwake,
    letSleep: letSleep, sendUntilDone: sendUntilDone, retryNow: retryNow
  };
}());
