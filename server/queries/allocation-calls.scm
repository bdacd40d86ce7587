; Calls that may allocate through the kernel's Rust allocation API. The captures name roles;
; server/src/analysis/find-sites.ts keeps only the calls whose type and method the engine's
; call-chain tables know (KVec::push, KBox::new, Vec::try_push, ...), so the API list lives
; in one place. `@alloc.args` is the argument list: which argument is the flags, the count, the
; value or the Layout is the engine row's `args` (engine/src/data/rust-api-args.ts, and the
; kernel-API rows'), because the positions differ per API and the API list lives in the engine.

; Associated functions: KBox::new(x, f), KVec::<T>::with_capacity(n, f),
; kernel::alloc::KBox::new(..), Arc::pin_init(..), Kmalloc::alloc(..), A::realloc(..).
(call_expression
  function: (scoped_identifier
    path: [
      (identifier) @alloc.type
      (scoped_identifier name: (identifier) @alloc.type)
      (generic_type type: (type_identifier) @alloc.type type_arguments: (type_arguments) @alloc.type-args)
      (generic_type type: (scoped_type_identifier name: (type_identifier) @alloc.type) type_arguments: (type_arguments) @alloc.type-args)
      ; kernel::alloc::KVec::<u8>::with_capacity(..), super::Vec::<T, A>::with_capacity(..) (kbox.rs:321)
      (generic_type type: (scoped_identifier name: (identifier) @alloc.type) type_arguments: (type_arguments) @alloc.type-args)
    ]
    name: (identifier) @alloc.method)
  arguments: (arguments) @alloc.args) @alloc.call

; Qualified paths: <Arc<Group<C>> as InPlaceInit<Group<C>>>::try_pin_init(..) (rust/kernel/
; configfs.rs:361 in v7.1.5) and <KBox<Foo>>::new(..) call the written type's function.
(call_expression
  function: (scoped_identifier
    path: (bracketed_type [
      (qualified_type type: (generic_type type: (type_identifier) @alloc.type type_arguments: (type_arguments) @alloc.type-args))
      (qualified_type type: (generic_type type: (scoped_type_identifier name: (type_identifier) @alloc.type) type_arguments: (type_arguments) @alloc.type-args))
      (generic_type type: (type_identifier) @alloc.type type_arguments: (type_arguments) @alloc.type-args)
      (generic_type type: (scoped_type_identifier name: (type_identifier) @alloc.type) type_arguments: (type_arguments) @alloc.type-args)
    ])
    name: (identifier) @alloc.method)
  arguments: (arguments) @alloc.args) @alloc.call

; Turbofish on the function itself: KBox::new_uninit::<T>(f).
(call_expression
  function: (generic_function
    function: (scoped_identifier
      path: [
        (identifier) @alloc.type
        (scoped_identifier name: (identifier) @alloc.type)
      ]
      name: (identifier) @alloc.method)
    type_arguments: (type_arguments) @alloc.fn-type-args)
  arguments: (arguments) @alloc.args) @alloc.call

; Methods on a vector: v.push(x, GFP_KERNEL), self.items.reserve(n, f), v.try_push(x).
(call_expression
  function: (field_expression
    value: (_) @alloc.receiver
    field: (field_identifier) @alloc.method)
  arguments: (arguments) @alloc.args) @alloc.method-call

; kvec![], kvec![x; n], kvec![a, b, c], also by path: kernel::kvec![..]
(macro_invocation
  macro: [
    (identifier) @alloc.macro
    (scoped_identifier name: (identifier) @alloc.macro)
  ]
  (#eq? @alloc.macro "kvec")
  (token_tree) @alloc.args) @alloc.macro-call

; Macro bodies, which the tree does not parse as code: embedded-code.ts re-parses those that may
; contain an allocation call (try_pin_init!{ .. VVec::with_capacity(..) .. }). In this file so
; one traversal of the tree finds both.
(macro_invocation
  macro: (_) @macro.name
  (token_tree) @macro.body) @macro.call

; The expansions of a `macro_rules!` definition: re-parsed like macro bodies, with `$name`
; metavariables read as plain names, so a call written there is reported where its tokens are.
(macro_definition
  (macro_rule
    right: (token_tree) @macro.body) @macro.call)
