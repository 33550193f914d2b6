// What an import has to tell the user, gathered while the importers map a file: plain warnings,
// and warnings about one thing that many items share ("Postman tests are not run: 'login',
// 'refresh' and 3 more have some"), which are written once, naming the items. It also remembers
// the variables that carry credentials, so the environments can store them as secrets.

const NAMED_ITEMS = 3;

interface Group {
  what: string;
  one: string;
  many: string;
  items: string[];
}

export class ImportNotes {
  readonly #entries: (string | Group)[] = [];
  readonly #groups = new Map<string, Group>();
  /** Variables used where a credential goes (an Authorization header, an API key). */
  readonly credentialVariables = new Set<string>();
  /** `{{...}}` an importer has already explained (a .http file's reference to another response). */
  readonly explainedTemplates = new Set<string>();

  /** A warning of its own ("The file has no requests."). */
  add(message: string): void {
    if (!this.#entries.includes(message)) this.#entries.push(message);
  }

  /**
   * `item` shares the problem `what`: "what: 'item' one" for one item, "what: 'a', 'b' many" for
   * more, e.g. about('Postman pre-request scripts are not run', 'login', 'has one', 'have one').
   */
  about(what: string, item: string, one: string, many: string): void {
    let group = this.#groups.get(what);
    if (!group) {
      group = { what, one, many, items: [] };
      this.#groups.set(what, group);
      this.#entries.push(group);
    }
    if (!group.items.includes(item)) group.items.push(item);
  }

  list(): string[] {
    return this.#entries.map((entry) => (typeof entry === 'string' ? entry : describeGroup(entry)));
  }
}

function describeGroup({ what, one, many, items }: Group): string {
  const quoted = items.slice(0, NAMED_ITEMS).map((item) => `'${item}'`);
  const rest = items.length - quoted.length;
  let names: string;
  if (rest > 0) names = `${quoted.join(', ')} and ${rest} more`;
  else if (quoted.length === 1) names = quoted[0]!;
  else names = `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
  const verb = items.length === 1 ? one : many;
  return verb === '' ? `${what}: ${names}` : `${what}: ${names} ${verb}`;
}
