/** Texts of the photo viewer, in English (`photo.nl.ts` mirrors the keys); they load with the viewer. */
export const photoEn = {
  "photoViewer.close": "Close",
  "photoViewer.zoomIn": "Zoom in",
  "photoViewer.zoomOut": "Zoom out",
  "photoViewer.fit": "Whole photo",
  "photoViewer.zoomLevel": "Zoomed to {percent}",
  "photoViewer.hint": "Pinch or double-tap to zoom, drag to look around.",
};

export type PhotoDictionary = Record<keyof typeof photoEn, string>;
