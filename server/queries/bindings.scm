; Names whose type a receiver can be resolved through, inside one function body.
(let_declaration pattern: (identifier) @binding.name type: (_)? @binding.type value: (_)? @binding.value) @binding.let
(let_declaration pattern: (mut_pattern (identifier) @binding.name) type: (_)? @binding.type value: (_)? @binding.value) @binding.let
(parameter pattern: (identifier) @binding.name type: (_) @binding.type) @binding.param
(parameter pattern: (mut_pattern (identifier) @binding.name) type: (_) @binding.type) @binding.param
