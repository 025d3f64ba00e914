/**
 * Place names and demonyms the engine recognises as real places even when the fact base has
 * nothing on them. This is vocabulary, not knowledge: it lets "the Polish embassy" or "the
 * embassy in London" be declined as uncovered instead of being fuzzily corrected into a place
 * the base does cover.
 */
const COUNTRIES = `afghanistan afghan|albania albanian|algeria algerian|andorra|angola angolan|argentina argentine argentinian|
armenia armenian|australia australian|austria austrian|azerbaijan azerbaijani|bahrain bahraini|bangladesh bangladeshi|
belarus belarusian|belgium belgian|bolivia bolivian|bosnia bosnian|brazil brazilian|bulgaria bulgarian|cambodia cambodian|
cameroon|canada canadian|chile chilean|china chinese|colombia colombian|croatia croatian|cuba cuban|cyprus cypriot|
czechia czech|denmark danish|ecuador ecuadorian|egypt egyptian|estonia estonian|ethiopia ethiopian|finland finnish|
france french|georgia georgian|germany german|ghana ghanaian|hungary hungarian|iceland icelandic|india indian|
indonesia indonesian|iran iranian|iraq iraqi|ireland irish|israel israeli|japan japanese|jordan jordanian|
kazakhstan kazakh|kenya kenyan|kosovo|kuwait kuwaiti|kyrgyzstan|latvia latvian|lebanon lebanese|libya libyan|
lithuania lithuanian|luxembourg|malaysia malaysian|malta maltese|mexico mexican|moldova moldovan|mongolia mongolian|
montenegro|morocco moroccan|netherlands dutch|nigeria nigerian|norway norwegian|oman|pakistan pakistani|palestine palestinian|
panama|peru peruvian|philippines filipino|portugal portuguese|qatar qatari|romania romanian|saudi|serbia serbian|
singapore|slovakia slovak|slovenia slovenian|somalia somali|sudan sudanese|sweden swedish|switzerland swiss|syria syrian|
taiwan taiwanese|tajikistan|thailand thai|tunisia tunisian|turkey turkish turkiye|turkmenistan|uae emirati|uk british britain england english scotland|
uruguay|uzbekistan uzbek|vatican|venezuela venezuelan|vietnam vietnamese|yemen yemeni|zambia|zimbabwe|
korea korean|poland polish|italy italian|spain spanish|greece greek|ukraine ukrainian|russia russian|usa american`;

const CITIES = `london paris berlin moscow warsaw rome madrid athens washington beijing tokyo ottawa minsk vilnius riga tallinn
bucharest budapest prague vienna bern brussels amsterdam hague lisbon dublin oslo stockholm helsinki copenhagen
ankara istanbul tbilisi yerevan baku chisinau bratislava sofia belgrade zagreb ljubljana sarajevo skopje tirana
lviv kharkiv odesa odessa dnipro zaporizhzhia mykolaiv kherson donetsk luhansk mariupol crimea sevastopol
delhi islamabad tehran baghdad damascus beirut amman cairo riyadh doha dubai jerusalem telaviv kabul
seoul pyongyang manila jakarta bangkok hanoi canberra sydney wellington brasilia lima bogota caracas mexico havana
nairobi lagos abuja pretoria johannesburg algiers tunis rabat tripoli khartoum addis`;

/** Words that name a country or city the engine knows exists. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(
  `${COUNTRIES.replace(/\|/g, " ")} ${CITIES}`.split(/\s+/).filter(Boolean),
);
