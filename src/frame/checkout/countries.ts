/**
 * Countries for the address forms: ISO 3166-1 alpha-2 codes (the `<select>` values, what browser
 * autofill matches) with their numeric codes (what `AdditionalInfo.countryCode` carries, seed 004:
 * "United Kingdom: 826"). Names come from `Intl.DisplayNames` in the customer's locale. Data from
 * Debian's iso-codes 4.15 (249 entries).
 */
const DATA =
  'AD020AE784AF004AG028AI660AL008AM051AO024AQ010AR032AS016AT040AU036AW533AX248AZ031BA070BB052BD050BE056BF854BG100BH048BI108BJ204BL652BM060BN096BO068BQ535BR076BS044BT064BV074BW072BY112BZ084CA124CC166CD180CF140CG178CH756CI384CK184CL152CM120CN156CO170CR188CU192CV132CW531CX162CY196CZ203DE276DJ262DK208DM212DO214DZ012EC218EE233EG818EH732ER232ES724ET231FI246FJ242FK238FM583FO234FR250GA266GB826GD308GE268GF254GG831GH288GI292GL304GM270GN324GP312GQ226GR300GS239GT320GU316GW624GY328HK344HM334HN340HR191HT332HU348ID360IE372IL376IM833IN356IO086IQ368IR364IS352IT380JE832JM388JO400JP392KE404KG417KH116KI296KM174KN659KP408KR410KW414KY136KZ398LA418LB422LC662LI438LK144LR430LS426LT440LU442LV428LY434MA504MC492MD498ME499MF663MG450MH584MK807ML466MM104MN496MO446MP580MQ474MR478MS500MT470MU480MV462MW454MX484MY458MZ508NA516NC540NE562NF574NG566NI558NL528NO578NP524NR520NU570NZ554OM512PA591PE604PF258PG598PH608PK586PL616PM666PN612PR630PS275PT620PW585PY600QA634RE638RO642RS688RU643RW646SA682SB090SC690SD729SE752SG702SH654SI705SJ744SK703SL694SM674SN686SO706SR740SS728ST678SV222SX534SY760SZ748TC796TD148TF260TG768TH764TJ762TK772TL626TM795TN788TO776TR792TT780TV798TW158TZ834UA804UG800UM581US840UY858UZ860VA336VC670VE862VG092VI850VN704VU548WF876WS882YE887YT175ZA710ZM894ZW716';

export interface Country {
  alpha2: string;
  numeric: string;
  name: string;
}

const ENTRIES: ReadonlyMap<string, string> = new Map(
  Array.from({ length: DATA.length / 5 }, (_, i) => [DATA.slice(i * 5, i * 5 + 2), DATA.slice(i * 5 + 2, i * 5 + 5)] as const),
);

/** The numeric code of an alpha-2 code, e.g. `GB` → `826`; `undefined` when unknown. */
export function numericCountryCode(alpha2: string): string | undefined {
  return ENTRIES.get(alpha2.toUpperCase());
}

/** Every country, named in `locale` and sorted by that name. */
export function countries(locale: string): Country[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    names = null;
  }
  const list = Array.from(ENTRIES, ([alpha2, numeric]) => ({ alpha2, numeric, name: names?.of(alpha2) ?? alpha2 }));
  const collator = new Intl.Collator(locale);
  return list.sort((a, b) => collator.compare(a.name, b.name));
}

/** The country of a locale's region (`en-GB` → `GB`, `de` → `DE` by likely subtags), if known. */
export function countryOfLocale(locale: string): string | undefined {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && ENTRIES.has(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Countries whose addresses have no postal code (the list the big checkouts use); the postcode is
 * optional there.
 */
export const NO_POSTCODE_COUNTRIES: ReadonlySet<string> = new Set(
  'AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GD GH GM GQ GY HK JM KI KM KN KP LY ML MO MR MW NR NU QA RW SB SC SL SR ST SY TD TF TG TK TL TO TT TV UG VU YE ZW'.split(
    ' ',
  ),
);
