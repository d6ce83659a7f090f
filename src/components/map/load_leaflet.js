// Leaflet, loaded the first time a screen with a map needs it, and our extension of its canvas.
// The start page has no map: evaluating Leaflet before the app starts (a blocking script in
// index.html until December 2026) cost every first screen 35–90 ms of a phone-class CPU. The
// app calls `passerelleLoadLeaflet()` (components/map/leaflet_loader.rs) when it fetches a map
// screen's code, and again to wait for it; every call shares one load, and a failed one
// (offline) is forgotten so that the next call tries again.
(function () {
  'use strict';

  var LEAFLET = '/vendor/leaflet/leaflet.js';
  var loading = null;

  window.passerelleLoadLeaflet = function () {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = LEAFLET;
        script.onload = function () {
          installVacancyMarks(window.L);
          resolve();
        };
        script.onerror = function () {
          script.remove();
          loading = null;
          reject(new Error(LEAFLET + ' could not be fetched'));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  };

  // The vacancy marks on Leaflet's canvas: a circle marker that may carry a count (a cluster)
  // and the canvas that draws it. The map code (marks.rs) creates them through
  // `L.vacancyMark` and `L.vacancyMarksCanvas`.
  //
  // Clusters were DOM markers: at 100,000 vacancies, restyling and painting a few hundred of
  // them (each its own paint layer) was most of a pan or zoom's time on a phone-class CPU.
  // On the canvas a cluster costs a circle and a `fillText`, and nothing between two redraws.
  function installVacancyMarks(L) {
    var VacancyMark = L.CircleMarker.extend({
      options: { count: 1, countFont: '700 13px sans-serif', countColor: '#1c2430' },

      // Moves, restyles and recounts the mark with one redraw (setLatLng and setStyle would
      // each redraw it). `look` is one of a few shared option objects: a new one restyles.
      place: function (lat, lng, look, count, vacancyId) {
        this._latlng = L.latLng(lat, lng);
        this.options.count = count;
        // Read back by the map's click handler; absent on clusters.
        this.options.vacancyId = vacancyId;
        if (look !== this._look) {
          this._look = look;
          this.setStyle(look); // sets the radius, which redraws
        } else {
          this.redraw();
        }
        return this;
      },

      _updatePath: function () {
        this._renderer._updateCircle(this);
        if (this.options.count > 1) {
          this._renderer._fillCount(this);
        }
      }
    });

    var VacancyMarksCanvas = L.Canvas.extend({
      _initContainer: function () {
        L.Canvas.prototype._initContainer.call(this);
        var renderer = this;
        // What the canvas shows, for the browser tests (a canvas has no elements to read):
        // every mark in view, in page pixels, in drawing order.
        this._container.vacancyMarks = function () {
          return renderer._marksInView();
        };
      },

      _draw: function () {
        this._countFont = null;
        L.Canvas.prototype._draw.call(this);
      },

      // The count, centred in its circle (just drawn by `_updateCircle`).
      _fillCount: function (layer) {
        if (!this._drawing || layer._empty()) {
          return;
        }
        var ctx = this._ctx, p = layer._point, options = layer.options;
        // Setting the font parses it: once per drawing (Leaflet restores the context after).
        if (this._countFont !== options.countFont) {
          this._countFont = options.countFont;
          ctx.font = options.countFont;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
        }
        ctx.globalAlpha = 1;
        ctx.fillStyle = options.countColor;
        // Narrowed to fit inside the ring where the text is larger than the disc (a kiosk's
        // larger type, five-digit counts).
        var inside = 2 * layer._radius - options.weight - 2;
        ctx.fillText(String(options.count), p.x, p.y, inside);
      },

      _marksInView: function () {
        var marks = [], map = this._map;
        if (!map) {
          return marks;
        }
        var origin = map.getContainer().getBoundingClientRect();
        for (var order = this._drawFirst; order; order = order.next) {
          var layer = order.layer;
          if (layer._point && !layer._empty()) {
            var at = map.layerPointToContainerPoint(layer._point);
            marks.push({
              x: origin.left + at.x,
              y: origin.top + at.y,
              // To the outer edge of the ring.
              radius: layer._radius + (layer.options.stroke ? layer.options.weight / 2 : 0),
              count: layer.options.count
            });
          }
        }
        return marks;
      }
    });

    L.vacancyMark = function (renderer) {
      return new VacancyMark([0, 0], { renderer: renderer });
    };
    L.vacancyMarksCanvas = function (options) {
      return new VacancyMarksCanvas(options);
    };
  }
})();
