import type { Locator } from '@playwright/test';

/** A mark the map draws, in page pixels: a single vacancy (count 1) or a cluster. */
export interface DrawnMark {
  x: number;
  y: number;
  /** To the outer edge of its ring. */
  radius: number;
  count: number;
}

/**
 * The marks the map's canvas shows in view, in drawing order, as the canvas reports them
 * (src/components/map/load_leaflet.js). A canvas has no elements to find by role or text:
 * a person sees these discs, and a screen reader reads the list, their accessible twin.
 */
export async function drawnMarks(map: Locator): Promise<DrawnMark[]> {
  // Leaflet adds the canvas with the first mark: none is no marks (not a wait).
  return map
    .locator('.leaflet-vacancies-pane canvas')
    .evaluateAll((canvases) => canvases.flatMap((canvas) => (canvas as HTMLCanvasElement & { vacancyMarks(): DrawnMark[] }).vacancyMarks()));
}

/** The clusters among the marks in view. */
export async function drawnClusters(map: Locator): Promise<DrawnMark[]> {
  return (await drawnMarks(map)).filter((mark) => mark.count > 1);
}
