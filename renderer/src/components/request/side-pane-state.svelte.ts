// Beside a session's timeline: which view the side pane shows (the LLM answer, the request as
// sent, the request's runs) and whether it is open. A request's tab opens it on the answer; a
// feed's keeps it folded until asked (the timeline is what a feed is watched for).

export type SideTab = 'answer' | 'request' | 'runs';

export class SidePaneState {
  tab = $state<SideTab>('answer');
  open = $state(false);

  constructor(request: boolean) {
    this.open = request;
    this.tab = request ? 'answer' : 'request';
  }

  show(tab: SideTab): void {
    this.tab = tab;
    this.open = true;
  }
}
