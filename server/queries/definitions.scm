; Items the workspace index records: types (with their fields and attributes), aliases,
; consts and statics, impl blocks (for `self`), and functions (for parameter types).
(struct_item name: (type_identifier) @def.name) @def.struct
(enum_item name: (type_identifier) @def.name) @def.enum
(union_item name: (type_identifier) @def.name) @def.union
(type_item name: (type_identifier) @def.name type: (_) @def.type) @def.alias
(const_item name: (identifier) @def.name type: (_) @def.type value: (_) @def.value) @def.const
(static_item name: (identifier) @def.name type: (_) @def.type) @def.static
