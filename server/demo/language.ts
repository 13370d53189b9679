import type { DataLanguage } from "../../shared/enums";

/** A demo text in the demo's language, given as its English original. */
export type Say = (english: string) => string;

/**
 * The demo's words in the language it is created in. The seed is written once, in English, and
 * every text it stores goes through `say`: so the records, their ids and their numbers are the
 * same in every language, and only the words differ. A text without a Dutch translation stops the
 * Dutch demo at once (the API tests create one) rather than leaving English in it.
 */
export function sayIn(language: DataLanguage): Say {
  if (language === "en") return (english) => english;
  return (english) => {
    const dutch = DUTCH[english];
    if (dutch === undefined) throw new Error(`The demo has no Dutch for "${english}"`);
    return dutch;
  };
}

const DUTCH: Readonly<Record<string, string>> = {
  // Segments, their buying motives, and the strategic themes.
  "Time-pressed professionals": "Drukbezette professionals",
  "Price-conscious families": "Prijsbewuste gezinnen",
  "Loyal regulars": "Trouwe vaste klanten",
  urgency: "urgentie",
  convenience: "gemak",
  price: "prijs",
  risk: "risico",
  trust: "vertrouwen",
  service: "service",
  "Effortless service": "Moeiteloze service",
  "Every contact solved the first time.": "Elk contact in één keer opgelost.",
  "Stores as showrooms": "Winkels als showroom",
  "Stores inspire; the web fulfils.": "De winkel inspireert; het web levert.",
  "One customer view": "Eén klantbeeld",
  "Every colleague sees the whole customer.": "Elke collega ziet de hele klant.",
  "Price wars": "Prijsoorlogen",
  "We do not compete on lowest price.": "We concurreren niet op de laagste prijs.",

  // Visits and findings.
  "Store manager, two colleagues on the floor": "Filiaalmanager, twee collega's op de vloer",
  "Team lead, three agents": "Teamleider, drie medewerkers",
  "Walked along for an hour and a half.": "Anderhalf uur meegelopen.",
  "Customer asked whether the jacket in the window is in stock in size M; nobody could check":
    "Klant vroeg of de jas in de etalage in maat M op voorraad is; niemand kon het nakijken",
  Frustrated: "Gefrustreerd",
  "Someone can see the stock at once": "Iemand ziet meteen de voorraad",
  "A visitor showed the product page on her phone and asked to collect it today": "Een bezoeker liet de productpagina op haar telefoon zien en wilde het vandaag ophalen",
  "Hopeful, then disappointed": "Hoopvol, daarna teleurgesteld",
  "Order online, pick up the same day": "Online bestellen, dezelfde dag ophalen",
  "Queue of seven at the only open till at 12:30": "Rij van zeven bij de enige open kassa om 12.30 uur",
  Impatient: "Ongeduldig",
  "Paying takes under five minutes": "Afrekenen duurt minder dan vijf minuten",
  "Caller repeated her order number to three colleagues": "Beller herhaalde haar ordernummer bij drie collega's",
  Annoyed: "Geërgerd",
  "Tell my story once": "Mijn verhaal één keer vertellen",
  "Checked stock online, drove to the store, item was not there after all": "Voorraad online bekeken, naar de winkel gereden, artikel was er toch niet",
  "Let down": "In de steek gelaten",
  "The stock shown online is the real stock": "De voorraad online is de echte voorraad",
  "Fitting rooms closed on a Saturday afternoon": "Paskamers dicht op een zaterdagmiddag",
  Irritated: "Geïrriteerd",
  "Try before I buy, any day": "Passen voor ik koop, elke dag",
  "Colleague explained the loyalty points clearly and warmly": "Collega legde de spaarpunten helder en hartelijk uit",
  Valued: "Gewaardeerd",
  "Being recognised as a regular": "Herkend worden als vaste klant",
  "Delivery slot email arrived after the parcel did": "De mail met het bezorgmoment kwam na het pakket",
  Confused: "In de war",
  "Messages in the right order": "Berichten in de goede volgorde",
  "Return at the store refused because it was bought online": "Retour in de winkel geweigerd omdat het online gekocht was",
  Angry: "Boos",
  "One shop, whatever the channel": "Eén winkel, welk kanaal ook",
  "Banner promised 30 % off, the till charged full price": "Banner beloofde 30 % korting, de kassa rekende de volle prijs",
  Cheated: "Bedrogen",
  "The advertised price is the price": "De geadverteerde prijs is de prijs",
  stock: "voorraad",
  pickup: "afhalen",

  // KPIs.
  Conversion: "Conversie",
  "Share of store visitors who buy something.": "Aandeel winkelbezoekers dat iets koopt.",
  "Spend per customer": "Besteding per klant",
  "Average receipt of a paying customer, including VAT.": "Gemiddelde bon van een betalende klant, inclusief btw.",
  NPS: "NPS",
  "Net Promoter Score from the receipt survey (−100 to 100).": "Net Promoter Score uit de bonenquête (−100 tot 100).",
  "12-month retention": "Retentie na 12 maanden",
  "Share of loyalty members who buy again within twelve months.": "Aandeel klantenkaarthouders dat binnen twaalf maanden opnieuw koopt.",

  // Experiments: what, who, the plan and every move in the decision log.
  "A greeter at the entrance on Saturdays": "Een gastheer bij de ingang op zaterdag",
  "a colleague who welcomes visitors at the door and points them to what they came for": "een collega die bezoekers bij de deur verwelkomt en de weg wijst naar waarvoor ze komen",
  "Store operations": "Winkeloperatie",
  "Seen on a Saturday floor walk: visitors turn around when nobody looks up.": "Gezien bij een zaterdagse winkelronde: bezoekers draaien om als niemand opkijkt.",
  "Queue-busting tablets at the tills": "Tablets tegen de rij bij de kassa's",
  "colleagues with payment tablets who take payment in the queue at peak hours": "collega's met betaaltablets die op drukke uren in de rij afrekenen",
  IT: "IT",
  Finance: "Financiën",
  "Choose and order four payment tablets": "Vier betaaltablets kiezen en bestellen",
  "Connect the tablets to the till system": "De tablets aansluiten op het kassasysteem",
  "Train the Amsterdam team on peak-hour roles": "Het Amsterdamse team trainen in de rollen op drukke uren",
  "Weekly check-in with the store manager": "Wekelijks overleg met de filiaalmanager",
  "Customers leave the queue on Saturdays; worth testing in one store.": "Klanten verlaten op zaterdag de rij; het testen waard in één winkel.",
  "Small investment, clear KPI; approved for one pilot store.": "Kleine investering, heldere KPI; goedgekeurd voor één pilotwinkel.",
  "Tablets live in Amsterdam; Utrecht is the control store.": "Tablets in gebruik in Amsterdam; Utrecht is de controlewinkel.",
  "Reserve online, pick up in store within the hour": "Online reserveren, binnen het uur ophalen in de winkel",
  "an in-stock check on the product page with pickup within the hour": "een voorraadcheck op de productpagina met ophalen binnen het uur",
  "E-commerce": "E-commerce",
  "Stock feed from the stores to the webshop": "Voorraadkoppeling van de winkels naar de webshop",
  "Pickup desk and signage in Rotterdam": "Afhaalbalie en bewegwijzering in Rotterdam",
  "Split product-page visitors 50/50": "Bezoekers van de productpagina 50/50 verdelen",
  "Treatment converted 22.75 % against 20.5 % for control.": "De testgroep converteerde 22,75 % tegen 20,5 % voor de controlegroep.",
  "Half of the visitors who ask in store checked the stock online first.": "De helft van de bezoekers die in de winkel iets vragen, keek eerst online naar de voorraad.",
  "Fits 'stores as showrooms'; approved.": "Past bij 'winkels als showroom'; goedgekeurd.",
  "Split live on the product pages.": "Verdeling live op de productpagina's.",
  "Both groups passed the required sample size.": "Beide groepen zijn over de benodigde steekproefomvang.",
  "Conversion up 2.25 points (p ≈ 0.014); no harm to spend per customer.": "Conversie 2,25 procentpunt hoger (p ≈ 0,014); geen schade aan de besteding per klant.",
  "Self-scan price checkers in the aisles": "Prijsscanners in de gangpaden",
  "price checkers on every aisle end, so nobody has to look for a colleague to ask what something costs":
    "prijsscanners aan elk eind van een gangpad, zodat niemand een collega hoeft te zoeken om te vragen wat iets kost",
  "Install price checkers in the three pilot stores": "Prijsscanners plaatsen in de drie pilotwinkels",
  "Brief the pilot store teams": "De teams van de pilotwinkels instrueren",
  "Three pilot stores against four comparable control stores; read on weekly conversion per store.":
    "Drie pilotwinkels tegen vier vergelijkbare controlewinkels; gemeten op de wekelijkse conversie per winkel.",
  "On floor walks customers hunt for prices and leave; a pilot in three stores is cheap.": "Bij winkelrondes zoeken klanten naar prijzen en vertrekken ze; een pilot in drie winkels is goedkoop.",
  "Approved as a pilot in three stores with four control stores.": "Goedgekeurd als pilot in drie winkels met vier controlewinkels.",
  "Price checkers live in Rotterdam, Den Haag and Eindhoven.": "Prijsscanners in gebruik in Rotterdam, Den Haag en Eindhoven.",
  "Eight weeks of measurements are in.": "Acht weken metingen zijn binnen.",
  "Conversion up in the pilot stores against the control stores; spend and NPS held.": "Conversie hoger in de pilotwinkels dan in de controlewinkels; besteding en NPS bleven gelijk.",

  // The business case.
  "Same-day pickup in every store": "Afhalen op dezelfde dag in elke winkel",
  "Visitors who can check stock online and collect within the hour convert more often. The pilot in Rotterdam lifted conversion by 2.25 points; this case rolls the in-stock check and a pickup desk out to every store.":
    "Bezoekers die online de voorraad kunnen zien en binnen het uur kunnen ophalen, kopen vaker. De pilot in Rotterdam verhoogde de conversie met 2,25 procentpunt; deze businesscase rolt de voorraadcheck en een afhaalbalie uit naar elke winkel.",
  "€120,000 for stock feeds, pickup desks and training in all stores, and €20,000 a year to run them.":
    "€ 120.000 voor voorraadkoppelingen, afhaalbalies en training in alle winkels, en € 20.000 per jaar om ze te draaien.",
  "store visitors a year": "winkelbezoekers per jaar",
  "Do nothing": "Niets doen",
  "Keep pickup in Rotterdam only; the other stores go on without an in-stock check.": "Afhalen alleen in Rotterdam houden; de andere winkels gaan door zonder voorraadcheck.",
  "Roll out to every store": "Uitrollen naar elke winkel",
  "Stock feed, pickup desk and signage in all three stores within one quarter.": "Voorraadkoppeling, afhaalbalie en bewegwijzering in alle drie winkels binnen één kwartaal.",
  "Web check only": "Alleen de webcheck",
  "Show store stock on the product page, without a pickup promise.": "Winkelvoorraad tonen op de productpagina, zonder afhaalbelofte.",
  "Stock feed lags behind the shelves": "Voorraadkoppeling loopt achter op de schappen",
  "Hourly feed plus a nightly count in the pilot weeks; hide stock below two items.": "Elk uur een koppeling plus een nachtelijke telling in de pilotweken; voorraad onder twee stuks verbergen.",
  "Pickup desks understaffed at peak hours": "Afhaalbalies onderbezet op drukke uren",
  "Desk staffed from the till rota on Saturdays; a bell for quiet hours.": "Balie op zaterdag bemand vanuit het kassarooster; een bel voor rustige uren.",
  "Approve the roll-out to every store. The base scenario earns the investment back within five months; the low scenario still pays back within the three years, though its NPV is slightly below zero. It moves 'stores as showrooms' forward.":
    "Keur de uitrol naar elke winkel goed. Het basisscenario verdient de investering binnen vijf maanden terug; het lage scenario betaalt zich binnen de drie jaar nog steeds terug, al ligt de NCW net onder nul. Het brengt 'winkels als showroom' verder.",
  "Ready for the board: the pilot won and the numbers hold even in the low scenario.": "Klaar voor het bestuur: de pilot is gewonnen en de cijfers houden stand, zelfs in het lage scenario.",

  // Mystery shopping: the two templates and the shoppers' remarks.
  "Store visit": "Winkelbezoek",
  Welcome: "Ontvangst",
  "Were you greeted within a minute?": "Werd je binnen een minuut begroet?",
  "Did a colleague offer help without being asked?": "Bood een collega uit zichzelf hulp aan?",
  Advice: "Advies",
  "How well did the colleague know the product?": "Hoe goed kende de collega het product?",
  "Was the stock checked when your size was not on the shelf?": "Werd de voorraad nagekeken toen je maat niet in het schap lag?",
  Checkout: "Afrekenen",
  "Was the price at the till the price on the shelf?": "Was de prijs aan de kassa de prijs in het schap?",
  "Did you pay within five minutes?": "Had je binnen vijf minuten afgerekend?",
  "What stood out most?": "Wat viel het meest op?",
  "Phone call": "Telefoongesprek",
  "Getting through": "Bereikbaarheid",
  "Was the call answered within two minutes?": "Werd de telefoon binnen twee minuten opgenomen?",
  "Did the agent give their name?": "Noemde de medewerker zijn of haar naam?",
  Help: "Hulp",
  "Did the agent check who you were before discussing your order?": "Controleerde de medewerker wie je was voordat je bestelling werd besproken?",
  "Was your question solved in this call?": "Was je vraag in dit gesprek opgelost?",
  "How friendly was the agent?": "Hoe vriendelijk was de medewerker?",
  "Friendly team, but nobody looked up from the shelves.": "Vriendelijk team, maar niemand keek op van de schappen.",
  "Helpful, and the colleague walked me to the right aisle.": "Behulpzaam, en de collega liep mee naar het goede gangpad.",
  "Long wait, but the problem was solved in the end.": "Lang gewacht, maar het probleem werd uiteindelijk opgelost.",
  // The approved case whose benefits are tracked.
  "Fitting rooms staffed all weekend": "Paskamers het hele weekend bemand",
  "Staff them all weekend": "Het hele weekend bemensen",
  "Saturdays only": "Alleen op zaterdag",
  "Weekend rota cannot be filled": "Weekendrooster raakt niet gevuld",
  "On Saturday and Sunday afternoons fitting rooms close when the floor is busy, and visitors leave without buying. A colleague at the fitting rooms from 11:00 to 17:00 keeps them open in every store.": "Op zaterdag- en zondagmiddag gaan de paskamers dicht als het druk is op de vloer, en bezoekers vertrekken zonder te kopen. Een collega bij de paskamers van 11:00 tot 17:00 houdt ze in elke winkel open.",
  "€30,000 for a fitting-room desk and training in seven stores, and €26,000 a year of weekend hours.": "€ 30.000 voor een paskamerbalie en training in zeven winkels, en € 26.000 per jaar aan weekenduren.",
  "No experiment of ours: the scenarios come from the spring weekends in Utrecht, where staffed fitting rooms lifted weekend conversion by 0.3 to 1.0 points.": "Geen experiment van ons: de scenario's komen uit de voorjaarsweekenden in Utrecht, waar bemande paskamers de weekendconversie 0,3 tot 1,0 procentpunt verhoogden.",
  "Approve: the base scenario pays back within the first year, and the change can be stopped at any weekend if it does not deliver.": "Goedkeuren: het basisscenario verdient zich binnen het eerste jaar terug, en de verandering kan elk weekend worden gestopt als ze niets oplevert.",
  "Fitting rooms stay closed when the floor is short-handed.": "Paskamers blijven dicht als er op de vloer te weinig mensen zijn.",
  "A colleague at the fitting rooms on Saturday and Sunday, 11:00–17:00, in all seven stores.": "Een collega bij de paskamers op zaterdag en zondag, 11:00–17:00, in alle zeven winkels.",
  "Half the hours; Sunday afternoons stay unstaffed.": "De helft van de uren; zondagmiddagen blijven onbemand.",
  "Students on weekend contracts; the store manager covers a gap.": "Studenten met weekendcontracten; de winkelmanager vangt een gat op.",
  "Finance: weekend till receipts of all seven stores against the same weekends last year, the extra buyers times €35 margin; the two bank-holiday weekends left out.": "Finance: weekendkassabonnen van alle zeven winkels tegen dezelfde weekenden vorig jaar, de extra kopers maal € 35 marge; de twee feestdagweekenden niet meegeteld.",
  "As last quarter, checked by finance. Eindhoven's fitting rooms were closed for two weekends by a refit: those count nothing.": "Zoals vorig kwartaal, gecontroleerd door finance. De paskamers in Eindhoven waren twee weekenden dicht door een verbouwing: die tellen niet mee.",
  "Ready for the board: small investment, and it can be stopped any weekend.": "Klaar voor het bestuur: kleine investering, en het kan elk weekend worden gestopt.",
  "Approved for all seven stores; report the benefit each quarter with finance's figures.": "Goedgekeurd voor alle zeven winkels; rapporteer de opbrengst elk kwartaal met de cijfers van finance.",
};
