// Custody overlays on the one map (used by Components/Custody/CustodyMapOverlay.razor): bags by place per
// region, and the sites of a paper-set switch in progress. Drawn in their own pane above the markers that lets
// clicks through, on the Leaflet map that leaflet-map.js keeps on the element (element.ccMap.leaflet).

const state = new WeakMap(); // map element -> { bags, sites } layer groups

function layersOf(element) {
    const map = element?.ccMap?.leaflet;
    if (!map) return null;
    let layers = state.get(element);
    if (!layers) {
        const pane = map.createPane("ccCustody");
        pane.style.zIndex = 650;
        pane.style.pointerEvents = "none";
        layers = { bags: L.layerGroup().addTo(map), sites: L.layerGroup().addTo(map) };
        state.set(element, layers);
    }
    return layers;
}

const escape = text => String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

// badges: [{ code, name, lat, lon, counts: { vault, transit, site, opened, returned } }]; buckets: the order and labels.
export function showBags(element, badges, buckets) {
    const layers = layersOf(element);
    if (!layers) return false;
    layers.bags.clearLayers();
    for (const b of badges) {
        const parts = buckets.map(k => `<i class="cc-bb-${k.key}" data-bucket="${k.key}" title="${escape(k.label)}">${b.counts[k.key] || 0}</i>`).join("");
        const icon = L.divIcon({
            className: "cc-bagbadge",
            html: `<div data-bag-region="${escape(b.code)}" title="${escape(b.name)}">${parts}</div>`,
            iconSize: null,
            iconAnchor: [0, -14],
        });
        L.marker([b.lat, b.lon], { icon, pane: "ccCustody", interactive: false, keyboard: false }).addTo(layers.bags);
    }
    element.dataset.bagBadges = String(badges.length);
    return true;
}

export function hideBags(element) {
    const layers = layersOf(element);
    if (layers) layers.bags.clearLayers();
    element.dataset.bagBadges = "0";
}

// sites: [{ id, lat, lon, state }] with state pending | overdue | refused (acknowledged sites are not drawn).
export function showSwitchSites(element, sites) {
    const layers = layersOf(element);
    if (!layers) return false;
    layers.sites.clearLayers();
    for (const s of sites) {
        const icon = L.divIcon({
            className: `cc-switch-ring cc-sw-${s.state}`,
            html: `<span data-switch-site="${escape(s.id)}" data-state="${s.state}"></span>`,
            iconSize: [34, 34],
            iconAnchor: [17, 17],
        });
        L.marker([s.lat, s.lon], { icon, pane: "ccCustody", interactive: false, keyboard: false }).addTo(layers.sites);
    }
    element.dataset.switchSites = String(sites.length);
    return true;
}
