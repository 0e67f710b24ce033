/** English vocabulary for extractors/persons.ts. */
export const PERSON_WORDS = {
  /** Words before a name that make it a person's name ("Mr. Martin", "Secretary Raimondo" is a role). */
  honorifics: ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Sir', 'Dame', 'Lord', 'Lady'],
  /** Roles and titles ("Secretary", "Director"); several words form a role when the last is one of these. */
  roles: [
    'Secretary', 'Minister', 'President', 'Vice', 'Director', 'Deputy', 'Chief', 'Executive', 'Officer', 'Spokesperson', 'Spokesman',
    'Spokeswoman', 'Senator', 'Sen', 'Representative', 'Rep', 'Governor', 'Commissioner', 'Chairman', 'Chairwoman', 'Chair', 'Ambassador',
    'General', 'Administrator', 'Head', 'CEO', 'CTO', 'CISO', 'CIO', 'Founder', 'Analyst', 'Researcher', 'Professor', 'Judge', 'Agent',
    'Inspector', 'Chancellor', 'Mayor', 'Admiral', 'Colonel', 'Lawmaker', 'Leader', 'Attorney', 'Prosecutor', 'Counsel', 'Adviser', 'Advisor',
    'Undersecretary', 'Assistant', 'Principal', 'Premier', 'Speaker', 'Coordinator', 'Manager', 'Partner', 'Strategist', 'Economist', 'Justice',
    'King', 'Queen', 'Prince', 'Princess', 'Duke', 'Duchess', 'Pope', 'Bishop', 'Archbishop', 'Cardinal', 'Coach', 'Author', 'Singer',
  ],
  /** English compounds are separate words: roles are recognized by `roles`. */
  roleSuffixes: [],
  roleLinks: ['of', 'for', 'at'],
  particles: ['van', 'de', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al'],
  notNames: [
    'The', 'A', 'An', 'He', 'She', 'It', 'We', 'They', 'I', 'You', 'And', 'Or', 'But', 'In', 'On', 'At', 'For', 'With', 'From', 'By', 'As',
    'If', 'When', 'While', 'After', 'Before', 'This', 'That', 'These', 'Those', 'Its', 'His', 'Her', 'Their', 'Our', 'According', 'Under',
    'Over', 'Since', 'Today', 'Yesterday', 'Meanwhile', 'However', 'Also', 'Mr', 'Mrs', 'Ms', 'Dr',
  ],
};
