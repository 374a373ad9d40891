// The video wall's browser side: drag and drop of cameras onto tiles, and one live player per tile.
// Players come from ../video/live-player.js (fragmented MP4 into Media Source Extensions).
import '../video/live-player.js';

const players = new WeakMap();   // tile element -> { cameraId, player }

export function init(root, dotnet) {
    root.addEventListener('dragstart', e => {
        const camera = e.target.closest && e.target.closest('[data-camera]');
        if (camera && camera.dataset.camera) {
            e.dataTransfer.setData('text/plain', camera.dataset.camera);
            e.dataTransfer.effectAllowed = 'copy';
        }
    });
    root.addEventListener('dragover', e => {
        const tile = e.target.closest && e.target.closest('[data-tile]');
        if (tile && !tile.classList.contains('cc-vw-locked')) {
            e.preventDefault();
            tile.classList.add('cc-vw-over');
        }
    });
    root.addEventListener('dragleave', e => {
        const tile = e.target.closest && e.target.closest('[data-tile]');
        if (tile) tile.classList.remove('cc-vw-over');
    });
    root.addEventListener('drop', e => {
        const tile = e.target.closest && e.target.closest('[data-tile]');
        if (!tile) return;
        e.preventDefault();
        tile.classList.remove('cc-vw-over');
        // A camera of this list carries its id; a link dragged from the map's site panel (even from another window) its URL.
        const camera = e.dataTransfer.getData('text/plain') || e.dataTransfer.getData('text/uri-list');
        if (camera) dotnet.invokeMethodAsync('Drop', Number(tile.dataset.tile), camera);
    });
    // Drops work from here on (the prerendered page shows the cameras before the circuit is live).
    root.dataset.ready = 'true';
}

// Starts, changes or stops each tile's player to match what the server says the tile shows.
export function sync(root) {
    for (const tile of root.querySelectorAll('[data-tile]')) {
        const want = tile.dataset.camera || '';
        const current = players.get(tile);
        if (current && current.cameraId === want) continue;
        if (current) current.player.stop();
        players.delete(tile);
        if (!want) continue;
        const video = tile.querySelector('video');
        const state = () => tile.querySelector('.cc-vw-state');
        const player = new window.CcLivePlayer(video, (s, detail) => {
            tile.dataset.state = s;
            const el = state();
            // The player's states in the page's language (data-word-* on the root); the server's reason stays as it said it.
            const word = root.dataset['word' + s.charAt(0).toUpperCase() + s.slice(1)] || s;
            if (el) el.textContent = s === 'playing' ? '' : word + (detail ? ': ' + detail : '');
        });
        players.set(tile, { cameraId: want, player });
        player.play(want);
    }
}

export function dispose(root) {
    for (const tile of root.querySelectorAll('[data-tile]')) {
        const current = players.get(tile);
        if (current) current.player.stop();
        players.delete(tile);
    }
}
