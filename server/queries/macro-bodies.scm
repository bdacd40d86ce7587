; Macro invocations whose bodies the outer tree does not parse as code. embedded-code.ts re-parses
; those that may contain an allocation call (kvec! itself is handled by allocation-calls.scm).
(macro_invocation
  macro: (_) @macro.name
  (token_tree) @macro.body) @macro.call
