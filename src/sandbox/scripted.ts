/** An HTTP answer given in place of the bank's, for answers no test card gives (a 404, a 500). */
export interface ScriptedAnswer {
  status: number;
  body: unknown;
}
