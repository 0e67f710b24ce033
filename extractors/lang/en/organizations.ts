/** English vocabulary for extractors/organizations.ts. */
export const ORGANIZATION_WORDS = {
  /** Legal forms after a company's name ("Kaspersky Lab, Inc.", "Kaspersky Labs Limited"). */
  legalSuffixes: ['Inc.', 'Inc', 'Incorporated', 'Ltd.', 'Ltd', 'Limited', 'LLC', 'L.L.C.', 'LLP', 'LP', 'Corp.', 'Corp', 'Corporation', 'Co.', 'PLC', 'plc', 'S.A.', 'N.V.', 'B.V.', 'S.p.A.', 'AB', 'A/S', 'ASA', 'Oy', 'Pty Ltd', 'PJSC', 'JSC'],
  /** Legal forms written before the name, as Russian companies are named in English ("AO Kaspersky Lab"). */
  legalPrefixes: ['OOO', 'AO', 'ZAO', 'OAO', 'PAO', 'PJSC', 'JSC'],
  headNouns: ['Records', 'Group', 'Bank', 'Holdings', 'Museum', 'Theatre', 'Theater', 'University', 'College', 'Institute', 'Foundation', 'League', 'Times', 'Post', 'Journal', 'Herald', 'Tribune', 'Airlines', 'Airways', 'Motors', 'Pharmaceuticals', 'Systems', 'Technologies', 'Networks', 'Labs', 'Laboratories', 'Industries', 'Partners', 'Ventures'],
  cueNouns: [
    'company', 'firm', 'vendor', 'maker', 'manufacturer', 'provider', 'carrier', 'operator', 'developer', 'contractor', 'subsidiary',
    'newspaper', 'outlet', 'magazine', 'broadcaster', 'party', 'association', 'foundation', 'nonprofit', 'institute', 'group',
    'platform', 'app', 'giant', 'startup', 'conglomerate',
  ],
  /** The last word of a defined name that makes it a law or document, not an organization ("… Act (NDAA)"). */
  documentHeads: ['Act', 'Directive', 'Order', 'Regulation', 'Law', 'Bill', 'Treaty', 'Agreement', 'Strategy', 'Program', 'Programme', 'Framework', 'Standard', 'Plan', 'Report', 'Rule', 'Code', 'Notice', 'Advisory', 'Protocol', 'Vulnerability', 'Vulnerabilities', 'Exposures', 'System'],
  coordinators: ['and', 'or'],
};
