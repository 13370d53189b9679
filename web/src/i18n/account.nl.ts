import type { AccountDictionary } from "./account.en";

/** Teksten van het eigen account (wachtwoord, sessies) en van wachtwoordherstellinks. */
export const accountNl: AccountDictionary = {
  "password.heading": "Wachtwoord",
  "password.current": "Huidig wachtwoord",
  "password.new": "Nieuw wachtwoord",
  "password.newHint": "Minstens 8 tekens, en geen veelgebruikt wachtwoord.",
  "password.confirm": "Nieuw wachtwoord nogmaals",
  "password.mismatch": "De twee nieuwe wachtwoorden zijn niet gelijk.",
  "password.wrongCurrent": "Dat is niet je huidige wachtwoord.",
  "password.change": "Wachtwoord wijzigen",
  "password.changed": "Wachtwoord gewijzigd. Je andere apparaten zijn uitgelogd; op dit apparaat blijf je ingelogd.",

  "sessions.everywhere": "Overal uitloggen",
  "sessions.everywhereHint": "Beëindigt je sessie op elk apparaat, ook dit: voor een kwijtgeraakte telefoon of een gedeelde computer waarop je vergat uit te loggen.",
  "sessions.confirm": "Op elk apparaat uitloggen, ook op dit?",
  "sessions.confirmYes": "Ja, overal uitloggen",

  "reset.action": "Wachtwoord herstellen",
  "reset.linkFor": "Stuur deze link zelf naar {name}. Daarmee kiest die een nieuw wachtwoord; al diens sessies eindigen.",
  "reset.link": "Eenmalige link om het wachtwoord te herstellen",
  "reset.linkHint": "Werkt één keer, tot {date}.",
  "reset.created": "Herstellink voor {name} gemaakt.",

  "reset.title": "Kies een nieuw wachtwoord",
  "reset.intro": "Kies een nieuw wachtwoord voor {email} ({org}). Je wordt overal elders uitgelogd en hier ingelogd.",
  "reset.submit": "Wachtwoord instellen en inloggen",
  "reset.invalid": "Deze herstellink is niet geldig. Controleer of je hem helemaal hebt gekopieerd, of vraag je beheerder om een nieuwe.",
  "reset.used": "Deze herstellink is al gebruikt. Vraag je beheerder om een nieuwe als je die nog nodig hebt.",
  "reset.expired": "Deze herstellink is verlopen. Vraag je beheerder om een nieuwe.",
  "reset.withdrawn": "Deze herstellink is niet meer geldig. Vraag je beheerder om een nieuwe.",
  "reset.toLogin": "Naar de inlogpagina",
};
