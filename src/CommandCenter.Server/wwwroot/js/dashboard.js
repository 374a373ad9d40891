// Page-level behaviour of the dashboard: starting Blazor with a patient reconnect, the
// "connection lost" banner, a full reload (= full re-sync) once a restarted server is back,
// the alarm sound and its mute switch, and the browser clock for the offset display.
(() => {
    const banner = document.getElementById("components-reconnect-modal");
    let audio;

    function show(text) {
        banner.textContent = text;
        banner.classList.add("cc-connection-show");
    }

    function hide() {
        banner.classList.remove("cc-connection-show");
    }

    // Wait for the server to answer, then reload: the new circuit starts from a fresh snapshot,
    // so nothing stale (old colours) survives a server restart.
    async function reloadWhenBack(attempt = 0) {
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

    // Blazor reports its connection on this element (it has the id Blazor looks for).
    banner.addEventListener("components-reconnect-state-changed", e => {
        const state = e.detail && e.detail.state;
        if (state === "hide") {
            hide();
        } else if (state === "rejected" || state === "failed") {
            // The server forgot this circuit (it restarted): re-sync by reloading once it answers.
            reloadWhenBack();
        } else {
            show(banner.dataset.lost);
        }
    });
})();
