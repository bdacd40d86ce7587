; Calls that take a lock or an RCU read-side guard; find-atomic-scopes.ts decides from the
; receiver's type whether the guard makes the context atomic (SpinLock) or not (Mutex).
(call_expression
  function: (field_expression value: (_) @guard.lock field: (field_identifier) @guard.method)
  (#any-of? @guard.method "lock" "lock_irqsave" "try_lock" "try_access")) @guard.call
(call_expression
  function: (scoped_identifier name: (identifier) @guard.fn)
  (#eq? @guard.fn "read_lock")) @guard.rcu
