/** Exit codes of the kalloc-lens command (README "Exit codes"). */
export const EXIT_OK = 0;
/** Findings at or above --fail-on (analyze). */
export const EXIT_FINDINGS = 1;
/** Bad usage or bad input (unknown flag, unreadable file, invalid size). */
export const EXIT_USAGE = 2;
/** A bug in kalloc-lens itself (an internal error), told apart from bad usage. */
export const EXIT_INTERNAL = 70;
