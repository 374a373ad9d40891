// The one map's Leaflet wrapper (used by Components/Map/LeafletMap.razor; one map per element).
// Leaflet and leaflet.markercluster are loaded as classic scripts from wwwroot/lib (copied from npm
// by the build). Updates from the server are queued and applied once per animation frame; a marker
// changes in place (setIcon) and only the clusters holding changed markers are refreshed.

const rank = { ok: 0, warning: 1, offline: 2, alarm: 3 };
const worst = (a, b) => (rank[b] > rank[a] ? b : a);
const fills = { ok: "#1f9d55", warning: "#e0a100", offline: "#7b8794", alarm: "#e02424" };

function siteIcon(site, flashing) {
    return L.divIcon({
        className: `cc-marker cc-s-${site.s}${flashing ? " cc-flash" : ""}`,
        html: `<span data-site="${site.id}" data-status="${site.s}"></span>`,
        iconSize: [18, 18],
        iconAnchor: [9, 9],
    });
}

export async function create(element, dotnet, options) {
    const map = L.map(element, {
        zoomControl: !options.wall,
        attributionControl: !!options.tileUrl,
        zoomSnap: 0.25,
        preferCanvas: false,
        minZoom: 5,
        maxZoom: 16,
    });
    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || "" }).addTo(map);
    } else {
        element.classList.add("cc-no-tiles");
    }

    const markers = new Map();   // site id -> L.Marker (options.cc = latest site)
    const pending = new Map();   // site id -> site, applied on the next frame
    const flashing = new Set();
    const regionLayers = new Map(); // region code -> L.Path
    let shading = {};            // region code -> { alarms, worst }
    let view = { level: "province", code: options.province };
    let frame = 0;

    const cluster = L.markerClusterGroup({
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        disableClusteringAtZoom: 11,
        maxClusterRadius: 48,
        chunkedLoading: true,
        iconCreateFunction: c => {
            let status = "ok";
            let flash = false;
            for (const m of c.getAllChildMarkers()) {
                status = worst(status, m.options.cc.s);
                flash ||= flashing.has(m.options.cc.id);
            }
            const size = c.getChildCount() < 10 ? 34 : c.getChildCount() < 100 ? 42 : 50;
            return L.divIcon({
                className: `cc-cluster cc-s-${status}${flash ? " cc-flash" : ""}`,
                html: `<span data-count="${c.getChildCount()}" data-status="${status}">${c.getChildCount()}</span>`,
                iconSize: [size, size],
            });
        },
    });

    // Boundaries: the shipped GeoJSON (cities bold, counties fine), served by the API.
    const [cities, counties] = await Promise.all(["prefectures", "counties"].map(layer =>
        fetch(`api/v1/geo/${layer}`, { credentials: "same-origin" }).then(r => r.json())));
    const countyLayer = L.geoJSON(counties, { style: () => regionStyle("county"), onEachFeature: bindRegion("county") }).addTo(map);
    const cityLayer = L.geoJSON(cities, { style: () => regionStyle("city"), onEachFeature: bindRegion("city") }).addTo(map);
    cluster.addTo(map);

    function bindRegion(level) {
        return (feature, layer) => {
            const code = feature.properties.code;
            regionLayers.set(code, layer);
            layer.feature.properties.level = level;
            layer.bindTooltip(feature.properties.name, {
                permanent: true, direction: "center", className: `cc-label cc-label-${level}`,
            });
            layer.on("click", () => {
                // Drill down one level from the current view: province → city → county.
                const city = level === "city" ? code : feature.properties.prefecture;
                const target = view.level === "province" ? city : level === "county" ? code : city;
                dotnet.invokeMethodAsync("RegionClicked", target);
            });
        };
    }

    function regionStyle(level, code) {
        const shaded = code && shading[code];
        const fillsThisLevel = (view.level === "province" && level === "city") || (view.level !== "province" && level === "county");
        const alarms = shaded ? shaded.alarms : 0;
        return {
            color: level === "city" ? "#8fb3d9" : "#3f5f80",
            weight: level === "city" ? 2 : 0.8,
            fill: fillsThisLevel,
            fillColor: alarms > 0 ? fills.alarm : "#1b3a5c",
            fillOpacity: fillsThisLevel ? (alarms > 0 ? Math.min(0.15 + alarms * 0.08, 0.55) : 0.25) : 0,
        };
    }

    function restyle() {
        for (const [code, layer] of regionLayers) {
            layer.setStyle(regionStyle(layer.feature.properties.level, code));
        }
        element.classList.toggle("cc-view-province", view.level === "province");
    }

    function makeMarker(site) {
        const marker = L.marker([site.lat, site.lon], { icon: siteIcon(site, flashing.has(site.id)), cc: site, keyboard: false });
        marker.bindTooltip(site.name, { direction: "top", offset: [0, -8] });
        marker.on("click", () => dotnet.invokeMethodAsync("SiteClicked", site.id));
        return marker;
    }

    function applyPending() {
        frame = 0;
        const added = [];
        const changed = [];
        for (const site of pending.values()) {
            const marker = markers.get(site.id);
            if (!marker) {
                const made = makeMarker(site);
                markers.set(site.id, made);
                added.push(made);
            } else if (marker.options.cc.s !== site.s || marker.options.cc.f !== site.f) {
                marker.options.cc = site;
                marker.setIcon(siteIcon(site, flashing.has(site.id)));
                changed.push(marker);
            }
        }
        pending.clear();
        if (added.length) cluster.addLayers(added);
        if (changed.length) cluster.refreshClusters(changed);
        element.dataset.sites = String(markers.size);
        element.dataset.alarmSites = String([...markers.values()].filter(m => m.options.cc.s === "alarm").length);
        element.dataset.applied = String((Number(element.dataset.applied) || 0) + 1);
    }

    function queue(sites) {
        for (const site of sites) {
            pending.set(site.id, site);
        }
        if (!frame) frame = requestAnimationFrame(applyPending);
    }

    function fit(code) {
        const layer = regionLayers.get(code);
        const bounds = layer ? layer.getBounds() : L.featureGroup([cityLayer]).getBounds();
        map.fitBounds(bounds, { padding: [16, 16] });
    }

    // The panel beside the map changes width (site view, wall mode): keep Leaflet's idea of the size right.
    const resized = new ResizeObserver(() => map.invalidateSize());
    resized.observe(element);

    map.on("zoomend", () => {
        element.classList.toggle("cc-zoom-near", map.getZoom() >= 8.5);
    });

    const handle = {
        leaflet: map, // for overlays drawn by other modules (custody-map.js)
        // Replaces every marker (first load and after a reconnect: never trust what the browser kept).
        reset(sites) {
            cluster.clearLayers();
            markers.clear();
            pending.clear();
            queue(sites);
        },
        update(sites) { queue(sites); },
        shade(byRegion) { shading = byRegion || {}; restyle(); },
        flash(siteIds) {
            const next = new Set(siteIds);
            const touched = [...flashing, ...next].filter(id => flashing.has(id) !== next.has(id));
            flashing.clear();
            next.forEach(id => flashing.add(id));
            const refreshed = [];
            for (const id of touched) {
                const marker = markers.get(id);
                if (marker) {
                    marker.setIcon(siteIcon(marker.options.cc, flashing.has(id)));
                    refreshed.push(marker);
                }
            }
            if (refreshed.length) cluster.refreshClusters(refreshed);
        },
        showRegion(level, code) {
            map.invalidateSize();
            view = { level, code };
            restyle();
            if (level === "province") {
                map.fitBounds(cityLayer.getBounds(), { padding: [16, 16] });
            } else {
                fit(code);
            }
        },
        showSite(siteId, lat, lon) {
            map.invalidateSize();
            view = { level: "site", code: siteId };
            restyle();
            map.setView([lat, lon], 13);
        },
        statusOf(siteId) { return markers.get(siteId)?.options.cc.s ?? null; },
        invalidate() { map.invalidateSize(); },
        dispose() {
            if (frame) cancelAnimationFrame(frame);
            resized.disconnect();
            map.remove();
            delete element.ccMap;
        },
    };
    element.ccMap = handle; // for end-to-end tests and operators' console checks
    restyle();
    map.fitBounds(cityLayer.getBounds(), { padding: [16, 16] });
    return handle;
}
