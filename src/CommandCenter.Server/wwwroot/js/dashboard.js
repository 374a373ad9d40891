// Page-level behaviour of the dashboard: starting Blazor with a patient reconnect, the
// "connection lost" banner, a full reload (= full re-sync) once a restarted server is back,
// the alarm sound and its mute switch, and the browser clock for the offset display.
(() => {
    const banner = document.getElementById("components-reconnect-modal");
    let audio;

    // Touch the class only when it changes: classList.add/remove rewrite the attribute even when
    // nothing changes, which the class observer below would see as a new state, forever.
    function show(text) {
        if (banner.textContent !== text) banner.textContent = text;
        if (!banner.classList.contains("cc-connection-show")) banner.classList.add("cc-connection-show");
    }

    function hide() {
        if (banner.classList.contains("cc-connection-show")) banner.classList.remove("cc-connection-show");
    }

    // Wait for the server to answer, then reload: the new circuit starts from a fresh snapshot,
    // so nothing stale (old colours) survives a server restart.
    let reloading = false;
    async function reloadWhenBack(attempt = 0) {
        if (attempt === 0) {
            if (reloading) return;
            reloading = true;
        }
        show(banner.dataset.lost);
        try {
            const r = await fetch("healthz", { cache: "no-store" });
            if (r.ok) {
                show(banner.dataset.reloading);
                location.reload();
                return;
            }
        } catch { /* still down */ }
        setTimeout(() => reloadWhenBack(attempt + 1), Math.min(500 * 2 ** attempt, 5000));
    }

    window.ccDashboard = {
        now: () => Date.now(),
        isMuted: () => localStorage.getItem("cc-muted") === "1",
        setMuted: muted => localStorage.setItem("cc-muted", muted ? "1" : "0"),
        // A short two-tone alert made in the browser (no audio file to ship or fetch).
        beep() {
            try {
                audio ??= new AudioContext();
                const now = audio.currentTime;
                [880, 660, 880].forEach((freq, i) => {
                    const osc = audio.createOscillator();
                    const gain = audio.createGain();
                    osc.frequency.value = freq;
                    gain.gain.setValueAtTime(0.2, now + i * 0.18);
                    gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.18 + 0.16);
                    osc.connect(gain).connect(audio.destination);
                    osc.start(now + i * 0.18);
                    osc.stop(now + i * 0.18 + 0.17);
                });
            } catch { /* no audio device: the banner still flashes */ }
        },
    };

    Blazor.start({
        circuit: {
            // Keep trying for as long as it takes (a wall display has nobody to click "retry"),
            // backing off to one attempt every 5 s.
            reconnectionOptions: {
                maxRetries: 100000,
                retryIntervalMilliseconds: previous => Math.min(500 * 2 ** previous, 5000),
            },
        },
    }).then(() => { banner.dataset.started = "true"; });

    // Blazor reports its connection on this element (it has the id Blazor looks for): by an event
    // in recent versions and by classes in all, so both are watched.
    // A gracefully stopping server pauses the circuit: resume it by ourselves once the server is
    // back (nobody stands at a wall display to press a button); if that fails, reload.
    let resuming = false;
    async function resumeWhenBack(attempt = 0) {
        if (attempt === 0) {
            if (resuming) return;
            resuming = true;
        }
        show(banner.dataset.lost);
        try {
            const r = await fetch("healthz", { cache: "no-store" });
            if (r.ok) {
                resuming = false;
                if (!(await Blazor.resumeCircuit())) reloadWhenBack();
                return;
            }
        } catch { /* still down */ }
        setTimeout(() => resumeWhenBack(attempt + 1), Math.min(500 * 2 ** attempt, 5000));
    }

    // While Blazor retries, also watch the server: once it answers but our circuit still cannot
    // rejoin (a restart forgot it, or the sign-in no longer holds), reload — the page then starts
    // from a fresh snapshot, or from the sign-in page with the way back to this view.
    let watching = false;
    async function watchServer(attempt = 0) {
        if (attempt === 0) {
            if (watching) return;
            watching = true;
        }
        if (!banner.classList.contains("cc-connection-show")) { watching = false; return; }
        try {
            const r = await fetch("healthz", { cache: "no-store" });
            if (r.ok) {
                setTimeout(() => {
                    watching = false;
                    if (banner.classList.contains("cc-connection-show")) reloadWhenBack();
                }, 3000);
                return;
            }
        } catch { /* still down */ }
        setTimeout(() => watchServer(attempt + 1), Math.min(500 * 2 ** attempt, 5000));
    }

    function onState(state) {
        if (state === "hide") {
            hide();
        } else if (state === "paused") {
            resumeWhenBack();
        } else if (state === "rejected" || state === "failed" || state === "resume-failed") {
            // The server forgot this circuit (it restarted): re-sync by reloading once it answers.
            reloadWhenBack();
        } else if (state) {
            show(banner.dataset.lost);
            watchServer();
        }
    }
    banner.addEventListener("components-reconnect-state-changed", e => onState(e.detail && e.detail.state));
    new MutationObserver(() => {
        const m = /components-reconnect-(show|hide|retrying|failed|rejected|paused|resume-failed)/.exec(banner.className);
        onState(m && (m[1] === "retrying" ? "show" : m[1]));
    }).observe(banner, { attributes: true, attributeFilter: ["class"] });
})();
