// The peers Passerelle is measured beside, each used the way its documentation recommends:
// - Leaflet 1.9 circleMarkers on the canvas renderer (`preferCanvas`), cleared and re-added;
// - Leaflet.markercluster 1.5 with `chunkedLoading`, clearLayers + addLayers;
// - supercluster 8: `load` the points, `getClusters` for the view on every move, drawn as in
//   its Leaflet demo (an L.geoJson layer, one divIcon marker per cluster).
// bench.mjs drives `window.peers`; a filter change's timing ends when the browser has painted the
// frame holding it, as Passerelle's timings do (the first full map's, two frames after the work).
'use strict';

const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
// The time the frame holding the work so far has been painted: a message posted from a frame
// callback runs once that frame's style, layout and paint are done (where Interaction to Next
// Paint ends), then the time of the next frame callback, a whole frame later: the bench's former
// end, kept so older figures stay comparable. Same as `paintedSrc` in bench.mjs.
const painted = () => new Promise((r) => requestAnimationFrame(() => {
  const c = new MessageChannel();
  c.port1.onmessage = () => {
    const at = performance.now();
    requestAnimationFrame(() => r({ at, nextFrame: performance.now() }));
  };
  c.port2.postMessage(null);
}));
const LEVELS = ['none', 'starter', 'basic', 'medium', 'good', 'very_good'];
// Passerelle's fit colours: within, one above, beyond, not stated.
const COLOURS = ['#1b7a3e', '#c26a00', '#8a8f98', '#6b3fa0'];

let map = null;
let points = [];
let peer = null;

/** Passerelle's filter (crates/core/src/filter.rs): Dutch level at most `dutchMax` (offers
 *  stating none are shown), contract, and the folded keyword in the precomputed text. */
function keeps(p, f) {
  return (f.dutchMax == null || p.level < 0 || p.level <= f.dutchMax)
    && (!f.contract || p.contract === f.contract)
    && (!f.keyword || p.text.includes(f.keyword) || (p.code != null && p.code.startsWith(f.keyword)));
}

function filtered(f) {
  const out = [];
  for (let i = 0; i < points.length; i++) if (keeps(points[i], f)) out.push(i);
  return out;
}

/** Fit class for someone at `mine` with a course: within, one above, beyond, not stated. */
function fitClass(p, mine) {
  if (p.level < 0) return 3;
  if (p.level <= mine) return 0;
  return p.level === mine + 1 ? 1 : 2;
}

const PEERS = {
  canvas: {
    options: { preferCanvas: true },
    build(mine) {
      const renderer = L.canvas();
      this.markers = points.map((p) => L.circleMarker([p.lat, p.lon], {
        renderer, radius: 6, weight: 1.5, color: '#ffffff', fillColor: COLOURS[fitClass(p, mine)], fillOpacity: 1,
      }));
      this.group = L.layerGroup().addTo(map);
    },
    async show(subset) {
      this.group.clearLayers();
      for (const i of subset) this.group.addLayer(this.markers[i]);
    },
  },
  markercluster: {
    options: {},
    build() {
      this.markers = points.map((p) => L.marker([p.lat, p.lon]));
      this.group = L.markerClusterGroup({
        chunkedLoading: true,
        chunkProgress: (processed, total) => {
          if (processed === total && this.done) this.done();
        },
      });
      map.addLayer(this.group);
    },
    show(subset) {
      return new Promise((resolve) => {
        // chunkProgress reports the last chunk just before the final synchronous pass.
        this.done = () => { this.done = null; setTimeout(resolve, 0); };
        this.group.clearLayers();
        if (subset.length === 0) { this.done(); return; }
        this.group.addLayers(subset.map((i) => this.markers[i]));
      });
    },
  },
  supercluster: {
    options: {},
    build() {
      this.features = points.map((p) => ({
        type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      }));
      this.index = new Supercluster({ radius: 60, maxZoom: 17 });
      this.layer = L.geoJson(null, { pointToLayer: clusterIcon }).addTo(map);
      map.on('moveend', () => this.draw());
    },
    async show(subset) {
      this.index.load(subset.map((i) => this.features[i]));
      this.draw();
    },
    draw() {
      const b = map.getBounds();
      const clusters = this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
      this.layer.clearLayers();
      this.layer.addData(clusters);
      this.shown = clusters.length;
    },
  },
};

/** supercluster's Leaflet demo: a plain marker per point, a counted divIcon per cluster. */
function clusterIcon(feature, latlng) {
  if (!feature.properties.cluster) return L.marker(latlng);
  const count = feature.properties.point_count;
  const size = count < 100 ? 'small' : count < 1000 ? 'medium' : 'large';
  const icon = L.divIcon({
    html: `<div><span>${feature.properties.point_count_abbreviated}</span></div>`,
    className: `marker-cluster marker-cluster-${size}`,
    iconSize: L.point(40, 40),
  });
  return L.marker(latlng, { icon });
}

window.peers = {
  /** A map of Passerelle's size on the same view: the home circle fitted. */
  start(kind, { width, height, centre, radiusKm }) {
    const el = document.getElementById('map');
    el.style.width = `${width}px`;
    el.style.height = `${height}px`;
    peer = PEERS[kind];
    map = L.map(el, { maxZoom: 18, ...peer.options, zoomControl: true });
    map.fitBounds(L.latLng(centre).toBounds(radiusKm * 2000));
    L.circle(centre, { radius: radiusKm * 1000, fill: false, interactive: false }).addTo(map);
  },
  /** Points arrive apart from any timing (bench.mjs measures memory before and after). */
  async fetchPoints(url) {
    points = await (await fetch(url)).json();
    return points.length;
  },
  /** Last page arrived → first full map: the peer's layer or index from every point. */
  async firstMap(filter) {
    const t0 = performance.now();
    peer.build(filter.mine);
    const subset = filtered(filter);
    await peer.show(subset);
    await twoFrames();
    return { ms: performance.now() - t0, shown: subset.length };
  },
  /** A filter change: filter every point, clear, re-add, paint. */
  async change(filter) {
    const t0 = performance.now();
    const subset = filtered(filter);
    await peer.show(subset);
    const p = await painted();
    return { ms: p.at - t0, twoFramesMs: p.nextFrame - t0, shown: subset.length };
  },
  levelIndex: (name) => LEVELS.indexOf(name),
};
