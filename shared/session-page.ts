/** The id of the element in which the server writes the session into the app's page (server/http/shell-page.ts). */
export const SESSION_ELEMENT_ID = "session";
