import ORGANIZATION_GAZETTEER from './organizations.json' with { type: 'json' };

// The gazetteer typed, apart from the engine: the writer's thread asks it without loading the lexicons.

/**
 * An entry of the organization gazetteer (`organizations.json`): organizations that are not government bodies and
 * that news about security advisories, sanctions and bans names without introducing them: companies of the
 * technology, security and telecommunications sectors, news agencies and media, political parties, alliances and
 * international organizations, research institutes and NGOs. Written for this project from the organizations' own
 * public names; organizations a text introduces ("der Hersteller X", "X GmbH") are found without this list.
 */
export interface OrganizationEntry {
  name: string;
  /** Other names and spellings, German and English ("Europäische Union"); matched tolerant of inflection. */
  forms?: string[];
  /** Matched exactly as written ("NATO", "dpa"). */
  acronyms?: string[];
  kind: 'company' | 'media' | 'party' | 'alliance' | 'ngo' | 'research';
}

/** The gazetteer's organizations. */
export const ORGANIZATIONS = ORGANIZATION_GAZETTEER.organizations as readonly OrganizationEntry[];

/** An organization's knowledge-base key: its name, case and spacing folded. */
export const organizationKey = (name: string) =>
  `organization:${name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ')}`;

/** Whether a key is a gazetteer organization's own (not a longer name built around one, "AO Kaspersky Lab"). */
const LISTED_KEYS = new Set(ORGANIZATIONS.map((entry) => organizationKey(entry.name)));
/** Whether a key is a gazetteer organization's own. */
export const isListedOrganization = (key: string) => LISTED_KEYS.has(key);

/**
 * How security vendors name threat actors, so that a name of that shape is a group the text need not introduce:
 * Microsoft's weather families ("Volt Typhoon", "Midnight Blizzard"), CrowdStrike's animal families ("Fancy Bear",
 * "Wicked Panda"), and numbered designations ("APT28", "UNC2452", "TA505", "FIN7").
 */
export const THREAT_ACTOR_FAMILIES: readonly string[] = ORGANIZATION_GAZETTEER.threatActorFamilies;
export const THREAT_ACTOR_DESIGNATION = new RegExp(
  `^(?:${ORGANIZATION_GAZETTEER.threatActorPrefixes.join('|')})\\d{1,4}$`,
);
