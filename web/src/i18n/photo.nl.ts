import type { PhotoDictionary } from "./photo.en";

/** Teksten van de fotoviewer. */
export const photoNl: PhotoDictionary = {
  "photoViewer.close": "Sluiten",
  "photoViewer.zoomIn": "Inzoomen",
  "photoViewer.zoomOut": "Uitzoomen",
  "photoViewer.fit": "Hele foto",
  "photoViewer.zoomLevel": "Vergroot tot {percent}",
  "photoViewer.hint": "Knijp of tik twee keer om te zoomen, sleep om rond te kijken.",
};
