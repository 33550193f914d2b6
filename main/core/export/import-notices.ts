// What an import tells the user about the parts of a file it could not use: bad lines are skipped
// with a notice (line number and reason), never fatal, and the list is bounded.

export interface ImportNotice {
  /** 1-based line number, when the problem belongs to one line. */
  line?: number;
  message: string;
}

export const MAX_NOTICES = 100;

export class NoticeList {
  readonly notices: ImportNotice[] = [];
  #dropped = 0;

  add(message: string, line?: number): void {
    if (this.notices.length < MAX_NOTICES) this.notices.push(line === undefined ? { message } : { line, message });
    else this.#dropped++;
  }

  /** Called once the file has been read: says how many notices did not fit. */
  finish(): void {
    if (this.#dropped > 0) {
      this.notices.push({ message: `${this.#dropped} more problems were found and not listed` });
      this.#dropped = 0;
    }
  }
}
